/**
 * Train a recurrent classifier, tagger or language model run: read the corpus and its labels, split it (seeded),
 * build the vocabulary and the model, run the shared training loop, stream metrics, and leave in the run folder
 * `sequence.json`, the `best`/`last` checkpoints, `report.json` and a TensorFlow.js Layers export (`tfjs/`).
 * Also resumes a paused or interrupted run from its `last` checkpoint.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../contract/backend.ts';
import type { CorpusInfo } from '../../contract/corpus.ts';
import type { MetricPoint, RunInfo, RunSummary, TrainSpec } from '../../contract/runs.ts';
import type { RnnConfig, RunReport } from '../../contract/sequence.ts';
import { StudioError } from '../../contract/errors.ts';
import { getCorpus } from '../data/corpus-store.ts';
import type { EngineContext } from '../engine.ts';
import { formatCount } from '../format.ts';
import type { JobContext } from '../jobs/job-manager.ts';
import { buildRnn, summarize } from '../models/rnn/rnn.ts';
import { classifierBatches, encodeExamples, lmBatches, lmStream, readExamples, splitExamples, type Batch, type SequenceTask } from '../models/rnn/sequence-data.ts';
import { batchLoss, evaluateBatches, generate, predict, readSequenceMeta, saveSequenceMeta, type SequenceMeta } from './sequence-model.ts';
import { exportLayersModel } from '../models/rnn/layers-export.ts';
import { Vocab } from '../models/rnn/vocab.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { loadWord2VecModel } from '../models/word2vec/model-store.ts';
import { lastCheckpointState, trainLoop } from './train-loop.ts';
import type { Trainer } from './trainers.ts';
import { loadCheckpoint } from './checkpoint.ts';
import { installFastCpuKernels } from '../backend/embedded/embedded-backend.ts';
import { seededRandom } from '../random.ts';
import { writeJsonAtomic } from '../workspace/atomic.ts';
import { profileStepFromEnv } from './diagnostics.ts';

const TASK = { classifier: 'classifier', tagger: 'tagger', lm: 'lm' } as const;

/** The backend neural models train on: the selected one (each of them trains every model). */
export async function trainingBackend(): Promise<{ backend: BackendName }> {
  installFastCpuKernels();
  return { backend: tf.getBackend() as BackendName };
}

export interface PreparedData {
  meta: SequenceMeta;
  vocab: Vocab;
  train: (epoch: number) => Batch[];
  val: Batch[];
  test: Batch[];
  /** Held-out examples to show predictions on each epoch. */
  showcase: string[];
}

/**
 * Read, split and encode the corpus for the task; everything seeded by `config.seed`. `fixed`: a trained model's
 * vocabulary and labels to keep (continuing training, possibly on another corpus, e.g. an imported model).
 */
export async function prepareData(ctx: EngineContext, corpus: CorpusInfo, task: SequenceTask, config: RnnConfig, fixed: SequenceMeta | null = null, splits: SplitCorpora = {}): Promise<PreparedData> {
  checkTask(corpus, task);
  if (task === 'tagger' && config.level === 'char') throw new StudioError('ValidationError', 'A tagger tags words: use the word level');
  const examples = await readExamples(ctx.ws.corpusDir(corpus.id), task);
  // A validation or test corpus given replaces that random split (its fraction is then ignored).
  const random = splitExamples(examples, splits.validation ? 0 : config.validationSplit, splits.test ? 0 : config.testSplit, config.seed);
  const read = async (c: CorpusInfo | undefined) => (c ? readExamples(ctx.ws.corpusDir(c.id), task) : null);
  const [val, test] = await Promise.all([read(splits.validation), read(splits.test)]);
  const split = { train: random.train, val: val ?? random.val, test: test ?? random.test };
  if (split.train.length === 0) throw new StudioError('ValidationError', 'No training examples are left after the validation and test splits');
  const vocab = fixed ? Vocab.fromJSON(fixed.vocab) : Vocab.build(split.train.map((e) => e.words), config.level, config.vocab);
  const all = [...examples, ...(val ?? []), ...(test ?? [])];
  const labels = fixed ? fixed.labels : task === 'lm' ? [] : task === 'classifier' ? [...new Set(all.map((e) => e.label!))].sort() : [...new Set(all.flatMap((e) => e.tags!))].sort();
  const meta: SequenceMeta = { task, config, vocab: vocab.toJSON(), labels, tokenizer: corpus.tokenizer, lowercase: corpus.lowercase };
  if (task === 'lm') {
    const stream = lmStream(split.train, vocab);
    return {
      meta,
      vocab,
      train: (epoch) => lmBatches(stream, config.seq, config.batch, seededRandom(config.seed * 1000 + epoch)),
      val: lmBatches(lmStream(split.val, vocab), config.seq, config.batch, null),
      test: lmBatches(lmStream(split.test, vocab), config.seq, config.batch, null),
      showcase: [],
    };
  }
  const encode = (xs: typeof examples) => encodeExamples(xs, task, vocab, labels, config.seq);
  const train = encode(split.train);
  return {
    meta,
    vocab,
    train: (epoch) => classifierBatches(train, task, config.batch, seededRandom(config.seed * 1000 + epoch)),
    val: classifierBatches(encode(split.val), task, config.batch, null),
    test: classifierBatches(encode(split.test), task, config.batch, null),
    showcase: (split.val.length > 0 ? split.val : split.train).slice(0, 3).map((e) => e.words.join(' ')),
  };
}

