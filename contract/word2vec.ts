/** word2vec: training configuration, explore queries and export formats. */
import { z } from './zod.ts';
import { userText } from './user-text.ts';

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
  /** Negative samples per positive pair, drawn from the unigram distribution raised to 3/4; 0 turns them off (then `hs` must be on). @default 5 */
  negative: z.number().int().min(0).max(50).default(5),
  /** Hierarchical softmax over a Huffman tree of the vocabulary, instead of or beside negative sampling. @default false */
  hs: z.boolean().default(false),
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
}).refine((c) => c.hs || c.negative > 0, { message: userText('Train with negative sampling (negative ≥ 1), hierarchical softmax (hs), or both'), path: ['negative'] });
export type Word2VecConfig = z.output<typeof Word2VecConfig>;
export type Word2VecConfigInput = z.input<typeof Word2VecConfig>;

export const Neighbor = z.object({ word: z.string(), score: z.number() });
export type Neighbor = z.infer<typeof Neighbor>;

/**
 * Export formats. `word2vec-text` and `word2vec-bin` are word2vec.c's, read by gensim's `load_word2vec_format`.
 * `projector-vectors` and `projector-metadata` are the two TSV files the TensorFlow Embedding Projector loads
 * (one vector a line, tab-separated; and a `word<TAB>count` table with a header row, in the same order).
 */
export const VectorFormat = z.enum(['word2vec-text', 'word2vec-bin', 'projector-vectors', 'projector-metadata']);
export type VectorFormat = z.infer<typeof VectorFormat>;

/**
 * Everything `export.create` writes: a vector format for word2vec and pretrained runs, or `tfjs-layers` for the
 * neural models — a zip of the TensorFlow.js Layers model (model.json + weights, loadable by `tf.loadLayersModel`,
 * convertible to Keras with the tensorflowjs converter) with its vocabulary, labels and a model card.
 */
export const ExportFormat = z.enum([...VectorFormat.options, 'tfjs-layers']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/**
 * Pretrained vector files we read. `word2vec-text` also covers fastText's `.vec` (the same layout); `glove` is
 * GloVe's text format (no header line). `auto` decides from the first bytes.
 */
export const PretrainedFormat = z.enum(['auto', 'word2vec-bin', 'word2vec-text', 'glove']);
export type PretrainedFormat = z.infer<typeof PretrainedFormat>;

export const VectorsImportOptions = z.strictObject({
  format: PretrainedFormat.default('auto'),
  /** Keep only the first N vectors (files list the most frequent words first), like gensim's `limit`. */
  maxWords: z.number().int().min(1).optional(),
  name: z.string().trim().min(1).max(200).optional(),
});
export type VectorsImportOptions = z.output<typeof VectorsImportOptions>;

/** A 2-D or 3-D picture of the vocabulary. PCA is computed in the engine; UMAP through umap-js. */
export const ProjectionMethod = z.enum(['pca', 'umap', 'tsne']);
export type ProjectionMethod = z.infer<typeof ProjectionMethod>;

export const ProjectionRequest = z.strictObject({
  method: ProjectionMethod.default('pca'),
  dims: z.union([z.literal(2), z.literal(3)]).default(2),
  /** The most frequent words to place. @default 10000 */
  limit: z.number().int().min(10).max(50_000).default(10_000),
  /** t-SNE: the effective number of neighbours each word's Gaussian spreads over (5–50 is usual). @default 30 */
  perplexity: z.number().min(2).max(100).default(30),
  /** t-SNE: gradient-descent iterations, the first 250 with early exaggeration. @default 1000 */
  iterations: z.number().int().min(250).max(5000).default(1000),
});
export type ProjectionRequest = z.output<typeof ProjectionRequest>;

export const Projection = z.object({
  method: ProjectionMethod,
  dims: z.union([z.literal(2), z.literal(3)]),
  words: z.array(z.string()),
  /** Corpus counts of `words` (0 where unknown, e.g. pretrained vectors). */
  counts: z.array(z.number()),
  /** Row-major [words.length, dims]. */
  coords: z.array(z.number()),
  /** PCA: the share of variance each axis explains. */
  explained: z.array(z.number()).nullable(),
  /** True when computed from a snapshot of a run still training. */
  live: z.boolean(),
  /** The model's lookups lower-case what is typed (contract/word-normalization.ts): the search does the same. */
  lowercase: z.boolean().default(false),
});
export type Projection = z.infer<typeof Projection>;

/** Results of `evaluate-vectors`: analogy accuracy per section (questions-words format) and word-similarity ρ. */
export const AnalogyEvaluation = z.object({
  sections: z.array(z.object({ name: z.string(), correct: z.number().int(), total: z.number().int(), accuracy: z.number() })),
  /** Over every question whose four words are all in the vocabulary. */
  overall: z.object({ correct: z.number().int(), total: z.number().int(), accuracy: z.number() }),
  /** Questions skipped because a word was out of vocabulary. */
  skipped: z.number().int(),
});
export type AnalogyEvaluation = z.infer<typeof AnalogyEvaluation>;

export const SimilarityEvaluation = z.object({
  /** Spearman rank correlation between the file's scores and cosine similarity, over the covered pairs. */
  spearman: z.number(),
  pairs: z.number().int(),
  covered: z.number().int(),
  /** covered / pairs */
  coverage: z.number(),
});
export type SimilarityEvaluation = z.infer<typeof SimilarityEvaluation>;

export const Evaluation = z.object({
  analogies: AnalogyEvaluation.nullable(),
  similarity: SimilarityEvaluation.nullable(),
});
export type Evaluation = z.infer<typeof Evaluation>;
