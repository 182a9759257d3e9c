/** Training and runs: start a training job, list, inspect and delete runs. */
import { StudioError, errorToData } from '../../contract/errors.ts';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import type { RunInfo } from '../../contract/runs.ts';
import { getCorpus } from '../data/corpus-store.ts';
import type { EngineContext } from '../engine.ts';
import { trainerFor } from '../training/trainers.ts';

type TrainMethods = 'train.start' | 'runs.list' | 'runs.get' | 'runs.delete';

export function trainHandlers(ctx: EngineContext): Pick<Handlers<EngineMethods>, TrainMethods> {
  const { jobs, runs } = ctx;
  return {
    'train.start': async ({ corpusId, spec, name, outDir }) => {
      const corpus = await getCorpus(ctx.ws, corpusId);
      const backend = spec.model === 'word2vec' ? null : (await ctx.backend()).chosen; // word2vec runs on its own kernels
      const run = await runs.create({ corpusId, corpusName: corpus.name, spec, backend, ...(name ? { name } : {}), ...(outDir ? { outDir } : {}) });
      const job = jobs.start('train', `Train ${run.name}`, run.id, async (job) => {
        let finished: RunInfo;
        try {
          const summary = await trainerFor(spec)(ctx, run, spec, corpus, job);
          finished = await runs.finish(run.id, { status: 'completed', summary });
        } catch (error) {
          const cancelled = job.signal.aborted || (error instanceof StudioError && error.name === 'CancelledError');
          await runs.finish(run.id, cancelled ? { status: 'cancelled' } : { status: 'failed', error: errorToData(error) });
          throw error;
        }
        return { kind: 'train', run: finished };
      });
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