/** Corpora given as the validation and/or test split instead of random ones (train.start's validationCorpusId/testCorpusId). */
export interface SplitCorpora {
  validation?: CorpusInfo;
  test?: CorpusInfo;
}

/** Where a run keeps the ids of its split corpora, so a resume reads the same splits. */
export const SPLITS_FILE = 'splits.json';

/** A corpus must carry what the task learns: labels (classifier) or tags (tagger); any corpus has text for the LM. */
export function checkTask(corpus: CorpusInfo, task: SequenceTask, role = 'Corpus'): void {
  if (task === 'classifier' && corpus.task !== 'classification') throw new StudioError('ValidationError', `${role} "${corpus.name}" has no labels: import it for the classification task`);
  if (task === 'tagger' && corpus.task !== 'tagging') throw new StudioError('ValidationError', `${role} "${corpus.name}" has no tags: import it for the tagging task`);
}

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

/** The word2vec / pretrained vectors the config asks for, checked against the embedding size before any model is built. */
async function embeddingVectors(ctx: EngineContext, config: RnnConfig): Promise<KeyedVectors | null> {
  if (!config.embeddings) return null;
  const kv = await loadWord2VecModel(ctx.runs.dir(config.embeddings.runId));
  if (kv.dim !== config.emb) throw new StudioError('ValidationError', `The vectors of run ${config.embeddings.runId} have ${kv.dim} dimensions; set the embedding size to ${kv.dim}`);
  return kv;
}

/** Embedding rows from those vectors, for the words they have; the rest keep their random init. */
function pretrainedEmbeddings(kv: KeyedVectors, model: tf.LayersModel, vocab: Vocab, config: RnnConfig): { coverage: number } {
  const layer = model.getLayer('embedding');
  const table = (layer.getWeights()[0].dataSync() as Float32Array).slice();
  let found = 0;
  for (let i = 4; i < vocab.size; i++) {
    const row = kv.indexOf(vocab.tokens[i]);
    if (row < 0) continue;
    table.set(kv.vectors.subarray(row * kv.dim, (row + 1) * kv.dim), i * config.emb);
    found++;
  }
  tf.tidy(() => layer.setWeights([tf.tensor2d(table, [vocab.size, config.emb])]));
  return { coverage: found / Math.max(1, vocab.size - 4) };
}

type SequenceSpec = Extract<TrainSpec, { model: 'classifier' | 'tagger' | 'lm' }>;

export const trainSequenceRun: Trainer<SequenceSpec> = (ctx, run, spec, corpus, job) => runSequence(ctx, run, spec, corpus, job, false);

/** Continue a run from its `last` checkpoint (weights, optimiser moments, step and epoch counters). */
export const resumeSequenceRun: Trainer<SequenceSpec> = (ctx, run, spec, corpus, job) => runSequence(ctx, run, spec, corpus, job, true);

