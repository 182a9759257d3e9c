/**
 * Histogram of document lengths (in tokens). Lengths are counted exactly (one Map entry per distinct length, a
 * few thousand at most) and binned at the end: up to 20 bins of a "nice" width (1, 2, 5 × 10^k) that cover the
 * shortest document up to the 99th percentile, plus — when a long tail remains — one last bin up to the longest
 * document, so a single huge document does not squash every other bar into the first one.
 */
import type { LengthBin } from '../../contract/corpus.ts';

const MAX_BINS = 20;

export class LengthHistogram {
  private readonly lengths = new Map<number, number>();

  add(length: number): void {
    this.lengths.set(length, (this.lengths.get(length) ?? 0) + 1);
  }

  bins(): LengthBin[] {
    if (this.lengths.size === 0) return [];
    const sorted = [...this.lengths.entries()].sort((a, b) => a[0] - b[0]);
    const total = sorted.reduce((sum, [, n]) => sum + n, 0);
    const min = sorted[0][0];
    const max = sorted[sorted.length - 1][0];
    const p99 = percentile(sorted, total, 0.99);

    const tailNeeded = max > p99;
    const width = niceWidth((p99 - min + 1) / (tailNeeded ? MAX_BINS - 1 : MAX_BINS));
    const start = Math.floor(min / width) * width;
    const bins: LengthBin[] = [];
    for (let lo = start; lo <= p99; lo += width) bins.push({ min: lo, max: lo + width - 1, count: 0 });
    const last = bins[bins.length - 1];
    if (last.max < max) bins.push({ min: last.max + 1, max, count: 0 });

    let b = 0;
    for (const [length, n] of sorted) {
      while (length > bins[b].max) b++;
      bins[b].count += n;
    }
    return bins;
  }
}

function percentile(sorted: Array<[number, number]>, total: number, q: number): number {
  const target = Math.ceil(total * q);
  let seen = 0;
  for (const [length, n] of sorted) {
    seen += n;
    if (seen >= target) return length;
  }
  return sorted[sorted.length - 1][0];
}

/** The smallest of 1, 2, 5, 10, 20, 50, … that is at least `raw`. */
function niceWidth(raw: number): number {
  if (raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 5, 10]) if (step * power >= raw) return step * power;
  return 10 * power;
}
