/** The Corpora view: import, previews, corpus details. */
export const corpora: Record<string, string> = {
};
