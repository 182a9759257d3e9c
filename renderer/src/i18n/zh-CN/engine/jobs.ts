/** Chinese for the engine's text (userText templates) from jobs — see ../../engine-text.ts. */
export const jobs: Record<string, string> = {
};