async function runSequence(ctx: EngineContext, run: RunInfo, spec: SequenceSpec, corpus: CorpusInfo, job: JobContext, resume: boolean): Promise<RunSummary> {
  const task = TASK[spec.model];
  const config = spec.config;
  const dir = ctx.runs.dir(run.id);
  const { backend } = await trainingBackend();
  if (run.backend !== backend) await ctx.runs.setBackend(run.id, backend);
  // A resumed run keeps the vocabulary and labels its weights were trained with.
  const fixed = resume ? await readSequenceMeta(dir).catch(() => null) : null;
  const splits = await readSplits(ctx, dir);
  const data = await prepareData(ctx, corpus, task, config, fixed, splits);
  const outputs = task === 'lm' ? data.vocab.size : data.meta.labels.length;
  const vectors = resume ? null : await embeddingVectors(ctx, config);
  const model = buildRnn(config, { task, vocabSize: data.vocab.size, outputs });
  try {
    const coverage = vectors ? pretrainedEmbeddings(vectors, model, data.vocab, config) : null;
    const summary = summarize(model);
    await saveSequenceMeta(dir, data.meta);
    const previous = resume ? await ctx.runs.report(run.id) : null;
    const report: RunReport = { confusion: null, perClass: null, samples: previous?.samples ?? [], test: null, summary };
    const intro = [
      `${config.arch.toUpperCase()} ${task}: ${formatCount(summary.totalParams)} parameters, vocabulary ${formatCount(data.vocab.size)}${outputs && task !== 'lm' ? `, ${outputs} ${task === 'tagger' ? 'tags' : 'classes'}` : ''}`,
      coverage ? `pretrained vectors cover ${(coverage.coverage * 100).toFixed(1)}% of the vocabulary` : null,
      resume ? 'resuming from the last checkpoint' : null,
    ].filter(Boolean).join(' · ');
    job.progress({ fraction: 0, etaSeconds: null, message: intro });

    let writes = Promise.resolve();
    const record = (point: MetricPoint) => {
      writes = writes.then(() => ctx.runs.appendMetric(run.id, point));
      return point;
    };
    let lastStepPoint = 0;
    const primary = task === 'classifier' ? 'accuracy' : task === 'tagger' ? 'tagAccuracy' : 'perplexity';
    let lastVal: Record<string, number> = {};
    const result = await trainLoop<Batch>({
      model,
      optimizer: config.optimizer,
      epochs: config.epochs,
      ...(config.steps !== undefined ? { maxSteps: config.steps } : {}),
      patience: config.patience,
      batches: data.train,
      loss: (m, batch) => batchLoss(m, task, batch, true),
      validate: async () => {
        const held = data.val.length > 0 ? data.val : data.train(0).slice(0, 4);
        const { metrics } = await evaluateBatches(model, task, held, data.meta.labels);
        lastVal = metrics;
        return { metric: task === 'lm' ? -metrics.loss : metrics[primary], values: metrics };
      },
      onStep: (s) => {
        const now = Date.now();
        const values: Record<string, number> = { loss: s.loss, lr: s.lr, tokensPerSec: s.tokensPerSec, gradNorm: s.gradNorm };
        if (task === 'lm') values.perplexity = Math.exp(s.loss);
        // Every step is a point on short runs; on long ones at most ~4 a second.
        const point = now - lastStepPoint > 250 || s.step === s.totalSteps ? record({ step: s.step, epoch: s.epoch, time: s.seconds, values }) : undefined;
        if (point) lastStepPoint = now;
        const eta = s.tokensPerSec > 0 ? ((s.totalSteps - s.step) * s.seconds) / Math.max(1, s.step) : null;
        job.progress({ fraction: s.step / s.totalSteps, etaSeconds: eta, message: `step ${s.step}/${s.totalSteps} · epoch ${Math.min(config.epochs, Math.floor(s.epoch) + 1)}/${config.epochs} · loss ${s.loss.toFixed(4)} · ${formatCount(Math.round(s.tokensPerSec))} tokens/s`, ...(point ? { point } : {}) });
      },
      onEpoch: async (epoch, values, s) => {
        const named: Record<string, number> = { valLoss: values.loss };
        if (task === 'lm') named.valPerplexity = values.perplexity;
        else named.valAccuracy = values[primary];
        if (task === 'classifier') named.macroF1 = values.macroF1;
        if (task === 'tagger') named.tagAccuracy = values.tagAccuracy;
        const point = record({ step: s.step, epoch, time: s.seconds, values: named });
        job.progress({ fraction: s.step / s.totalSteps, etaSeconds: null, message: `epoch ${epoch} · validation ${Object.entries(named).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(' · ')}`, point });
        report.samples.push({ epoch, text: showcase(model, data, task) });
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
    await loadCheckpoint(dir, 'best', model, null);
    const test = await evaluateBatches(model, task, data.test.length > 0 ? data.test : data.val, data.meta.labels);
    report.test = test.metrics;
    report.confusion = test.confusion;
    report.perClass = test.perClass;
    await ctx.runs.writeReport(run.id, report);
    await exportLayersModel(model, dir, data.meta, {
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
      vocabSize: data.vocab.size,
      earlyStopped: state.stopped === 'early' ? 1 : 0,
    };
    if (result.last) out.loss = result.last.loss;
    if (coverage) out.embeddingCoverage = coverage.coverage;
    for (const [k, v] of Object.entries(lastVal)) out[k === 'loss' ? 'valLoss' : k] = v;
    for (const [k, v] of Object.entries(test.metrics)) out[`test${k[0].toUpperCase()}${k.slice(1)}`] = v;
    return out;
  } finally {
    model.dispose();
  }
}

/** What an epoch shows: a generated sample (LM) or predictions on a few held-out examples. */
function showcase(model: tf.LayersModel, data: PreparedData, task: SequenceTask): string {
  const loaded = { meta: data.meta, vocab: data.vocab, model, dispose: () => {} };
  if (task === 'lm') return generate(loaded, { prompt: '', maxTokens: 30, temperature: 0.8, topK: 20, seed: 1 });
  return data.showcase
    .map((text) => {
      const p = predict(loaded, text);
      const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
      return p.task === 'classifier' ? `${shown} → ${p.label} (${p.probabilities[0].p.toFixed(2)})` : p.tokens.slice(0, 12).map((t) => `${t.token}/${t.tag}`).join(' ');
    })
    .join('\n');
}

export { readSequenceMeta, lastCheckpointState };
