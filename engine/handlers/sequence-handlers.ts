/**
 * Recurrent-model methods: rename/tag runs, pause and resume training, the model summary before training, and
 * predict / generate / evaluate with a trained run.
 */
import { StudioError } from '../../contract/errors.ts';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import type { RunSpec } from '../../contract/runs.ts';
import { getCorpus } from '../data/corpus-store.ts';
import type { EngineContext } from '../engine.ts';
import { buildRnn, summarize } from '../models/rnn/rnn.ts';
import { classifierBatches, encodeExamples, lmBatches, lmStream, readExamples } from '../models/rnn/sequence-data.ts';
import { evaluateBatches, generate, loadSequenceModel, predict, type LoadedSequenceModel } from '../training/sequence-model.ts';
import { lastCheckpointState } from '../training/train-loop.ts';
import { prepareData, resumeSequenceRun, trainingBackend } from '../training/sequence-run.ts';
import { startTrainingJob } from './train-handlers.ts';
import { importModel } from '../training/import-model.ts';

type SequenceMethods = 'runs.update' | 'runs.resume' | 'jobs.pause' | 'model.summary' | 'model.predict' | 'model.generate' | 'model.evaluate' | 'model.import';
type SequenceSpec = Extract<RunSpec, { model: 'classifier' | 'tagger' | 'lm' }>;

const isSequence = (spec: RunSpec): spec is SequenceSpec => spec.model === 'classifier' || spec.model === 'tagger' || spec.model === 'lm';
const TASK = { classifier: 'classifier', tagger: 'tagger', lm: 'lm' } as const;

export function sequenceHandlers(ctx: EngineContext): Pick<Handlers<EngineMethods>, SequenceMethods> {
  const { runs, jobs } = ctx;
  // The last model used for predictions stays loaded: the dashboard asks many in a row.
  let cached: { runId: string; loaded: LoadedSequenceModel } | null = null;
  const model = async (runId: string) => {
    const run = await runs.get(runId);
    if (!isSequence(run.spec)) throw new StudioError('ValidationError', `Run ${runId} is a ${run.spec.model} run, not a recurrent model`);
    if (cached?.runId === runId) return cached.loaded;
    await ctx.backend(); // tfjs and the backend are loaded on first use
    await trainingBackend();
    const loaded = await loadSequenceModel(runs.dir(runId));
    cached?.loaded.dispose();
    cached = { runId, loaded };
    return loaded;
  };

  return {
    'runs.update': async ({ id, name, tags }) => runs.update(id, { ...(name !== undefined ? { name } : {}), ...(tags !== undefined ? { tags } : {}) }),
    'runs.resume': async ({ id, corpusId }) => {
      const run = await runs.get(id);
      if (!isSequence(run.spec)) throw new StudioError('ValidationError', `A ${run.spec.model} run cannot be resumed`);
      if (run.status === 'running' || jobs.list().some((j) => j.runId === id)) throw new StudioError('ValidationError', 'This run is already training');
      if (!(await lastCheckpointState(runs.dir(id)))) throw new StudioError('ValidationError', 'This run has no checkpoint to resume from');
      const trainOn = corpusId ?? run.corpusId;
      if (!trainOn) throw new StudioError('ValidationError', 'This run has no corpus to train on (an imported model): choose one to continue training');
      const corpus = await getCorpus(ctx.ws, trainOn);
      await ctx.backend(); // as train.start: the backend selection must have finished before the trainer uses tfjs
      const reopened = await runs.reopen(id, trainOn !== run.corpusId ? { id: corpus.id, name: corpus.name } : undefined);
      if (cached?.runId === id) (cached.loaded.dispose(), (cached = null));
      const job = startTrainingJob(ctx, reopened, run.spec, corpus, resumeSequenceRun, `Resume ${run.name}`);
      return { jobId: job.jobId, runId: id };
    },
    'jobs.pause': async ({ jobId }) => (jobs.pause(jobId), {}),
    'model.summary': async ({ corpusId, spec }) => {
      if (!isSequence(spec)) throw new StudioError('ValidationError', `No layer summary for ${spec.model}`);
      const corpus = await getCorpus(ctx.ws, corpusId);
      const task = TASK[spec.model];
      let vocabSize = Math.min(spec.config.vocab, corpus.stats.vocabSize + 4);
      let outputs = task === 'lm' ? vocabSize : corpus.labels.length;
      if (spec.config.level === 'char') {
        const data = await prepareData(ctx, corpus, task, spec.config); // characters are not counted at import
        vocabSize = data.vocab.size;
        outputs = task === 'lm' ? vocabSize : data.meta.labels.length;
      }
      await ctx.backend();
      await trainingBackend();
      const m = buildRnn(spec.config, { task, vocabSize, outputs: Math.max(outputs, 1) });
      try {
        return summarize(m);
      } finally {
        m.dispose();
      }
    },
    'model.import': async ({ path, displayName, name }) => importModel(ctx, { path, displayName, name }),
    'model.predict': async ({ runId, text }) => predict(await model(runId), text),
    'model.generate': async ({ runId, request }) => ({ text: generate(await model(runId), request) }),
    'model.evaluate': async ({ runId, corpusId }) => {
      const loaded = await model(runId);
      const corpus = await getCorpus(ctx.ws, corpusId);
      const { task, config, labels } = loaded.meta;
      const examples = await readExamples(ctx.ws.corpusDir(corpus.id), task);
      const batches = task === 'lm'
        ? lmBatches(lmStream(examples, loaded.vocab), config.seq, config.batch, null)
        : classifierBatches(encodeExamples(examples, task, loaded.vocab, labels, config.seq), task, config.batch, null);
      const evaluation = await evaluateBatches(loaded.model, task, batches, labels);
      return { metrics: evaluation.metrics, report: { confusion: evaluation.confusion, perClass: evaluation.perClass, samples: [], test: evaluation.metrics, summary: summarize(loaded.model) } };
    },
  };
}
