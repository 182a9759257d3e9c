/**
 * The fused kernels word2vec trains with — what gensim's fast_sentence_* functions do around their BLAS calls:
 * a whole logistic-regression update over a list of output rows in one call, instead of a call per dot product
 * and per gradient step (the calls, not the arithmetic, were half the time). Negative sampling and hierarchical
 * softmax are the same operation on different lists:
 *   negative sampling:     rows of syn1neg for the word (label 1) and its noise words (label 0);
 *   hierarchical softmax:  rows of syn1 for the inner nodes on the word's Huffman path (label 1 - code).
 *
 * Every address is an index into the weights buffer in 4-byte units (weights.ts), as float32 for vectors and
 * int32 for lists of row addresses, so one kernel set serves every matrix and thread. This file has the plain
 * TypeScript versions; learn-simd.ts has WebAssembly SIMD ones with the same semantics.
 */

/** word2vec.c's sigmoid table: σ(x) precomputed for x in (-MAX_EXP, MAX_EXP); beyond that the gradient is clamped. */
export const MAX_EXP = 6;
export const EXP_TABLE_SIZE = 1000;
export const EXP_SCALE = EXP_TABLE_SIZE / MAX_EXP / 2;
export const SIGMOID = new Float64Array(EXP_TABLE_SIZE);
/** -log σ(x) on the same grid, for the reported loss; -log σ(-x) = x - log σ(x) needs no second table. */
export const NEG_LOG_SIGMOID = new Float64Array(EXP_TABLE_SIZE);
for (let i = 0; i < EXP_TABLE_SIZE; i++) {
  const x = ((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP;
  SIGMOID[i] = 1 / (1 + Math.exp(-x));
  NEG_LOG_SIGMOID[i] = Math.log1p(Math.exp(-x));
}

/** learn() flags. */
export const ZERO_E = 1;
/**
 * Skip a row whose |u·h| ≥ MAX_EXP instead of clamping σ to 0 or 1: what word2vec.c and gensim do for
 * hierarchical softmax (word2vec.c clamps for negative sampling, as we do).
 */
export const SKIP_OUTSIDE = 2;
/** After the rows, add e into h (skip-gram: h is the context word's own syn0 row). */
export const APPLY_E = 4;

export interface LearnKernels {
  /**
   * For each k < n: u = row targets[k], label = labels[k], f = u·h, g = (label - σ(f))·alpha; e += g·u, u += g·h.
   * Adds the loss Σ -log σ(±f) (the sign by the label) to the float64 at `loss` (so no number is returned: a
   * float result from WebAssembly costs a heap allocation per call). h: [dim], e: [dim], targets: int32 [n],
   * labels: [n]; `loss` must be 8-byte aligned (an even address).
   */
  learn(h: number, e: number, targets: number, labels: number, n: number, alpha: number, flags: number, loss: number): void;
  /** out = the mean of the n rows listed at `rows` (n ≥ 1). CBOW's hidden layer. */
  mean(out: number, rows: number, n: number): void;
  /** Each of the n rows listed at `rows` += e. CBOW's update of the context words. */
  spread(e: number, rows: number, n: number): void;
}

export function jsLearnKernels(buffer: ArrayBufferLike, dim: number): LearnKernels {
  const w = new Float32Array(buffer);
  const list = new Int32Array(buffer);
  const wide = new Float64Array(buffer, 0, buffer.byteLength >> 3);
  return {
    learn(h, e, targets, labels, n, alpha, flags, lossAt) {
      if (flags & ZERO_E) w.fill(0, e, e + dim);
      let loss = 0;
      for (let k = 0; k < n; k++) {
        const u = list[targets + k];
        const label = w[labels + k];
        // Four partial sums: one would be bound by the latency of each add.
        let f0 = 0, f1 = 0, f2 = 0, f3 = 0;
        let c = 0;
        for (; c + 3 < dim; c += 4) {
          f0 += w[h + c] * w[u + c];
          f1 += w[h + c + 1] * w[u + c + 1];
          f2 += w[h + c + 2] * w[u + c + 2];
          f3 += w[h + c + 3] * w[u + c + 3];
        }
        for (; c < dim; c++) f0 += w[h + c] * w[u + c];
        const f = f0 + f1 + f2 + f3;
        let s: number;
        if (f >= MAX_EXP || f <= -MAX_EXP) {
          const positive = f > 0;
          loss += (positive ? 0 : -f) + (1 - label) * f;
          if (flags & SKIP_OUTSIDE) continue;
          s = positive ? 1 : 0;
        } else {
          const i = ((f + MAX_EXP) * EXP_SCALE) | 0;
          s = SIGMOID[i];
          loss += NEG_LOG_SIGMOID[i] + (1 - label) * f;
        }
        const g = (label - s) * alpha;
        for (let c = 0; c < dim; c++) {
          const uc = w[u + c];
          w[e + c] += g * uc;
          w[u + c] = uc + g * w[h + c];
        }
      }
      if (flags & APPLY_E) for (let c = 0; c < dim; c++) w[h + c] += w[e + c];
      wide[lossAt >> 1] += loss;
    },

    mean(out, rows, n) {
      w.fill(0, out, out + dim);
      for (let k = 0; k < n; k++) {
        const r = list[rows + k];
        for (let c = 0; c < dim; c++) w[out + c] += w[r + c];
      }
      const inv = 1 / n;
      for (let c = 0; c < dim; c++) w[out + c] *= inv;
    },

    spread(e, rows, n) {
      for (let k = 0; k < n; k++) {
        const r = list[rows + k];
        for (let c = 0; c < dim; c++) w[r + c] += w[e + c];
      }
    },
  };
}
