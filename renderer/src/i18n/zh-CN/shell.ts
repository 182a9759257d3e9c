/** The window's frame: navigation, status bar, banners, drops, confirmations, the first-run guide. */
export const shell: Record<string, string> = {
};
