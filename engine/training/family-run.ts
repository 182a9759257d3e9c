/**
 * Train (or resume) a run of any neural family: ask the family for its data and network, run the shared training
 * loop, stream metrics, and leave in the run folder `family.json`, the `best`/`last` checkpoints, `report.json`,
 * `diagnostics.json` and the family's export (`tfjs/`). Nothing here names a family: it asks engine/families/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../contract/backend.ts';
import { userText } from '../../contract/user-text.ts';
import type { CorpusInfo } from '../../contract/corpus.ts';
import type { RunReport } from '../../contract/models.ts';
import type { MetricPoint, NeuralSpec, RunInfo, RunSummary } from '../../contract/runs.ts';
import { getCorpus } from '../data/corpus-store.ts';
import type { EngineContext } from '../engine.ts';
import type { SplitCorpora } from '../families/family.ts';
import { familyOf, readMeta, saveMeta } from '../families/registry.ts';
import { formatCount } from '../format.ts';
import type { JobContext } from '../jobs/job-manager.ts';
import { installFastCpuKernels } from '../backend/embedded/embedded-backend.ts';
import { writeJsonAtomic } from '../workspace/atomic.ts';
import { describeValidation, neuralStepValues } from './point-values.ts';
import { loadCheckpoint } from './checkpoint.ts';
import { profileStepFromEnv } from './diagnostics.ts';
import { trainLoop } from './train-loop.ts';
import { EvaluationProgress } from './evaluation-progress.ts';
import { trainingProgress } from './progress.ts';

/** The backend neural models train on: the selected one (each of them trains every model). */
export async function trainingBackend(): Promise<{ backend: BackendName }> {
  installFastCpuKernels();
  return { backend: tf.getBackend() as BackendName };
}

/** Where a run keeps the ids of its split corpora, so a resume reads the same splits. */
export const SPLITS_FILE = 'splits.json';

/** The run's split corpora (splits.json), if it was started with any. */
async function readSplits(ctx: EngineContext, dir: string): Promise<SplitCorpora> {
  const text = await readFile(path.join(dir, SPLITS_FILE), 'utf8').catch(() => null);
  if (text === null) return {};
  const ids = JSON.parse(text) as { validationCorpusId?: string; testCorpusId?: string };
  return {
    ...(ids.validationCorpusId ? { validation: await getCorpus(ctx.ws, ids.validationCorpusId) } : {}),
    ...(ids.testCorpusId ? { test: await getCorpus(ctx.ws, ids.testCorpusId) } : {}),
  };
}

export const trainFamilyRun = (ctx: EngineContext, run: RunInfo, spec: NeuralSpec, corpus: CorpusInfo, job: JobContext) => runFamily(ctx, run, spec, corpus, job, false);

/** Continue a run from its `last` checkpoint (weights, optimiser moments, step and epoch counters). */
export const resumeFamilyRun = (ctx: EngineContext, run: RunInfo, spec: NeuralSpec, corpus: CorpusInfo, job: JobContext) => runFamily(ctx, run, spec, corpus, job, true);

