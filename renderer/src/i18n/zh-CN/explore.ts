/** The Explore view: neighbours, similarity, analogies, the embedding explorer, benchmarks. */
export const explore: Record<string, string> = {
};
