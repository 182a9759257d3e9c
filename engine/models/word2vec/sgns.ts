/**
 * word2vec with negative sampling: skip-gram and CBOW.
 *   Mikolov, Chen, Corrado, Dean 2013, "Efficient Estimation of Word Representations in Vector Space";
 *   Mikolov, Sutskever, Chen, Corrado, Dean 2013, "Distributed Representations of Words and Phrases and their
 *   Compositionality" (negative sampling, subsampling).
 * The update rules follow word2vec.c / gensim's word2vec_inner.pyx line for line. The loops are written for the
 * V8 JIT: flat [V, dim] Float32Array matrices, integer ids, no allocation in a batch, random numbers from an
 * inlined xorshift32 held in a local; the vector arithmetic goes through three kernels (kernels.ts, simd.ts),
 * as gensim's goes through BLAS.
 */

import type { Kernels } from './kernels.ts';
import type { ThreadViews } from './weights.ts';

/** word2vec.c's sigmoid table: σ(x) precomputed for x in (-MAX_EXP, MAX_EXP); beyond that the gradient is clamped. */
export const MAX_EXP = 6;
const EXP_TABLE_SIZE = 1000;
const EXP_SCALE = EXP_TABLE_SIZE / MAX_EXP / 2;
const SIGMOID = new Float64Array(EXP_TABLE_SIZE);
/** -log σ(x) on the same grid, for the reported loss; -log σ(-x) = x - log σ(x) needs no second table. */
const NEG_LOG_SIGMOID = new Float64Array(EXP_TABLE_SIZE);
for (let i = 0; i < EXP_TABLE_SIZE; i++) {
  const x = ((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP;
  SIGMOID[i] = 1 / (1 + Math.exp(-x));
  NEG_LOG_SIGMOID[i] = Math.log1p(Math.exp(-x));
}
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
  negative: number;
  cbow: boolean;
  /** Noise distribution (unigram^0.75) as an alias table, see vocab.ts noiseTable. [2 * V] */
  noise: Uint32Array;
  /** Subsampling keep thresholds on a uint32 draw. [V] */
  keep: Uint32Array;
  /** Corpus: ids (-1 = not in vocabulary) and sentence starts. [tokens], [sentences + 1] */
  tokens: Int32Array;
  sentenceStarts: Int32Array;
}

export interface Model extends ModelParts, ThreadViews {
  kernels: Kernels;
  /**
   * Hogwild workers only: syn1hot is a private copy of the syn1neg rows of the `hotRows` most frequent words
   * (ids 0..hotRows-1, the vocabulary is sorted by count), merged into the shared rows after every batch.
   */
  hotRows: number;
  /** syn1hot as last merged, so a merge adds only this worker's own change. [hotRows, dim] */
  syn1hotBase: Float32Array;
  /** Scratch: the subsampled sentence. [maxSentenceLength] */
  sen: Int32Array;
  /** xorshift32 state; copied to a local for a batch and written back. */
  rng: number;
  /** Sum of the negative-sampling loss and the number of training examples it sums over. */
  lossSum: number;
  lossCount: number;
}

/** A model for one thread: the shared parts, this thread's views of the weights, its kernels and random stream. */
export function createModel(parts: ModelParts, views: ThreadViews, kernels: Kernels, rngState: number, maxSentenceLength: number): Model {
  const hotRows = views.syn1hot.length / parts.dim;
  views.syn1hot.set(views.syn1neg.subarray(0, views.syn1hot.length));
  return {
    ...parts,
    ...views,
    kernels,
    hotRows,
    syn1hotBase: views.syn1hot.slice(),
    sen: new Int32Array(maxSentenceLength),
    rng: rngState,
    lossSum: 0,
    lossCount: 0,
  };
}

/** word2vec.c's initialisation: syn0 uniform in [-0.5, 0.5) / dim (small, so early dot products stay linear); syn1neg zero. */
export function initWeights(syn0: Float32Array, dim: number, seed: number): void {
  let rng = seedState(seed, -1);
  for (let i = 0; i < syn0.length; i++) {
    rng = xorshift32(rng);
    syn0[i] = ((rng >>> 0) / 4294967296 - 0.5) / dim;
  }
}

/** Train on sentences [s0, s1) at a fixed learning rate (word2vec.c and gensim also hold it for ~10k words). */
export function trainBatch(m: Model, s0: number, s1: number, alpha: number): void {
  if (m.cbow) cbowBatch(m, s0, s1, alpha);
  else skipGramBatch(m, s0, s1, alpha);
}

/**
 * Under Hogwild every negative writes the syn1neg row of a (usually frequent) word, and two cores writing the
 * same rows keep moving those cache lines between them. So each worker updates its own copy of the hottest rows
 * and, after each batch (~10k words), adds its change since the last merge to the shared rows and takes the
 * shared result (other workers' changes) back: Hogwild for the hot rows at batch granularity instead of at
 * once. Lock-free like Hogwild; a merge racing another merge can lose an update. On the 2-core dev VM this
 * measured ~20% more words/s with 2 threads (median of 5 noisy runs).
 */
export function mergeHotRows(m: Model): void {
  const { syn1neg: shared, syn1hot: mine, syn1hotBase: base } = m;
  for (let i = 0, n = m.hotRows * m.dim; i < n; i++) {
    const merged = shared[i] + (mine[i] - base[i]);
    shared[i] = merged;
    mine[i] = merged;
    base[i] = merged;
  }
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
 * Logistic regression of `word` (label 1) and `negative` noise words (label 0) against the input vector h
 * (a row of syn0 for skip-gram, the context mean for CBOW). Updates syn1neg, accumulates dL/dh into neu1e.
 * Returns the new rng state; adds -log σ(u·h) - Σ log σ(-u'·h) to m.lossSum.
 */
function negativeSampling(m: Model, h: Float32Array, hOffset: number, word: number, alpha: number, rng: number): number {
  const { dim, negative, syn1neg, syn1hot, hotRows, noise, neu1e } = m;
  const { dot, step } = m.kernels;
  const scale = noise.length / 2 / 4294967296;
  let loss = 0;
  for (let d = 0; d <= negative; d++) {
    let target = word;
    let label = 1;
    if (d > 0) {
      rng ^= rng << 13;
      rng ^= rng >>> 17;
      rng ^= rng << 5;
      const column = ((rng >>> 0) * scale) | 0; // = drawNoise in vocab.ts
      rng ^= rng << 13;
      rng ^= rng >>> 17;
      rng ^= rng << 5;
      target = rng >>> 0 < noise[2 * column] ? column : noise[2 * column + 1];
      if (target === word) continue;
      label = 0;
    }
    const l2 = target * dim;
    const u = target < hotRows ? syn1hot : syn1neg;
    const f = dot(h, hOffset, u, l2, dim);
    let g: number;
    if (f >= MAX_EXP) {
      g = (label - 1) * alpha;
      loss += label === 1 ? 0 : f;
    } else if (f <= -MAX_EXP) {
      g = label * alpha;
      loss += label === 1 ? -f : 0;
    } else {
      const i = ((f + MAX_EXP) * EXP_SCALE) | 0;
      g = (label - SIGMOID[i]) * alpha;
      loss += label === 1 ? NEG_LOG_SIGMOID[i] : NEG_LOG_SIGMOID[i] + f;
    }
    step(h, hOffset, u, l2, neu1e, g, dim);
  }
  m.lossSum += loss;
  m.lossCount++;
  return rng;
}

/** Skip-gram: each context word's vector predicts the centre word (word2vec.c's orientation, also gensim's). */
function skipGramBatch(m: Model, s0: number, s1: number, alpha: number): void {
  const { dim, window, syn0, sen, neu1e } = m;
  const { add } = m.kernels;
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
      for (let j = lo; j < hi; j++) {
        if (j === i) continue;
        const l1 = sen[j] * dim;
        neu1e.fill(0);
        rng = negativeSampling(m, syn0, l1, word, alpha, rng);
        add(syn0, l1, neu1e, 0, dim);
      }
    }
    m.rng = rng;
  }
}

/** CBOW: the mean of the context vectors predicts the centre word (gensim cbow_mean=1); each context word gets the full gradient. */
function cbowBatch(m: Model, s0: number, s1: number, alpha: number): void {
  const { dim, window, syn0, sen, neu1, neu1e } = m;
  const { add } = m.kernels;
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
      const count = hi - lo - 1;
      if (count === 0) continue;
      neu1.fill(0);
      for (let j = lo; j < hi; j++) {
        if (j === i) continue;
        add(neu1, 0, syn0, sen[j] * dim, dim);
      }
      const inv = 1 / count;
      for (let c = 0; c < dim; c++) neu1[c] *= inv;
      neu1e.fill(0);
      rng = negativeSampling(m, neu1, 0, sen[i], alpha, rng);
      for (let j = lo; j < hi; j++) {
        if (j === i) continue;
        add(syn0, sen[j] * dim, neu1e, 0, dim);
      }
    }
    m.rng = rng;
  }
}
