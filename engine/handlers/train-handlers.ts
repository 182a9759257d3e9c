/** Training and runs: start a training job, list, inspect and delete runs. */
import { StudioError, errorToData } from '../../contract/errors.ts';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import type { CorpusInfo } from '../../contract/corpus.ts';
import type { JobSummary } from '../../contract/jobs.ts';
import type { RunInfo, TrainSpec } from '../../contract/runs.ts';
import { getCorpus } from '../data/corpus-store.ts';
import type { EngineContext } from '../engine.ts';
import { trainerFor, type Trainer } from '../training/trainers.ts';
import { SPLITS_FILE } from '../training/family-run.ts';
import { familyOf } from '../families/registry.ts';
import { writeJsonAtomic } from '../workspace/atomic.ts';
import path from 'node:path';

/**
 * Train (or resume) a run as a job. The trainer's PausedError (jobs.pause) ends the job `done` with the run
 * `paused`; cancelling marks it `cancelled`; any other error `failed`.
 */
export function startTrainingJob<S extends TrainSpec>(ctx: EngineContext, run: RunInfo, spec: S, corpus: CorpusInfo, trainer: Trainer<S>, title = `Train ${run.name}`): JobSummary {
  const { jobs, runs } = ctx;
  return jobs.start('train', title, run.id, async (job) => {
    let finished: RunInfo;
    try {
      const summary = await trainer(ctx, run, spec, corpus, job);
      finished = await runs.finish(run.id, { status: 'completed', summary });
    } catch (error) {
      if (error instanceof StudioError && error.name === 'PausedError' && !job.signal.aborted) {
        return { kind: 'train', run: await runs.finish(run.id, { status: 'paused' }) };
      }
      const cancelled = job.signal.aborted || (error instanceof StudioError && error.name === 'CancelledError');
      await runs.finish(run.id, cancelled ? { status: 'cancelled' } : { status: 'failed', error: errorToData(error) });
      throw error;
    }
    return { kind: 'train', run: finished };
  });
}

type TrainMethods = 'train.start' | 'runs.list' | 'runs.get' | 'runs.delete';

export function trainHandlers(ctx: EngineContext): Pick<Handlers<EngineMethods>, TrainMethods> {
  const { jobs, runs } = ctx;
  return {
    'train.start': async ({ corpusId, spec, name, outDir, validationCorpusId, testCorpusId }) => {
      const corpus = await getCorpus(ctx.ws, corpusId);
      const splitIds = { ...(validationCorpusId ? { validationCorpusId } : {}), ...(testCorpusId ? { testCorpusId } : {}) };
      if (Object.keys(splitIds).length > 0) {
        if (!('arch' in spec)) throw new StudioError('ValidationError', 'word2vec has no validation or test split: validationCorpusId and testCorpusId are for neural runs');
        for (const [id, role] of [[validationCorpusId, 'Validation corpus'], [testCorpusId, 'Test corpus']] as const) {
          if (!id) continue;
          const split = await getCorpus(ctx.ws, id);
          familyOf(spec).checkCorpus(split, spec.model, role);
          if (split.tokenizer !== corpus.tokenizer || split.lowercase !== corpus.lowercase) {
            throw new StudioError('ValidationError', `${role} "${split.name}" was tokenised differently from "${corpus.name}" (${split.tokenizer}${split.lowercase ? ', lower-cased' : ''} vs ${corpus.tokenizer}${corpus.lowercase ? ', lower-cased' : ''}): import it with the same options`);
          }
        }
      }
      const backend = spec.model === 'word2vec' ? null : (await ctx.backend()).chosen; // word2vec runs on its own kernels
      const run = await runs.create({ corpusId, corpusName: corpus.name, spec, backend, ...(name ? { name } : {}), ...(outDir ? { outDir } : {}) });
      if (Object.keys(splitIds).length > 0) await writeJsonAtomic(path.join(runs.dir(run.id), SPLITS_FILE), splitIds);
      const job = startTrainingJob(ctx, run, spec, corpus, trainerFor(spec));
      return { jobId: job.jobId, runId: run.id };
    },
    'runs.list': async () => runs.list(),
    'runs.get': async ({ id }) => ({ run: await runs.get(id), metrics: await runs.metrics(id), report: await runs.report(id) }),
    'runs.delete': async ({ id }) => {
      if (jobs.list().some((j) => j.runId === id)) throw new StudioError('ValidationError', 'This run is still training: cancel it first');
      await runs.delete(id);
      return {};
    },
  };
}
