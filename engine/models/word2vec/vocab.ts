/**
 * Vocabulary and the two word-frequency tables of word2vec (Mikolov et al. 2013, "Distributed Representations
 * of Words and Phrases and their Compositionality"): the subsampling keep probabilities and the unigram^0.75
 * noise table that negatives are drawn from. Formulas as in word2vec.c and gensim 4.
 */
import { StudioError } from '../../../contract/errors.ts';
import { userText } from '../../../contract/user-text.ts';
import type { Corpus } from './corpus.ts';

export interface Vocab {
  /** Kept words, most frequent first. Id = index. */
  words: string[];
  counts: Float64Array;
}

/**
 * Keep words with count >= minCount, sorted by descending count; ties keep first-occurrence order so the
 * numbering (and therefore a seeded run) does not depend on hash or sort-algorithm details.
 * Renumbers `corpus.tokens` in place; dropped words become -1 (skipped by training, still counted as words read).
 */
export function buildVocab(corpus: Corpus, minCount: number): Vocab {
  const { words, counts, tokens } = corpus;
  const kept: number[] = [];
  for (let id = 0; id < words.length; id++) if (counts[id] >= minCount) kept.push(id);
  // Provisional ids are first-occurrence order, so comparing them breaks ties by first occurrence.
  kept.sort((a, b) => counts[b] - counts[a] || a - b);
  if (kept.length === 0) {
    throw new StudioError('ValidationError', userText('No word occurs at least {minCount} times (minCount); the vocabulary would be empty', { minCount }));
  }
  const remap = new Int32Array(words.length).fill(-1);
  kept.forEach((old, id) => (remap[old] = id));
  for (let t = 0; t < tokens.length; t++) tokens[t] = remap[tokens[t]];
  return { words: kept.map((old) => words[old]), counts: Float64Array.from(kept, (old) => counts[old]) };
}

/**
 * Probability of keeping one occurrence of a word seen `count` times among `total` (in-vocabulary) words:
 * (sqrt(f / t) + 1) * t / f with f = count and t = sample * total, capped at 1 (word2vec.c; gensim `sample_int`).
 * Words rarer than about t are always kept; "the" in 1M words with sample 1e-3 keeps ~15% of its occurrences.
 */
export function keepProbability(count: number, total: number, sample: number): number {
  if (sample <= 0 || count <= 0) return 1;
  const t = sample * total;
  return Math.min(1, (Math.sqrt(count / t) + 1) * (t / count));
}

/**
 * Keep probabilities as uint32 thresholds, so the hot loop compares against one raw 32-bit random draw:
 * keep iff draw <= threshold (gensim stores `sample_int` the same way).
 */
export function keepThresholds(counts: Float64Array, sample: number): Uint32Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  return Uint32Array.from(counts, (c) => Math.round(keepProbability(c, total, sample) * 0xffffffff));
}

/** Negatives come from unigram^0.75 (Mikolov et al. 2013): rare words get more, frequent words fewer draws than by count. */
export const NOISE_POWER = 0.75;

/**
 * The noise distribution as a Walker/Vose alias table (Vose 1991): O(1) draws of exactly count^0.75 / Z, in
 * 8 bytes a word. word2vec.c's 1e8-slot table (400 MB) and even a 1.4M-slot one for Brown miss the cache on
 * every draw, which measured 2-4x slower here; gensim bisects a cumulative table instead.
 * Column i (drawn uniformly) keeps i with probability thresholds[2i] / 2^32, else gives alias thresholds[2i+1].
 * [2 * V]: threshold, alias interleaved so one draw touches one cache line.
 */
export function noiseTable(counts: Float64Array, power = NOISE_POWER): Uint32Array {
  const n = counts.length;
  const scaled = new Float64Array(n);
  let z = 0;
  for (let i = 0; i < n; i++) z += Math.pow(counts[i], power);
  for (let i = 0; i < n; i++) scaled[i] = (Math.pow(counts[i], power) / z) * n; // mean 1
  const table = new Uint32Array(2 * n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = n - 1; i >= 0; i--) (scaled[i] < 1 ? small : large).push(i);
  // Pair each under-full column with an over-full one that tops it up to exactly 1.
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    table[2 * s] = Math.floor(scaled[s] * 4294967296);
    table[2 * s + 1] = l;
    scaled[l] += scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  // What is left is full up to rounding: always keep.
  for (const i of [...small, ...large]) {
    table[2 * i] = 0xffffffff;
    table[2 * i + 1] = i;
  }
  return table;
}

/** One negative from two uint32 draws, as the hot loop does it inline (exported for tests). */
export function drawNoise(table: Uint32Array, column: number, coin: number): number {
  const i = Math.floor((column >>> 0) * ((table.length / 2) / 4294967296));
  return coin >>> 0 < table[2 * i] ? i : table[2 * i + 1];
}
