/**
 * word2vec: skip-gram and CBOW, trained with negative sampling, hierarchical softmax, or both.
 *   Mikolov, Chen, Corrado, Dean 2013, "Efficient Estimation of Word Representations in Vector Space"
 *   (the two architectures, hierarchical softmax over a Huffman tree — see huffman.ts);
 *   Mikolov, Sutskever, Chen, Corrado, Dean 2013, "Distributed Representations of Words and Phrases and their
 *   Compositionality" (negative sampling, subsampling).
 * The update rules follow word2vec.c / gensim's word2vec_inner.pyx. The loops are written for the V8 JIT: flat
 * [V, dim] matrices in one buffer, integer ids, no allocation in a batch, random numbers from an inlined
 * xorshift32 held in a local. The arithmetic goes through fused kernels (learn-kernels.ts, learn-simd.ts): this
 * file decides which rows are trained against which, the kernels do the dot products and updates.
 */

import { APPLY_E, EXP_SCALE, MAX_EXP, SIGMOID, SKIP_OUTSIDE, ZERO_E } from './learn-kernels.ts';
import type { LearnKernels } from './learn-kernels.ts';
import type { ThreadViews } from './weights.ts';

export { MAX_EXP };
/** The table's σ(x), exported so tests can check the table against the exact function. */
export const tableSigmoid = (x: number) => (x >= MAX_EXP ? 1 : x <= -MAX_EXP ? 0 : SIGMOID[((x + MAX_EXP) * EXP_SCALE) | 0]);

/** One xorshift32 step (Marsaglia 2003): fast, 2^32-1 period, state must be non-zero. The hot loops inline it. */
export function xorshift32(state: number): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state | 0;
}

