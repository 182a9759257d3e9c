/** Chinese for the engine's text (userText templates) from data — see ../../engine-text.ts. */
export const data: Record<string, string> = {
};
