/**
 * Methods on neural runs of any family: rename/tag runs, pause and resume training, the layer summary before
 * training, and predict / generate / translate / evaluate with a trained run. Each asks the run's family.
 */
import { userText } from '../../contract/user-text.ts';
import { StudioError } from '../../contract/errors.ts';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import { isNeuralSpec, type RunInfo } from '../../contract/runs.ts';
import { getCorpus } from '../data/corpus-store.ts';
import type { EngineContext } from '../engine.ts';
import { loadModel, type LoadedModel } from '../families/load-model.ts';
import { familyOf } from '../families/registry.ts';
import { lastCheckpointState } from '../training/train-loop.ts';
import { resumedFraction } from '../training/progress.ts';
import { resumeFamilyRun, trainingBackend } from '../training/family-run.ts';
import { applyResumeOverrides } from '../training/resume-overrides.ts';
import { startTrainingJob } from './train-handlers.ts';
import { importModel } from '../training/import-model.ts';

type ModelMethods = 'runs.update' | 'runs.resume' | 'jobs.pause' | 'model.summary' | 'model.predict' | 'model.generate' | 'model.translate' | 'model.evaluate' | 'model.import';

export function modelHandlers(ctx: EngineContext): Pick<Handlers<EngineMethods>, ModelMethods> {
  const { runs, jobs } = ctx;
  // The last model used for queries stays loaded: the dashboard asks many in a row. A run still training is read
  // from its `last` checkpoint, reloaded when that checkpoint is newer than the loaded one.
  let cached: { runId: string; checkpoint: 'best' | 'last'; stamp: number; loaded: LoadedModel } | null = null;
  const neuralRun = async (runId: string): Promise<RunInfo> => {
    const run = await runs.get(runId);
    if (!isNeuralSpec(run.spec)) throw new StudioError('ValidationError', userText('Run {id} is a {model} run, not a neural model', { id: runId, model: run.spec.model }));
    return run;
  };
  const model = async (runId: string, latest = false): Promise<LoadedModel> => {
    const run = await neuralRun(runId);
    const checkpoint = latest && run.status === 'running' ? 'last' : 'best';
    const stamp = checkpoint === 'last' ? ((await lastCheckpointState(runs.dir(runId)))?.step ?? -1) : 0;
    if (cached?.runId === runId && cached.checkpoint === checkpoint && cached.stamp === stamp) return cached.loaded;
    await ctx.backend(); // tfjs and the backend are loaded on first use
    await trainingBackend();
    const loaded = await loadModel(runs.dir(runId), checkpoint);
    cached?.loaded.dispose();
    cached = { runId, checkpoint, stamp, loaded };
    return loaded;
  };
  const answer = <K extends 'predict' | 'generate' | 'translate'>(loaded: LoadedModel, what: K) => {
    const f = loaded.family[what];
    if (!f) throw new StudioError('ValidationError', cannot(loaded.meta.task, what));
    return f;
  };

  return {
    'runs.update': async ({ id, name, tags }) => runs.update(id, { ...(name !== undefined ? { name } : {}), ...(tags !== undefined ? { tags } : {}) }),
    'runs.resume': async ({ id, corpusId, training: overrides }) => {
      const run = await runs.get(id);
      if (!isNeuralSpec(run.spec)) throw new StudioError('ValidationError', userText('A {model} run cannot be resumed', { model: run.spec.model }));
      // Taken first and atomically: of two resumes (in any processes), one trains and the other is told who does.
      await runs.claim(id, 'training');
      try {
        const checkpoint = await lastCheckpointState(runs.dir(id));
        if (!checkpoint) throw new StudioError('ValidationError', userText('This run has no checkpoint to resume from'));
        // Overrides (a lower learning rate after a divergence, a longer budget) apply to the rest of the run; run.json
        // keeps the settings trained with now and, in `resumes`, what changed at which step.
        const { training, changed } = applyResumeOverrides(run.spec.training, overrides, checkpoint);
        const spec = { ...run.spec, training };
        const trainOn = corpusId ?? run.corpusId;
        if (!trainOn) throw new StudioError('ValidationError', userText('This run has no corpus to train on (an imported model): choose one to continue training'));
        const corpus = await getCorpus(ctx.ws, trainOn);
        familyOf(run.spec).checkCorpus(corpus, run.spec.model);
        await ctx.backend(); // as train.start: the backend selection must have finished before the trainer uses tfjs
        // The history continues from the checkpoint: no torn line, no step recorded twice.
        await runs.prepareResume(id, checkpoint.step);
        const reopened = await runs.reopen(id, {
          ...(trainOn !== run.corpusId ? { corpus: { id: corpus.id, name: corpus.name } } : {}),
          spec,
          resume: { at: new Date().toISOString(), step: checkpoint.step, changed },
        });
        if (cached?.runId === id) (cached.loaded.dispose(), (cached = null));
        // Its progress starts where the checkpoint left it, not at 0 % until the first step.
        const job = startTrainingJob(ctx, reopened, spec, corpus, resumeFamilyRun, userText('Resume {name}', { name: run.name }), resumedFraction(checkpoint));
        return { jobId: job.jobId, runId: id };
      } catch (error) {
        await runs.release(id);
        throw error;
      }
    },
    'jobs.pause': async ({ jobId }) => (jobs.pause(jobId), {}),
    'model.summary': async ({ corpusId, spec }) => {
      if (!isNeuralSpec(spec)) throw new StudioError('ValidationError', userText('No layer summary for {model}', { model: spec.model }));
      const corpus = await getCorpus(ctx.ws, corpusId);
      const family = familyOf(spec);
      const meta = await family.sketch(ctx, corpus, spec);
      await ctx.backend();
      await trainingBackend();
      const m = family.build(meta);
      try {
        return m.summary();
      } finally {
        m.dispose();
      }
    },
    'model.import': async ({ path, displayName, name }) => importModel(ctx, { path, displayName, name }),
    'model.predict': async ({ runId, text }) => {
      const loaded = await model(runId);
      return answer(loaded, 'predict')(loaded.model, loaded.meta, text);
    },
    'model.generate': async ({ runId, request }) => {
      const loaded = await model(runId);
      const text = answer(loaded, 'generate')(loaded.model, loaded.meta, request);
      const input = request.prompt.trim() ? loaded.family.readInput?.(loaded.meta, request.prompt) : undefined;
      return { text, ...(input ? { input } : {}) };
    },
    'model.translate': async ({ runId, request }) => {
      const loaded = await model(runId, request.latest);
      return { translations: answer(loaded, 'translate')(loaded.model, loaded.meta, request) };
    },
    'model.evaluate': async ({ runId, corpusId }) => {
      const loaded = await model(runId);
      const corpus = await getCorpus(ctx.ws, corpusId);
      const { family, meta } = loaded;
      family.checkCorpus(corpus, meta.task);
      // The whole corpus, in order, is the test set (as a test corpus given at train.start), with the model's own
      // vocabularies and labels.
      const spec = { model: meta.task, arch: meta.arch, training: { ...meta.training, validationSplit: 0, testSplit: 0 } } as Parameters<typeof family.prepare>[2];
      const data = await family.prepare(ctx, corpus, spec, meta, { test: corpus });
      const evaluation = await family.evaluate(loaded.model, meta, data.test, 'test');
      const report = { confusion: null, perClass: null, samples: [], test: evaluation.metrics, summary: loaded.model.summary(), translations: [], attention: null, ...evaluation.report };
      return { metrics: evaluation.metrics, report };
    },
  };
}

/** "A language-model does not predict labels": what a family without that method answers. */
function cannot(task: string, what: 'predict' | 'generate' | 'translate'): string {
  if (what === 'predict') return userText('A {task} does not predict labels', { task });
  if (what === 'generate') return userText('A {task} does not generate', { task });
  return userText('A {task} does not translate', { task });
}
