/** The Train view and the model forms (models/*): settings, live training. */
export const train: Record<string, string> = {
};
