/** Training runs: what was trained on what, how it went, and the metric history the dashboard draws. */
import { z } from './zod.ts';
import { CorpusId } from './corpus.ts';
import { ErrorData } from './errors.ts';
import { BackendName } from './backend.ts';
import { PretrainedFormat, Word2VecConfig } from './word2vec.ts';
import { RunReport } from './models.ts';
import { RnnArch } from './rnn.ts';
import { Seq2SeqArch } from './seq2seq.ts';
import { TRAINING_KEYS, TrainingConfig } from './training.ts';
import { userText } from './user-text.ts';

export const RunId = z.string().regex(/^r-[a-z0-9-]{4,64}$/, 'not a run id');

/** What to train. A union on `model`, so the recurrent, seq2seq and Transformer issues add members, not flags. */
export const Word2VecSpec = z.strictObject({ model: z.literal('word2vec'), config: Word2VecConfig });

/** Vectors imported from a file (word2vec, GloVe, fastText): explorable, evaluable and exportable like a trained run. */
export const PretrainedSpec = z.strictObject({
  model: z.literal('pretrained'),
  config: z.strictObject({ format: PretrainedFormat.exclude(['auto']), fileName: z.string(), maxWords: z.number().int().min(1).nullable() }),
});

/**
 * A neural run: the task it learns (`model`), the architecture of its family (`arch`, a union on `arch.family` as
 * families are added) and how it trains (`training`, one schema for every family).
 */
const neuralSpec = <M extends string, A extends z.ZodType>(model: M, arch: A) =>
  z.strictObject({ model: z.literal(model), arch: arch, training: TrainingConfig.default(TrainingConfig.parse({})) });

const unidirectional = (spec: { arch: { bidirectional?: boolean } }) => !spec.arch.bidirectional;
const leftToRight = { message: userText('A language model reads left to right: it cannot be bidirectional'), path: ['arch', 'bidirectional'] };

/** Recurrent models: text classification, sequence labelling (tagging), language modelling. */
export const ClassifierSpec = neuralSpec('classifier', RnnArch.default(RnnArch.parse({})));
export const TaggerSpec = neuralSpec('tagger', RnnArch.default(RnnArch.parse({})));
export const LanguageModelSpec = neuralSpec('lm', RnnArch.default(RnnArch.parse({}))).refine(unidirectional, leftToRight);

/** Translation: a parallel corpus's source sentences to their targets (Seq2Seq with attention). */
export const TranslatorSpec = neuralSpec('translator', Seq2SeqArch.default(Seq2SeqArch.parse({ family: 'seq2seq' })));

/** The neural model families: each has its architecture schema and registers itself in engine/families/. */
export const FamilyName = z.enum(['rnn', 'seq2seq']);
export type FamilyName = z.infer<typeof FamilyName>;

/** The tasks a neural family can learn; each TrainSpec member below is one of them. */
export const NeuralTask = z.enum(['classifier', 'tagger', 'lm', 'translator']);
export type NeuralTask = z.infer<typeof NeuralTask>;

/** What `train.start` accepts: the models the engine can train. */
export const TrainSpec = z.discriminatedUnion('model', [Word2VecSpec, ClassifierSpec, TaggerSpec, LanguageModelSpec, TranslatorSpec]);
export type TrainSpec = z.output<typeof TrainSpec>;
export type TrainSpecInput = z.input<typeof TrainSpec>;

/** What a run was: trained (a TrainSpec) or imported. */
export const RunSpec = z.discriminatedUnion('model', [Word2VecSpec, PretrainedSpec, ClassifierSpec, TaggerSpec, LanguageModelSpec, TranslatorSpec]);
export type RunSpec = z.output<typeof RunSpec>;
export type RunSpecInput = z.input<typeof RunSpec>;
/** The models that can be trained (the Train view's choices). */
export type ModelName = TrainSpec['model'];

/**
 * `paused`: stopped at a checkpoint because the user asked (jobs.pause), resumable. `interrupted`: the process
 * training it died (crash, kill, power loss, the app closed) after a checkpoint: resumable from that checkpoint.
 * A run whose process died before any checkpoint is `failed`. Runs interrupted before this status existed say
 * `paused`, and still read.
 */
