/**
 * Isolating a word and its neighbours: the explorer keeps only those points, at the positions they have in the
 * full picture (filtered, not re-projected), and the camera refits to them. Why not re-project the subset as the
 * Embedding Projector does: eleven points are too few for UMAP or t-SNE (their neighbourhoods need more points than
 * that), a re-projection would need an engine round trip per click, and keeping the full picture's positions lets
 * the subset be read against the map the user has just seen. Pure: no DOM.
 */

export interface IsolatedRows {
  /** Rows of the full picture kept, in the order asked (the selected word first). */
  rows: number[];
  /** Words asked for that are not among the words drawn. */
  missing: string[];
}

export function isolateRows(index: ReadonlyMap<string, number>, words: readonly string[]): IsolatedRows {
  const rows: number[] = [];
  const missing: string[] = [];
  const seen = new Set<number>();
  for (const w of words) {
    const row = index.get(w);
    if (row === undefined) missing.push(w);
    else if (!seen.has(row)) {
      seen.add(row);
      rows.push(row);
    }
  }
  return { rows, missing };
}

/** The rows `rows` of a row-major [n, dims] table. */
export function pickRows<T extends ArrayLike<number>>(values: T, dims: number, rows: readonly number[]): number[] {
  const out = new Array<number>(rows.length * dims);
  rows.forEach((row, k) => {
    for (let j = 0; j < dims; j++) out[k * dims + j] = values[row * dims + j];
  });
  return out;
}

/** Entries `rows` of a per-point array. */
export function pickEach<T>(values: ArrayLike<T>, rows: readonly number[]): T[] {
  return rows.map((row) => values[row]);
}
