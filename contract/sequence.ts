/**
 * Recurrent models (RNN, LSTM, GRU) for classification, tagging and language modelling: their configuration and
 * what they report. The training machinery behind them (optimisers, schedules, clipping, early stopping,
 * checkpoints, resume) is shared by the seq2seq and Transformer models that come later.
 */
import { z } from './zod.ts';

export const RnnCell = z.enum(['rnn', 'lstm', 'gru']);
export type RnnCell = z.infer<typeof RnnCell>;

export const OptimizerConfig = z.strictObject({
  name: z.enum(['adam', 'sgd']).default('adam'),
  /** Peak learning rate. @default 0.001 */
  lr: z.number().positive().max(10).default(0.001),
  /** constant; linear decay to 0; cosine decay to 0; after warm-up in every case. @default 'constant' */
  schedule: z.enum(['constant', 'linear', 'cosine']).default('constant'),
  /** Steps of linear warm-up from 0 to `lr`. @default 0 */
  warmupSteps: z.number().int().min(0).default(0),
  /** Clip the global gradient norm to this; 0 turns clipping off. @default 5 */
  clipNorm: z.number().min(0).default(5),
});
export type OptimizerConfig = z.output<typeof OptimizerConfig>;

export const RnnConfig = z.strictObject({
  arch: RnnCell.default('lstm'),
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
  /** @default 32 */
  batch: z.number().int().min(1).max(4096).default(32),
  /** @default 5 */
  epochs: z.number().int().min(1).max(10_000).default(5),
  /** Stop after this many optimiser steps (overrides epochs when reached first). */
  steps: z.number().int().min(1).optional(),
  optimizer: OptimizerConfig.default(OptimizerConfig.parse({})),
  /** Stop when the validation metric has not improved for this many epochs; 0 = never. @default 3 */
  patience: z.number().int().min(0).default(3),
  /** Share of the data held out for validation and for test, split with `seed` (ignored when files are given). */
  validationSplit: z.number().min(0).max(0.5).default(0.1),
  testSplit: z.number().min(0).max(0.5).default(0.1),
  /** Initialise the embedding layer from a word2vec or pretrained-vectors run. */
  embeddings: z.strictObject({ runId: z.string(), trainable: z.boolean().default(true) }).optional(),
  /** @default 1 */
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
});
export type RnnConfig = z.output<typeof RnnConfig>;
export type RnnConfigInput = z.input<typeof RnnConfig>;

/** Layers, output shapes and parameter counts, shown before training starts. */
export const ModelSummary = z.object({
  layers: z.array(z.object({ name: z.string(), type: z.string(), outputShape: z.string(), params: z.number().int() })),
  totalParams: z.number().int(),
  trainableParams: z.number().int(),
});
export type ModelSummary = z.infer<typeof ModelSummary>;

/** What a finished (or running) neural run reports beyond its metric curves. */
export const RunReport = z.object({
  /** Classification: rows = true label, columns = predicted, in `labels` order; with a few misclassified examples per cell. */
  confusion: z
    .object({
      labels: z.array(z.string()),
      matrix: z.array(z.array(z.number().int())),
      examples: z.array(z.object({ actual: z.string(), predicted: z.string(), text: z.string() })),
    })
    .nullable(),
  perClass: z.array(z.object({ label: z.string(), precision: z.number(), recall: z.number(), f1: z.number(), support: z.number().int() })).nullable(),
  /** Per-epoch samples: generated text (lm), predictions on held-out examples (classifier, tagger). */
  samples: z.array(z.object({ epoch: z.number(), text: z.string() })),
  /** Test-set metrics at the end (accuracy, macroF1, tagAccuracy, perplexity, loss). */
  test: z.record(z.string(), z.number()).nullable(),
  summary: ModelSummary.nullable(),
});
export type RunReport = z.infer<typeof RunReport>;

export const Prediction = z.discriminatedUnion('task', [
  z.object({ task: z.literal('classifier'), label: z.string(), probabilities: z.array(z.object({ label: z.string(), p: z.number() })) }),
  z.object({ task: z.literal('tagger'), tokens: z.array(z.object({ token: z.string(), tag: z.string(), p: z.number() })) }),
]);
export type Prediction = z.infer<typeof Prediction>;

export const GenerateRequest = z.strictObject({
  prompt: z.string().max(10_000).default(''),
  maxTokens: z.number().int().min(1).max(2000).default(50),
  temperature: z.number().min(0).max(5).default(1),
  /** Sample from the k most likely tokens; 0 = all. @default 0 */
  topK: z.number().int().min(0).default(0),
  seed: z.number().int().min(0).optional(),
});
export type GenerateRequest = z.output<typeof GenerateRequest>;