export const RunStatus = z.enum(['running', 'paused', 'interrupted', 'completed', 'cancelled', 'failed']);
export type RunStatus = z.infer<typeof RunStatus>;

/** The live process holding a run or corpus (engine/workspace/lock.ts), as shown to a user. */
export const RunOwner = z.object({
  pid: z.number().int(),
  hostname: z.string(),
  host: z.enum(['desktop', 'web', 'cli']),
  /** The program: "nlp-studio train", "NLP Studio (desktop app)", "nlp-studio serve". */
  command: z.string(),
  /** What for: "training", "deleting", … */
  purpose: z.string(),
  startedAt: z.string(),
  /** One line for a person: "being trained by nlp-studio train (pid 1234, since 16:40)". */
  description: z.string(),
});
export type RunOwner = z.infer<typeof RunOwner>;

/** Final figures of a finished run. Keys depend on the model; word2vec: vocabSize, dim, seconds, wordsPerSec, loss. */
export const RunSummary = z.record(z.string(), z.number());
export type RunSummary = z.infer<typeof RunSummary>;

/**
 * One resume of a run: when, from which checkpoint step, and the training settings it changed, by path
 * (`optimizer.lr`) as [before, after]; null where a setting was unset (no step budget). `changed` is empty when the
 * run continued as it was.
 */
export const RunResume = z.object({
  at: z.string(),
  step: z.number().int().nonnegative(),
  changed: z.record(z.string(), z.tuple([z.number().nullable(), z.number().nullable()])),
});
export type RunResume = z.infer<typeof RunResume>;

export const RunInfo = z.object({
  id: RunId,
  name: z.string(),
  corpusId: CorpusId.nullable(),
  corpusName: z.string(),
  status: RunStatus,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  backend: BackendName.nullable(),
  spec: RunSpec,
  summary: RunSummary.nullable(),
  error: ErrorData.nullable(),
  /** User tags, for finding and comparing runs. */
  tags: z.array(z.string()).default([]),
  /** Every resume, oldest first; `spec.training` holds the settings the run trains with now. Absent before any. */
  resumes: z.array(RunResume).optional(),
  /** The live process training (or deleting) it right now, from its lock; not stored in run.json. */
  owner: RunOwner.nullable().optional(),
});
export type RunInfo = z.infer<typeof RunInfo>;

/** One point of a run's history, as appended to `metrics.jsonl` and streamed to the dashboard. */
export const MetricPoint = z.object({
  /** Monotonic step: words processed for word2vec, optimiser steps for the neural models. */
  step: z.number().nonnegative(),
  /** Fractional epoch, e.g. 1.5 = half-way through the second epoch. */
  epoch: z.number().nonnegative(),
  /** Seconds since the run started. */
  time: z.number().nonnegative(),
  /** Named values: loss, lr, wordsPerSec, … */
  values: z.record(z.string(), z.number()),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

export const RunDetails = z.object({
  run: RunInfo,
  metrics: z.array(MetricPoint),
  report: RunReport.nullable(),
  /** Where `runs.resume` would continue: the `last` checkpoint's completed epochs and steps; null when it has none. */
  checkpoint: z.object({ step: z.number().int().nonnegative(), epoch: z.number().int().nonnegative() }).nullable().optional(),
});
export type RunDetails = z.infer<typeof RunDetails>;

/** A neural run's spec (every TrainSpec member but word2vec). */
export type NeuralSpec = Extract<TrainSpec, { arch: unknown }>;
export const isNeuralSpec = (spec: RunSpec): spec is NeuralSpec => 'arch' in spec;

/**
 * Runs, exports and scripts made before the family seam kept one flat `config` for architecture and training, with
 * the recurrent cell under `arch`. Turn such a spec into `{ model, arch, training }`; anything else passes as is.
 */
export function migrateSpec(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const spec = raw as { model?: unknown; config?: Record<string, unknown> };
  if (!['classifier', 'tagger', 'lm'].includes(spec.model as string) || typeof spec.config !== 'object' || spec.config === null) return raw;
  const arch: Record<string, unknown> = { family: 'rnn' };
  const training: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec.config)) {
    if ((TRAINING_KEYS as string[]).includes(key)) training[key] = value;
    else arch[key === 'arch' ? 'cell' : key] = value;
  }
  return { model: spec.model, arch, training };
}
