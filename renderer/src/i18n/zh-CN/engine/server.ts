/** Chinese for the hosts' text (userText templates in server/ and main/) — see ../../engine-text.ts. */
export const server: Record<string, string> = {
};