async function runFamily(ctx: EngineContext, run: RunInfo, spec: NeuralSpec, corpus: CorpusInfo, job: JobContext, resume: boolean): Promise<RunSummary> {
  const family = familyOf(spec);
  // Validation and test passes report their progress at the fraction training reached.
  const evaluation = new EvaluationProgress(job);
  job = evaluation.tracked;
  const { training } = spec;
  const dir = ctx.runs.dir(run.id);
  const { backend } = await trainingBackend();
  if (run.backend !== backend) await ctx.runs.setBackend(run.id, backend);
  // Each phase before the first step is told as it starts (the first can take a while on a large corpus).
  job.progress({ etaSeconds: null, message: userText('Reading the corpus and building the vocabulary…'), phase: 'reading' });
  // A resumed run keeps the vocabularies and labels its weights were trained with.
  const fixed = resume ? await readMeta(dir).then((m) => m.meta).catch(() => null) : null;
  const splits = await readSplits(ctx, dir);
  const data = await family.prepare(ctx, corpus, spec, fixed, splits);
  const { meta } = data;
  job.progress({ etaSeconds: null, message: userText('Initialising the model…'), phase: 'initialising' });
  const model = family.build(meta);
  try {
    const init = resume || !family.initialize ? { notes: [], summary: {} } : await family.initialize(ctx, model, meta);
    const summary = model.summary();
    await saveMeta(dir, meta);
    const previous = resume ? await ctx.runs.report(run.id) : null;
    const report: RunReport = { confusion: null, perClass: null, samples: previous?.samples ?? [], test: null, summary, translations: previous?.translations ?? [], attention: previous?.attention ?? null };
    // One template per shape of the line (a resume has no notes: `initialize` runs on new runs only).
    const described = family.describe(meta, formatCount(summary.totalParams));
    const compiling = resume
      ? userText('{model} · resuming from the last checkpoint · compiling kernels: the first step…', { model: described })
      : init.notes.length > 0
        ? userText('{model} · {notes} · compiling kernels: the first step…', { model: described, notes: init.notes.join(' · ') })
        : userText('{model} · compiling kernels: the first step…', { model: described });
    job.progress({ etaSeconds: null, message: compiling, phase: 'compiling' });

    let writes = Promise.resolve();
    const record = (point: MetricPoint) => {
      writes = writes.then(() => ctx.runs.appendMetric(run.id, point));
      return point;
    };
    let lastStepPoint = 0;
    let lastVal: Record<string, number> = {};
    const budget = training.minutes !== undefined ? training.minutes * 60 : null;
    let eta: number | null = null;
    const result = await trainLoop({
      weights: model.weights(),
      optimizer: training.optimizer,
      epochs: training.epochs,
      ...(training.steps !== undefined ? { maxSteps: training.steps } : {}),
      ...(training.minutes !== undefined ? { maxMinutes: training.minutes } : {}),
      patience: training.patience,
      batches: data.train,
      loss: (batch) => model.loss(batch, true, training.labelSmoothing),
      validate: async () => {
        const held = data.val.length > 0 ? data.val : data.train(0).slice(0, 4);
        const { metrics } = await family.evaluate(model, meta, held, 'validation', evaluation.of('validation'));
        lastVal = metrics;
        return { metric: family.validationScore(metrics, meta), values: metrics };
      },
      onStep: (s) => {
        const now = Date.now();
        const values = neuralStepValues(s, family.stepValues?.(s.loss, meta));
        // Every step is a point on short runs; on long ones at most ~4 a second.
        const point = now - lastStepPoint > 250 || s.step === s.totalSteps ? record({ step: s.step, epoch: s.epoch, time: s.seconds, values }) : undefined;
        if (point) lastStepPoint = now;
        const progress = trainingProgress({ step: s.step, totalSteps: s.totalSteps, seconds: s.seconds, budgetSeconds: budget });
        eta = progress.etaSeconds;
        job.progress({ fraction: progress.fraction, etaSeconds: eta, phase: 'training', message: userText('step {step}/{totalSteps} · epoch {epoch}/{epochs} · loss {loss} · {speed} tokens/s', {
          step: s.step, totalSteps: s.totalSteps, epoch: Math.min(training.epochs, Math.floor(s.epoch) + 1), epochs: training.epochs, loss: s.loss.toFixed(4), speed: formatCount(Math.round(s.tokensPerSec)),
        }), ...(point ? { point } : {}) });
      },
      onEpoch: async (epoch, values, s) => {
        const named = family.epochMetrics(values, meta);
        const point = record({ step: s.step, epoch, time: s.seconds, values: named });
        job.progress({ fraction: trainingProgress({ step: s.step, totalSteps: s.totalSteps, seconds: s.seconds, budgetSeconds: budget }).fraction, etaSeconds: eta, message: userText('epoch {epoch} · validation {values}', { epoch, values: describeValidation(named) }), point });
        await family.epochReport(model, data, epoch, report);
        await ctx.runs.writeReport(run.id, report);
      },
      dir,
      signal: job.signal,
      ...(job.pauseRequested ? { pauseRequested: job.pauseRequested } : {}),
      resume,
      profileStep: profileStepFromEnv(),
    });
    await writes;
    await writeJsonAtomic(path.join(dir, 'diagnostics.json'), result.diagnostics);

    // The test set, on the best weights.
    await loadCheckpoint(dir, 'best', model.weights(), null);
    const test = await family.evaluate(model, meta, data.test.length > 0 ? data.test : data.val, 'test', evaluation.of('test'));
    report.test = test.metrics;
    Object.assign(report, test.report ?? {});
    await ctx.runs.writeReport(run.id, report);
    await family.export(model, meta, dir, {
      corpus, run, test: test.metrics, summary, validation: lastVal, backend,
      splits: { ...(splits.validation ? { validation: splits.validation.name } : {}), ...(splits.test ? { test: splits.test.name } : {}) },
    });

    const { state } = result;
    const out: RunSummary = {
      steps: state.step,
      epochs: state.epoch,
      seconds: result.last?.seconds ?? state.seconds,
      tokensPerSec: result.last?.tokensPerSec ?? 0,
      params: summary.totalParams,
      earlyStopped: state.stopped === 'early' ? 1 : 0,
      ...init.summary,
    };
    if (result.last) out.loss = result.last.loss;
    for (const [k, v] of Object.entries(lastVal)) out[k === 'loss' ? 'valLoss' : k] = v;
    for (const [k, v] of Object.entries(test.metrics)) out[`test${k[0].toUpperCase()}${k.slice(1)}`] = v;
    return { ...out, ...family.summaryFigures(meta) };
  } finally {
    model.dispose();
  }
}
