/** Chinese for the engine's text (userText templates) from contract — see ../../engine-text.ts. */
export const contract: Record<string, string> = {
};
