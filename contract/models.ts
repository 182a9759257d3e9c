/**
 * What every neural family reports and answers, whatever its architecture: the layer summary, the run report
 * (curves aside), predictions, generated text and translations.
 */
import { z } from './zod.ts';

/** Layers, output shapes and parameter counts, shown before training starts. */
export const ModelSummary = z.object({
  layers: z.array(z.object({ name: z.string(), type: z.string(), outputShape: z.string(), params: z.number().int() })),
  totalParams: z.number().int(),
  trainableParams: z.number().int(),
});
export type ModelSummary = z.infer<typeof ModelSummary>;

/** One held-out sentence: its source, the reference translation and the model's. */
export const TranslationSample = z.object({ source: z.string(), reference: z.string(), hypothesis: z.string() });
export type TranslationSample = z.infer<typeof TranslationSample>;

/** Attention weights of a translation: `weights[t][s]`, target token t over source token s (rows sum to 1). */
export const AttentionMap = z.object({
  epoch: z.number().optional(),
  source: z.array(z.string()),
  target: z.array(z.string()),
  weights: z.array(z.array(z.number())),
});
export type AttentionMap = z.infer<typeof AttentionMap>;

/** What a finished (or running) neural run reports beyond its metric curves. */
export const RunReport = z.object({
  /**
   * Classification: rows = true label, columns = predicted, in `labels` order; with a few examples per cell (the
   * first met, at most a handful per cell and a thousand in all). Reports from before probabilities were kept have
   * misclassified examples only and no `probabilities` / `actualProbability`.
   */
  confusion: z
    .object({
      labels: z.array(z.string()),
      matrix: z.array(z.array(z.number().int())),
      examples: z.array(
        z.object({
          actual: z.string(),
          predicted: z.string(),
          text: z.string(),
          /** The model's most probable classes for this example, most probable first (the predicted one first). */
          probabilities: z.array(z.object({ label: z.string(), p: z.number() })).optional(),
          /** The probability the model gave the true class. */
          actualProbability: z.number().optional(),
        }),
      ),
    })
    .nullable(),
  perClass: z.array(z.object({ label: z.string(), precision: z.number(), recall: z.number(), f1: z.number(), support: z.number().int() })).nullable(),
  /** Per-epoch samples: generated text (lm), predictions on held-out examples (classifier, tagger). */
  samples: z.array(z.object({ epoch: z.number(), text: z.string() })),
  /** Test-set metrics at the end (accuracy, macroF1, tagAccuracy, perplexity, loss). */
  test: z.record(z.string(), z.number()).nullable(),
  summary: ModelSummary.nullable(),
  /** Translators: after every epoch, held-out sentences translated beside their references. */
  translations: z.array(z.object({ epoch: z.number(), items: z.array(TranslationSample) })).default([]),
  /** Translators: the attention of one fixed held-out sentence, redrawn after every epoch. */
  attention: AttentionMap.nullable().default(null),
});
export type RunReport = z.infer<typeof RunReport>;

/**
 * The input as the model read it: its tokens after the corpus's own normalisation (NFC, lower-casing, its
 * tokeniser), and those its vocabulary lacks (read as `<unk>`; for a character model, the words with an unknown
 * character). The playground marks them and warns when most of the input is unknown.
 */
export const InputReading = z.object({ tokens: z.array(z.string()), unknown: z.array(z.string()) });
export type InputReading = z.infer<typeof InputReading>;

export const Prediction = z.discriminatedUnion('task', [
  z.object({ task: z.literal('classifier'), label: z.string(), probabilities: z.array(z.object({ label: z.string(), p: z.number() })), input: InputReading.optional() }),
  z.object({ task: z.literal('tagger'), tokens: z.array(z.object({ token: z.string(), tag: z.string(), p: z.number() })), input: InputReading.optional() }),
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

export const TranslateRequest = z.strictObject({
  /** One sentence or several (translated together, in one batch). */
  texts: z.array(z.string().min(1).max(10_000)).min(1).max(1000),
  /** 1 = greedy. @default 4 */
  beam: z.number().int().min(1).max(32).default(4),
  /** GNMT length penalty α: 0 scores by total log-probability, higher favours longer outputs. @default 0.6 */
  lengthPenalty: z.number().min(0).max(5).default(0.6),
  /** Longest translation in tokens; default twice the source length plus 10. */
  maxLength: z.number().int().min(1).max(1000).optional(),
  /** Use the `last` checkpoint instead of `best`: the latest weights of a run still training. @default true */
  latest: z.boolean().default(true),
});
export type TranslateRequest = z.output<typeof TranslateRequest>;

export const Translation = z.object({
  text: z.string(),
  tokens: z.array(z.string()),
  /** Mean log-probability per token of the chosen translation. */
  score: z.number(),
  attention: AttentionMap,
  /** Source tokens the vocabulary does not know (shown as `<unk>` to the model). */
  unknown: z.array(z.string()),
});
export type Translation = z.infer<typeof Translation>;
