/**
 * The recurrent family (RNN, LSTM, GRU) for classification, tagging and language modelling: its architecture.
 * How it trains is contract/training.ts, shared by every neural family.
 */
import { z } from './zod.ts';

export const RnnCell = z.enum(['rnn', 'lstm', 'gru']);
export type RnnCell = z.infer<typeof RnnCell>;

/** Initialise the embedding layer from a word2vec or pretrained-vectors run. */
export const PretrainedEmbeddings = z.strictObject({ runId: z.string(), trainable: z.boolean().default(true) });

export const RnnArch = z.strictObject({
  family: z.literal('rnn').default('rnn'),
  /** The recurrent cell. @default 'lstm' */
  cell: RnnCell.default('lstm'),
  /** Stacked recurrent layers. @default 1 */
  layers: z.number().int().min(1).max(8).default(1),
  /** Read the sequence both ways (classifier and tagger only). @default false */
  bidirectional: z.boolean().default(false),
  /** Embedding size. @default 128 */
  emb: z.number().int().min(1).max(2048).default(128),
  /** Hidden units per recurrent layer (per direction). @default 256 */
  hidden: z.number().int().min(1).max(4096).default(256),
  /** Dropout between layers. @default 0.2 */
  dropout: z.number().min(0).max(0.9).default(0.2),
  /** Tokens are words (from the corpus tokenizer) or characters. @default 'word' */
  level: z.enum(['word', 'char']).default('word'),
  /** Largest vocabulary, most frequent first; the rest become `<unk>`. @default 20000 */
  vocab: z.number().int().min(2).max(1_000_000).default(20_000),
  /** Language model: unrolled steps (BPTT length). Classifier/tagger: longest sequence kept. @default 35 */
  seq: z.number().int().min(1).max(10_000).default(35),
  embeddings: PretrainedEmbeddings.optional(),
});
export type RnnArch = z.output<typeof RnnArch>;
export type RnnArchInput = z.input<typeof RnnArch>;
