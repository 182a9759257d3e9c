/** word2vec: training configuration, explore queries and export formats. */
import { z } from './zod.ts';

/**
 * Defaults follow gensim 4 (`Word2Vec`), so a run here and a gensim run with the same numbers are comparable.
 * Unknown keys are rejected (strict), so a typo in a preset or flag fails loudly instead of being ignored.
 */
export const Word2VecConfig = z.strictObject({
  /** skip-gram predicts context words from the centre word; CBOW predicts the centre from the averaged context. */
  mode: z.enum(['skipgram', 'cbow']).default('skipgram'),
  /** Vector size. @default 100 */
  dim: z.number().int().min(1).max(1000).default(100),
  /** Maximum distance between the centre and a context word; each position samples a reduced window 1..window. @default 5 */
  window: z.number().int().min(1).max(50).default(5),
  /** Words rarer than this are dropped from the vocabulary. @default 5 */
  minCount: z.number().int().min(1).default(5),
  /** Negative samples per positive pair, drawn from the unigram distribution raised to 3/4. @default 5 */
  negative: z.number().int().min(1).max(50).default(5),
  /** Frequent-word subsampling threshold (Mikolov et al. 2013); 0 disables it. @default 1e-3 */
  sample: z.number().min(0).max(1).default(1e-3),
  /** Initial learning rate, decayed linearly to `minAlpha` over all epochs. @default 0.025 */
  alpha: z.number().positive().max(1).default(0.025),
  /** @default 0.0001 */
  minAlpha: z.number().nonnegative().max(1).default(0.0001),
  /** @default 5 */
  epochs: z.number().int().min(1).max(1000).default(5),
  /** Worker threads. 1 makes a run exactly reproducible for a given seed. @default 1 */
  threads: z.number().int().min(1).max(64).default(1),
  /** Seed of every random choice (initialisation, subsampling, windows, negatives). @default 1 */
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
});
export type Word2VecConfig = z.output<typeof Word2VecConfig>;
export type Word2VecConfigInput = z.input<typeof Word2VecConfig>;

export const Neighbor = z.object({ word: z.string(), score: z.number() });
export type Neighbor = z.infer<typeof Neighbor>;

/** `word2vec-text` and `word2vec-bin` are the formats of word2vec.c, read by gensim's `load_word2vec_format`. */
export const VectorFormat = z.enum(['word2vec-text', 'word2vec-bin']);
export type VectorFormat = z.infer<typeof VectorFormat>;