/** A non-zero xorshift state from (seed, stream) via a splitmix32-style mix, so thread k of seed s is its own stream. */
export function seedState(seed: number, stream = 0): number {
  let z = (seed + Math.imul(stream + 1, 0x9e3779b9)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return z === 0 ? 0x6d2b79f5 : z;
}

/** Linear decay from alpha to minAlpha over all epochs, by words processed (gensim; word2vec.c floors instead). */
export const learningRate = (alpha: number, minAlpha: number, wordsDone: number, wordsTotal: number) =>
  alpha - (alpha - minAlpha) * Math.min(1, wordsDone / wordsTotal);

/** Words per batch; the learning rate is fixed within a batch (word2vec.c and gensim update it every ~10k words). */
export const BATCH_WORDS = 10000;

/** End (exclusive) of the batch of sentences starting at s: at least BATCH_WORDS words, or up to `end`. */
export function batchEnd(sentenceStarts: Int32Array, s: number, end: number): number {
  let s1 = s + 1;
  while (s1 < end && sentenceStarts[s1] - sentenceStarts[s] < BATCH_WORDS) s1++;
  return s1;
}

/** word2vec.c's reduced window: b = draw % window, and the context reaches window - b words each side (1..window). */
export const reducedWindow = (draw: number, window: number) => window - ((draw >>> 0) % window);

/** The corpus and its tables, and the hyper-parameters: the same for every thread. */
export interface ModelParts {
  dim: number;
  window: number;
  /** Noise words per example; 0 trains with hierarchical softmax alone. */
  negative: number;
  /** Hierarchical softmax (alone, or beside negative sampling as in word2vec.c: both add to the same gradient). */
  hs: boolean;
  cbow: boolean;
  /** Noise distribution (unigram^0.75) as an alias table, see vocab.ts noiseTable. [2 * V] */
  noise: Uint32Array;
  /** Subsampling keep thresholds on a uint32 draw. [V] */
  keep: Uint32Array;
  /** Corpus: ids (-1 = not in vocabulary) and sentence starts. [tokens], [sentences + 1] */
  tokens: Int32Array;
  sentenceStarts: Int32Array;
  /** Word w's Huffman path is entries hsStarts[w] .. hsStarts[w + 1] of the path lists in the weights. [V + 1], or empty without hs */
  hsStarts: Int32Array;
}

export interface Model extends ModelParts, ThreadViews {
  kernels: LearnKernels;
  /** Scratch: the subsampled sentence. [maxSentenceLength] */
  sen: Int32Array;
  /** xorshift32 state; copied to a local for a batch and written back. */
  rng: number;
  /** Sum of the training loss (negative sampling and/or hierarchical softmax; copied from the kernels' `loss` after each batch) and the number of training examples it sums over. */
  lossSum: number;
  lossCount: number;
  /** How many rows noiseTargets last listed. */
  targetCount: number;
}

/** A model for one thread: the shared parts, this thread's views of the weights, its kernels and random stream. */
export function createModel(parts: ModelParts, views: ThreadViews, kernels: LearnKernels, rngState: number, maxSentenceLength: number): Model {
  return {
    ...parts,
    ...views,
    kernels,
    sen: new Int32Array(maxSentenceLength),
    rng: rngState,
    lossSum: 0,
    lossCount: 0,
    targetCount: 0,
  };
}

/**
 * gensim 4's initialisation: syn0 uniform in [-1, 1) / dim (small, so early dot products stay linear); syn1neg
 * and syn1 zero. word2vec.c draws from half that range; with gensim's, our vectors after one epoch on Brown
 * agree with gensim's as closely as two gensim seeds agree with each other (bench/word2vec.mjs), with
 * word2vec.c's they measurably did not.
 */
export function initWeights(syn0: Float32Array, dim: number, seed: number): void {
  let rng = seedState(seed, -1);
  for (let i = 0; i < syn0.length; i++) {
    rng = xorshift32(rng);
    syn0[i] = ((rng >>> 0) / 2147483648 - 1) / dim;
  }
}

/** Train on sentences [s0, s1) at a fixed learning rate (word2vec.c and gensim also hold it for ~10k words). */
export function trainBatch(m: Model, s0: number, s1: number, alpha: number): void {
  if (m.cbow) cbowBatch(m, s0, s1, alpha);
  else skipGramBatch(m, s0, s1, alpha);
  m.lossSum = m.loss[0];
}

/** Subsample sentence s into m.sen (frequent words dropped before windows are drawn, as word2vec.c). */
function subsample(m: Model, s: number): number {
  const { tokens, keep, sen } = m;
  let rng = m.rng;
  let len = 0;
  for (let t = m.sentenceStarts[s], end = m.sentenceStarts[s + 1]; t < end; t++) {
    const w = tokens[t];
    if (w < 0) continue;
    rng ^= rng << 13;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    if (rng >>> 0 > keep[w]) continue;
    sen[len++] = w;
  }
  m.rng = rng;
  return len;
}

/**
 * Lists the syn1neg rows of `word` (label 1) and of `negative` noise words (label 0) at m.at.targets, for the
 * kernel's logistic regression against h; a noise draw equal to the word is dropped, as in word2vec.c.
 * Sets m.targetCount and returns the new rng state.
 */
function noiseTargets(m: Model, word: number, rng: number): number {
  const { dim, negative, noise, ints } = m;
  const { targets, syn1neg } = m.at;
  const scale = noise.length / 2 / 4294967296;
  ints[targets] = syn1neg + word * dim;
  let n = 1;
  for (let d = 0; d < negative; d++) {
    rng ^= rng << 13;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    const column = ((rng >>> 0) * scale) | 0; // = drawNoise in vocab.ts
    rng ^= rng << 13;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    const target = rng >>> 0 < noise[2 * column] ? column : noise[2 * column + 1];
    if (target === word) continue;
    ints[targets + n++] = syn1neg + target * dim;
  }
  m.targetCount = n;
  return rng;
}

/** Skip-gram: each context word's vector predicts the centre word (word2vec.c's orientation, also gensim's). */
function skipGramBatch(m: Model, s0: number, s1: number, alpha: number): void {
  const { dim, window, sen, negative, hs, hsStarts } = m;
  const { learn } = m.kernels;
  const { syn0, neu1e, targets, nsLabels, hsTargets, hsLabels, loss } = m.at;
  // With both objectives the gradient for h sums over both, and h is updated once (word2vec.c).
  const hsFlags = ZERO_E | SKIP_OUTSIDE | (negative > 0 ? 0 : APPLY_E);
  const nsFlags = (hs ? 0 : ZERO_E) | APPLY_E;
  for (let s = s0; s < s1; s++) {
    const len = subsample(m, s);
    let rng = m.rng;
    for (let i = 0; i < len; i++) {
      rng ^= rng << 13;
      rng ^= rng >>> 17;
      rng ^= rng << 5;
      const reach = reducedWindow(rng, window);
      const lo = i - reach > 0 ? i - reach : 0;
      const hi = i + reach + 1 < len ? i + reach + 1 : len;
      const word = sen[i];
      const path = hs ? hsStarts[word] : 0;
      const pathLength = hs ? hsStarts[word + 1] - path : 0;
      for (let j = lo; j < hi; j++) {
        if (j === i) continue;
        const h = syn0 + sen[j] * dim;
        if (hs) learn(h, neu1e, hsTargets + path, hsLabels + path, pathLength, alpha, hsFlags, loss);
        if (negative > 0) {
          rng = noiseTargets(m, word, rng);
          learn(h, neu1e, targets, nsLabels, m.targetCount, alpha, nsFlags, loss);
        }
        m.lossCount++;
      }
    }
    m.rng = rng;
  }
}

/** CBOW: the mean of the context vectors predicts the centre word (gensim cbow_mean=1); each context word gets the full gradient. */
function cbowBatch(m: Model, s0: number, s1: number, alpha: number): void {
  const { dim, window, sen, negative, hs, hsStarts, ints } = m;
  const { learn, mean, spread } = m.kernels;
  const { syn0, neu1, neu1e, targets, rows, nsLabels, hsTargets, hsLabels, loss } = m.at;
  for (let s = s0; s < s1; s++) {
    const len = subsample(m, s);
    let rng = m.rng;
    for (let i = 0; i < len; i++) {
      rng ^= rng << 13;
      rng ^= rng >>> 17;
      rng ^= rng << 5;
      const reach = reducedWindow(rng, window);
      const lo = i - reach > 0 ? i - reach : 0;
      const hi = i + reach + 1 < len ? i + reach + 1 : len;
      let count = 0;
      for (let j = lo; j < hi; j++) if (j !== i) ints[rows + count++] = syn0 + sen[j] * dim;
      if (count === 0) continue;
      mean(neu1, rows, count);
      const word = sen[i];
      if (hs) {
        const path = hsStarts[word];
        learn(neu1, neu1e, hsTargets + path, hsLabels + path, hsStarts[word + 1] - path, alpha, ZERO_E | SKIP_OUTSIDE, loss);
      }
      if (negative > 0) {
        rng = noiseTargets(m, word, rng);
        learn(neu1, neu1e, targets, nsLabels, m.targetCount, alpha, hs ? 0 : ZERO_E, loss);
      }
      spread(neu1e, rows, count);
      m.lossCount++;
    }
    m.rng = rng;
  }
}
