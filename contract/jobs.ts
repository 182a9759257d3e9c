/**
 * Long operations (imports, training) are jobs: the starting call returns a job id at once, progress streams as
 * `job` events, and the job ends with exactly one of done / failed / cancelled.
 */
import { z } from './zod.ts';
import { CorpusInfo } from './corpus.ts';
import { ErrorData } from './errors.ts';
import { MetricPoint, RunInfo } from './runs.ts';

export const JobId = z.string().regex(/^j-[a-z0-9-]{4,64}$/, 'not a job id');
/**
 * `vectors`: importing a pretrained vectors file, which ends as a run. `projection`: a UMAP or t-SNE layout of a
 * run's words (tens of seconds; `word2vec.projection` answers with the picture, the job carries progress and cancel).
 */
export const JobKind = z.enum(['import', 'train', 'vectors', 'projection']);
export type JobKind = z.infer<typeof JobKind>;

/**
 * What a training job is doing before its first step, so a client can say so at once (the app's Train view, the
 * CLI's progress line): reading the corpus and building its vocabulary, initialising the model, compiling the
 * kernels in the first step. `training` once steps are counted; `evaluating` during a validation or test pass
 * (back to `training` at the next step).
 */
export const TrainPhase = z.enum(['reading', 'initialising', 'compiling', 'training', 'evaluating']);
export type TrainPhase = z.infer<typeof TrainPhase>;

/** A validation or test pass under way: held-out examples evaluated of the split's. */
export const EvaluationCount = z.object({
  purpose: z.enum(['validation', 'test']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type EvaluationCount = z.infer<typeof EvaluationCount>;

export const JobSummary = z.object({
  jobId: JobId,
  kind: JobKind,
  title: z.string(),
  startedAt: z.string(),
  /** Set for training jobs. */
  runId: z.string().nullable(),
  /** The latest progress, so a reloaded window can pick a running job up again. */
  fraction: z.number().min(0).max(1),
  /** Training jobs: the latest phase, for the same reason. */
  phase: TrainPhase.optional(),
});
export type JobSummary = z.infer<typeof JobSummary>;

export const JobResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('import'), corpus: CorpusInfo }),
  z.object({ kind: z.literal('train'), run: RunInfo }),
  z.object({ kind: z.literal('vectors'), run: RunInfo }),
  /** The picture itself is the answer of the `word2vec.projection` call that started the job. */
  z.object({ kind: z.literal('projection'), runId: z.string() }),
]);
export type JobResult = z.infer<typeof JobResult>;

export const JobEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), job: JobSummary }),
  z.object({
    type: z.literal('progress'),
    jobId: JobId,
    /** 0..1 of the whole job. */
    fraction: z.number().min(0).max(1),
    /** Seconds left at the current rate; null until there is a rate. */
    etaSeconds: z.number().nonnegative().nullable(),
    /** One human line: "file.txt: 120 MB of 1.0 GB", "epoch 2/5 · 412,000 words/s". */
    message: z.string(),
    /** Training jobs attach the newest metric point. */
    point: MetricPoint.optional(),
    /** Training jobs: the phase, on the events that enter one (never throttled away). */
    phase: TrainPhase.optional(),
    /** Training jobs in the `evaluating` phase: how far the pass is (its first and last counts never throttled away). */
    evaluation: EvaluationCount.optional(),
  }),
  z.object({ type: z.literal('done'), jobId: JobId, result: JobResult }),
  z.object({ type: z.literal('failed'), jobId: JobId, error: ErrorData }),
  z.object({ type: z.literal('cancelled'), jobId: JobId }),
]);
export type JobEvent = z.infer<typeof JobEvent>;
