/** Training and runs: start a training job, list, inspect and delete runs. */
import { userText } from '../../contract/user-text.ts';
import { StudioError, errorToData } from '../../contract/errors.ts';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import type { CorpusInfo } from '../../contract/corpus.ts';
import type { JobSummary } from '../../contract/jobs.ts';
import { isNeuralSpec, type RunInfo, type TrainSpec } from '../../contract/runs.ts';
import { getCorpus } from '../data/corpus-store.ts';
import type { EngineContext } from '../engine.ts';
import { checkTrainingData, trainerFor, type Trainer } from '../training/trainers.ts';
import type { SplitCorpora } from '../families/family.ts';
import { SPLITS_FILE } from '../training/family-run.ts';
import { lastCheckpointState } from '../training/train-loop.ts';
import { familyOf } from '../families/registry.ts';
import { writeJsonAtomic } from '../workspace/atomic.ts';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { useCorpus } from '../data/corpus-users.ts';
import type { HeldLock } from '../workspace/lock.ts';

/**
 * Train (or resume) a run as a job. The trainer's PausedError (jobs.pause) ends the job `done` with the run
 * `paused`; cancelling marks it `cancelled`; any other error `failed`. The run's lock (taken by runs.create or
 * the resume) is held until the job ends, and the corpora it reads are marked in use for as long, so no process
 * sharing the workspace can delete or resume them meanwhile.
 */
export function startTrainingJob<S extends TrainSpec>(ctx: EngineContext, run: RunInfo, spec: S, corpus: CorpusInfo, trainer: Trainer<S>, title = userText('Train {name}', { name: run.name }), fraction = 0): JobSummary {
  const { jobs, runs } = ctx;
  return jobs.start('train', title, run.id, async (job) => {
    const uses: HeldLock[] = [];
    let finished: RunInfo;
    try {
      for (const id of await corporaOf(ctx, run.id, corpus.id)) uses.push(await useCorpus(ctx.ws, id));
      const summary = await trainer(ctx, run, spec, corpus, job);
      finished = await runs.finish(run.id, { status: 'completed', summary });
    } catch (error) {
      // Deleted from under us (by hand: a deletion through the app is refused while the lock is held).
      if (!existsSync(path.join(runs.dir(run.id), 'run.json'))) {
        await runs.release(run.id);
        throw new StudioError('NotFoundError', userText('The folder of run {id} ({folder}) was deleted while it trained: training stopped', { id: run.id, folder: runs.dir(run.id) }));
      }
      if (error instanceof StudioError && error.name === 'PausedError' && !job.signal.aborted) {
        return { kind: 'train', run: await runs.finish(run.id, { status: 'paused' }) };
      }
      const cancelled = job.signal.aborted || (error instanceof StudioError && error.name === 'CancelledError');
      await runs.finish(run.id, cancelled ? { status: 'cancelled' } : { status: 'failed', error: errorToData(error) });
      throw error;
    } finally {
      await runs.release(run.id); // finish released it already, unless finishing itself failed
      for (const use of uses) await use.release();
    }
    return { kind: 'train', run: finished };
  }, fraction);
}

/** The corpora a run reads: its own and its separate validation / test corpora (splits.json). */
async function corporaOf(ctx: EngineContext, runId: string, corpusId: string): Promise<string[]> {
  const text = await readFile(path.join(ctx.runs.dir(runId), SPLITS_FILE), 'utf8').catch(() => null);
  const splits = text ? (JSON.parse(text) as { validationCorpusId?: string; testCorpusId?: string }) : {};
  return [...new Set([corpusId, splits.validationCorpusId, splits.testCorpusId].filter((id): id is string => typeof id === 'string'))];
}

type TrainMethods = 'train.start' | 'runs.list' | 'runs.get' | 'runs.delete';
type StartInput = Parameters<Handlers<EngineMethods>['train.start']>[0];
type StartOutput = Awaited<ReturnType<Handlers<EngineMethods>['train.start']>>;

/** How many recent `train.start` request ids are remembered (a retry comes within seconds, not after 64 starts). */
const REMEMBERED_STARTS = 64;

