/**
 * How every neural family trains: the optimiser with its schedule, clipping, label smoothing, batch size, budget
 * (epochs, steps, minutes), early stopping, the held-out splits and the seed. One schema shared by the recurrent
 * models, Seq2Seq and the families that follow; each family's architecture is a schema of its own
 * (contract/rnn.ts, contract/seq2seq.ts). Forms and CLI flags take their bounds from here.
 */
import { z } from './zod.ts';
import { userText } from './user-text.ts';

/** The optimiser's fields, before the checks across them (zod cannot `.pick` from a refined object). */
const OptimizerFields = z.strictObject({
    /** Adam (Kingma & Ba 2015); AdamW: Adam with decoupled weight decay (Loshchilov & Hutter 2019); plain SGD. @default 'adam' */
    name: z.enum(['adam', 'adamw', 'sgd']).default('adam'),
    /** Peak learning rate. @default 0.001 */
    lr: z.number().positive().max(10).default(0.001),
    /** Adam's decay of the first moment. @default 0.9 */
    beta1: z.number().min(0).max(0.9999).default(0.9),
    /** Adam's decay of the second moment. @default 0.999 */
    beta2: z.number().min(0).max(0.99999).default(0.999),
    /** AdamW's decoupled weight decay (times the learning rate, every step); only AdamW uses it. @default 0 */
    weightDecay: z.number().min(0).max(1).default(0),
    /**
     * After warm-up: constant; linear decay to 0; cosine decay to 0; inverse square root of the step
     * (Vaswani et al. 2017: lr · √warmup / √step, needs warm-up steps). @default 'constant'
     */
    schedule: z.enum(['constant', 'linear', 'cosine', 'inverse-sqrt']).default('constant'),
    /** Steps of linear warm-up from 0 to `lr`. @default 0 */
    warmupSteps: z.number().int().min(0).max(1_000_000).default(0),
    /** Clip the global gradient norm to this; 0 turns clipping off. @default 5 */
    clipNorm: z.number().min(0).max(1000).default(5),
});

export const OptimizerConfig = OptimizerFields
  .refine((o) => o.weightDecay === 0 || o.name === 'adamw', { message: userText('Weight decay is decoupled: choose the AdamW optimiser to use it'), path: ['weightDecay'] })
  .refine((o) => o.schedule !== 'inverse-sqrt' || o.warmupSteps > 0, { message: userText('The inverse-square-root schedule needs warm-up steps'), path: ['warmupSteps'] });
export type OptimizerConfig = z.output<typeof OptimizerConfig>;

export const TrainingConfig = z.strictObject({
  optimizer: OptimizerConfig.default(OptimizerConfig.parse({})),
  /** Examples (or LM windows) per optimiser step. @default 32 */
  batch: z.number().int().min(1).max(4096).default(32),
  /** @default 5 */
  epochs: z.number().int().min(1).max(10_000).default(5),
  /** Stop after this many optimiser steps (overrides epochs when reached first). */
  steps: z.number().int().min(1).max(100_000_000).optional(),
  /** Stop after this many minutes of training (wall clock; validation and checkpoints at the end). */
  minutes: z.number().positive().max(100_000).optional(),
  /** Spread this share of each target's probability evenly over all classes (Szegedy et al. 2016); 0 = off. @default 0 */
  labelSmoothing: z.number().min(0).max(0.5).default(0),
  /** Stop when the validation metric has not improved for this many epochs; 0 = never. @default 3 */
  patience: z.number().int().min(0).max(1000).default(3),
  /** Share of the data held out for validation and for test, split with `seed` (ignored when corpora are given). */
  validationSplit: z.number().min(0).max(0.5).default(0.1),
  testSplit: z.number().min(0).max(0.5).default(0.1),
  /** @default 1 */
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
});
export type TrainingConfig = z.output<typeof TrainingConfig>;
export type TrainingConfigInput = z.input<typeof TrainingConfig>;

/** The keys of TrainingConfig, for code that splits a flat (pre-family) config into architecture and training. */
export const TRAINING_KEYS = Object.keys(TrainingConfig.shape) as (keyof TrainingConfig)[];

/** A field without its default, and optional: an override given or not (a default would override everything). */
const unset = <T extends z.ZodType>(field: z.ZodDefault<T>) => field.removeDefault().optional();

/**
 * What `runs.resume` may change for the rest of a run: the learning rate, weight decay and clipping (a diverged run
 * continues more gently), and the budget and patience (a run continues longer). Each field is TrainingConfig's own
 * schema, so the bounds are the same; the merged settings are checked again as a whole (TrainingConfig's
 * refinements). Everything else — batch, splits, seed, the schedule's shape — is what the weights were trained with.
 */
export const TrainingOverrides = z.strictObject({
  optimizer: z
    .strictObject({ lr: unset(OptimizerFields.shape.lr), weightDecay: unset(OptimizerFields.shape.weightDecay), clipNorm: unset(OptimizerFields.shape.clipNorm) })
    .optional(),
  epochs: unset(TrainingConfig.shape.epochs),
  steps: TrainingConfig.shape.steps,
  minutes: TrainingConfig.shape.minutes,
  patience: unset(TrainingConfig.shape.patience),
});
export type TrainingOverrides = z.output<typeof TrainingOverrides>;
