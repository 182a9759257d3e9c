/** Chinese for the engine's text (userText templates) from results — see ../../engine-text.ts. */
export const results: Record<string, string> = {
};