export function trainHandlers(ctx: EngineContext): Pick<Handlers<EngineMethods>, TrainMethods> {
  const { jobs, runs } = ctx;
  /**
   * `train.start` by request id, in flight or answered: the same id again gets the same answer, so a repeated call
   * (a double click that got through, a message sent twice) makes one run. Keyed by the client's id rather than by
   * the spec: starting the same settings twice on purpose (to compare two runs, or from two windows) stays possible.
   * A failed start is forgotten, so pressing Start again after fixing the cause works.
   */
  const starts = new Map<string, Promise<StartOutput>>();
  const startOnce = (input: StartInput, start: () => Promise<StartOutput>): Promise<StartOutput> => {
    const { requestId } = input;
    if (!requestId) return start();
    const known = starts.get(requestId);
    if (known) return known;
    const started = start();
    starts.set(requestId, started);
    started.catch(() => starts.delete(requestId));
    if (starts.size > REMEMBERED_STARTS) starts.delete(starts.keys().next().value!);
    return started;
  };
  return {
    'train.start': (input) => startOnce(input, () => startTraining(input)),
    'runs.list': async () => runs.list(),
    'runs.get': async ({ id }) => {
      const run = await runs.get(id);
      const state = isNeuralSpec(run.spec) ? await lastCheckpointState(runs.dir(id)) : null;
      return { run, metrics: await runs.metrics(id), report: await runs.report(id), checkpoint: state ? { step: state.step, epoch: state.epoch } : null };
    },
    // Refused, naming the owner, while any process (this one or another sharing the workspace) trains it.
    'runs.delete': async ({ id }) => (await runs.delete(id), {}),
  };

  async function startTraining({ corpusId, spec, name, outDir, validationCorpusId, testCorpusId }: StartInput): Promise<StartOutput> {
    const corpus = await getCorpus(ctx.ws, corpusId);
    const splitIds = { ...(validationCorpusId ? { validationCorpusId } : {}), ...(testCorpusId ? { testCorpusId } : {}) };
    const splits: SplitCorpora = {};
    if (Object.keys(splitIds).length > 0) {
      if (!('arch' in spec)) throw new StudioError('ValidationError', userText('word2vec has no validation or test split: validationCorpusId and testCorpusId are for neural runs'));
      for (const [id, role] of [[validationCorpusId, userText('Validation corpus')], [testCorpusId, userText('Test corpus')]] as const) {
        if (!id) continue;
        const split = await getCorpus(ctx.ws, id);
        splits[id === validationCorpusId ? 'validation' : 'test'] = split;
        familyOf(spec).checkCorpus(split, spec.model, role);
        if (split.tokenizer !== corpus.tokenizer || split.lowercase !== corpus.lowercase) {
          throw new StudioError('ValidationError', userText('{role} "{name}" was tokenised differently from "{corpus}" ({its} vs {ours}): import it with the same options', { role, name: split.name, corpus: corpus.name, its: tokenisation(split), ours: tokenisation(corpus) }));
        }
      }
    }
    // Degenerate data is refused or warned about before the run exists: a refused start leaves no run behind.
    const warnings = checkTrainingData(spec, corpus, splits);
    const backend = spec.model === 'word2vec' ? null : (await ctx.backend()).chosen; // word2vec runs on its own kernels
    const run = await runs.create({ corpusId, corpusName: corpus.name, spec, backend, ...(name ? { name } : {}), ...(outDir ? { outDir } : {}) });
    if (Object.keys(splitIds).length > 0) await writeJsonAtomic(path.join(runs.dir(run.id), SPLITS_FILE), splitIds);
    const job = startTrainingJob(ctx, run, spec, corpus, trainerFor(spec));
    return { jobId: job.jobId, runId: run.id, warnings };
  }
}

/** How a corpus was tokenised, as the mismatch error names it: "whitespace, lower-cased". */
function tokenisation(corpus: CorpusInfo): string {
  return corpus.lowercase ? userText('{tokenizer}, lower-cased', { tokenizer: corpus.tokenizer }) : corpus.tokenizer;
}
