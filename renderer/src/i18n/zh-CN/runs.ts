/** The Runs view: run list, details, reports, charts, the playground, comparisons. */
export const runs: Record<string, string> = {
};
