/**
 * Counts words in bounded memory. Like word2vec.c's ReduceVocab: when the map grows past `maxEntries`, drop every
 * word seen at most `threshold` times (1, then 2, …) and carry on. Frequent words cross the threshold early and are
 * never dropped, so the top words stay right; rare words may be undercounted or lost, which is why the vocabulary
 * size then comes from a HyperLogLog estimate (every new word also goes into it) and is marked approximate.
 *
 * Memory: an entry (map slot, key string, count) measured ~55 bytes for 8-character words in V8, so the default
 * 5 M entries stay under ~400 MB even with longer words — safe inside Electron's 4 GB heap cage. A lower-cased
 * 1 GB English corpus typically has 1–3 M distinct tokens, so most imports never prune.
 */
import type { WordCount } from '../../contract/corpus.ts';
import { DistinctEstimate } from './distinct-estimate.ts';

export const DEFAULT_MAX_VOCAB_ENTRIES = 5_000_000;

export class VocabularyCounter {
  /** Word → slot in `counts`: a hit then costs one map lookup instead of a lookup and a store. */
  private slots = new Map<string, number>();
  private counts = new Float64Array(1024);
  private readonly distinct = new DistinctEstimate();
  private threshold = 0;

  constructor(private readonly maxEntries = DEFAULT_MAX_VOCAB_ENTRIES) {}

  add(word: string): void {
    const slot = this.slots.get(word);
    if (slot !== undefined) {
      this.counts[slot]++;
      return;
    }
    const next = this.slots.size;
    if (next === this.counts.length) this.counts = grow(this.counts, next * 2);
    this.counts[next] = 1;
    // Copy the key: a token can be a slice of its whole document, which the map would otherwise keep alive.
    this.slots.set((' ' + word).slice(1), next);
    this.distinct.add(word);
    if (this.slots.size > this.maxEntries) this.prune();
  }

  /** True once pruning dropped words: `size` is then an estimate. */
  get approximate(): boolean {
    return this.threshold > 0;
  }

  get size(): number {
    return this.approximate ? Math.max(this.slots.size, this.distinct.estimate()) : this.slots.size;
  }

  /** The `n` most frequent words, most frequent first; equal counts in code-point order of the word. */
  top(n: number): WordCount[] {
    const best: WordCount[] = [];
    const worse = (a: WordCount, b: WordCount) => a.count < b.count || (a.count === b.count && a.word > b.word);
    for (const [word, slot] of this.slots) {
      const count = this.counts[slot];
      const entry = { word, count };
      if (best.length === n && !worse(best[n - 1], entry)) continue;
      // Insertion into a short sorted list: n is 50, and most words fail the check above.
      let i = best.length === n ? n - 1 : best.length;
      while (i > 0 && worse(best[i - 1], entry)) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = entry;
    }
    return best;
  }

  /** Drop words seen at most `threshold` times, raising it until the map is 10% below the limit; compact slots. */
  private prune(): void {
    while (this.slots.size > this.maxEntries * 0.9) {
      this.threshold++;
      const slots = new Map<string, number>();
      const counts = new Float64Array(this.counts.length);
      for (const [word, slot] of this.slots) {
        if (this.counts[slot] <= this.threshold) continue;
        counts[slots.size] = this.counts[slot];
        slots.set(word, slots.size);
      }
      this.slots = slots;
      this.counts = counts;
    }
  }
}

function grow(counts: Float64Array, length: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(length);
  bigger.set(counts);
  return bigger;
}
