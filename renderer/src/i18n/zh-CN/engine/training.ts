/** Chinese for the engine's text (userText templates) from training — see ../../engine-text.ts. */
export const training: Record<string, string> = {
};
