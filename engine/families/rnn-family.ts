/**
 * The recurrent family (RNN, LSTM, GRU; engine/models/rnn/) on the seam: text classification, tagging and language
 * modelling. Reads the corpus's tokens with its labels or tags, splits it (seeded), builds the vocabulary, and
 * reports accuracy / macro-F1 with a confusion matrix, tag accuracy, or perplexity.
 */
import * as tf from '@tensorflow/tfjs';
import type { CorpusInfo } from '../../contract/corpus.ts';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import { migrateSpec, type NeuralSpec, type NeuralTask, RunSpec } from '../../contract/runs.ts';
import { z } from '../../contract/zod.ts';
import { Tokenizer } from '../../contract/corpus.ts';
import type { EngineContext } from '../engine.ts';
import { evaluateBatches } from '../evaluation/rnn-evaluation.ts';
import { exportLayersModel, loadLayersWeights } from '../export/layers-export.ts';
import { generate, predict, readInput } from '../inference/rnn-inference.ts';
import { classifierBatches, encodeExamples, heldOutBatches, lmBatches, lmStream, readExamples, splitExamples, type Batch, type RnnMeta, type RnnTask } from '../models/rnn/batches.ts';
import { buildRnn } from '../models/rnn/rnn.ts';
import { RnnModel } from '../models/rnn/rnn-model.ts';
import { SPECIALS, Vocab } from '../models/rnn/vocab.ts';
import { seededRandom } from '../random.ts';
import type { ModelFamily, PreparedData, SplitCorpora } from './family.ts';
import { checkLabels, checkSplits } from '../training/data-checks.ts';
import { coverageNote, fillEmbeddings, prepareVectors } from './pretrained-embeddings.ts';

const TASKS = ['classifier', 'tagger', 'lm'] as const;
const isRnnTask = (task: NeuralTask): task is RnnTask => (TASKS as readonly string[]).includes(task);
const PRIMARY = { classifier: 'accuracy', tagger: 'tagAccuracy', lm: 'perplexity' } as const;

/** A corpus must carry what the task learns: labels (classifier) or tags (tagger); any corpus has text for the LM. */
function checkCorpus(corpus: CorpusInfo, task: NeuralTask, role?: string): void {
  const name = corpus.name;
  if (task === 'classifier' && corpus.task !== 'classification') {
    throw new StudioError('ValidationError', role ? userText('{role} "{name}" has no labels: import it for the classification task', { role, name }) : userText('Corpus "{name}" has no labels: import it for the classification task', { name }));
  }
  if (task === 'tagger' && corpus.task !== 'tagging') {
    throw new StudioError('ValidationError', role ? userText('{role} "{name}" has no tags: import it for the tagging task', { role, name }) : userText('Corpus "{name}" has no tags: import it for the tagging task', { name }));
  }
}

/** Before a run: at least two classes or tags, and enough examples for the splits (engine/training/data-checks.ts). */
function check(corpus: CorpusInfo, spec: NeuralSpec, splits: SplitCorpora): string[] {
  checkCorpus(corpus, spec.model);
  for (const [given, role] of [[splits.validation, userText('Validation corpus')], [splits.test, userText('Test corpus')]] as const) if (given) checkCorpus(given, spec.model, role);
  const labelled = spec.model === 'classifier' || spec.model === 'tagger' ? checkLabels(corpus, spec) : [];
  const unit = spec.model === 'tagger' ? 'sentences' : 'documents';
  return [...labelled, ...checkSplits(corpus, corpus.stats.documents, unit, spec.training, splits)];
}

function outputs(meta: RnnMeta): number {
  return meta.task === 'lm' ? meta.vocab.tokens.length : meta.labels.length;
}

/** The `family.json` of a recurrent run, or the `sequence.json` of runs and exports made before the seam. */
const LegacyMeta = z.object({
  task: z.enum(TASKS),
  config: z.record(z.string(), z.unknown()),
  vocab: z.object({ level: z.enum(['word', 'char']), tokens: z.array(z.string()).min(4) }),
  labels: z.array(z.string()),
  tokenizer: Tokenizer,
  lowercase: z.boolean(),
});

function readMeta(json: unknown): RnnMeta | null {
  const o = json as { family?: unknown; config?: unknown } | null;
  if (o === null || typeof o !== 'object') return null;
  if (o.family === 'rnn') return json as RnnMeta;
  if (o.family !== undefined || o.config === undefined) return null;
  const legacy = LegacyMeta.safeParse(json);
  if (!legacy.success) return null;
  const spec = RunSpec.safeParse(migrateSpec({ model: legacy.data.task, config: legacy.data.config }));
  if (!spec.success || !('arch' in spec.data) || spec.data.arch.family !== 'rnn') return null;
  const { config: _, ...rest } = legacy.data;
  return { ...rest, family: 'rnn', arch: spec.data.arch, training: spec.data.training };
}

async function prepare(ctx: EngineContext, corpus: CorpusInfo, spec: NeuralSpec, fixed: RnnMeta | null, splits: { validation?: CorpusInfo; test?: CorpusInfo }): Promise<PreparedData<Batch, RnnMeta>> {
  const task = spec.model;
  if (!isRnnTask(task) || spec.arch.family !== 'rnn') throw new StudioError('ValidationError', userText('The recurrent family does not learn {task}', { task }));
  const { arch, training } = spec;
  checkCorpus(corpus, task);
  if (task === 'tagger' && arch.level === 'char') throw new StudioError('ValidationError', userText('A tagger tags words: use the word level'));
  const examples = await readExamples(ctx.ws.corpusDir(corpus.id), task);
  // A validation or test corpus given replaces that random split (its fraction is then ignored).
  const random = splitExamples(examples, splits.validation ? 0 : training.validationSplit, splits.test ? 0 : training.testSplit, training.seed);
  const read = async (c: CorpusInfo | undefined) => (c ? readExamples(ctx.ws.corpusDir(c.id), task) : null);
  const [val, test] = await Promise.all([read(splits.validation), read(splits.test)]);
  const split = { train: random.train, val: val ?? random.val, test: test ?? random.test };
  if (split.train.length === 0) throw new StudioError('ValidationError', userText('No training examples are left after the validation and test splits'));
  const vocab = fixed ? Vocab.fromJSON(fixed.vocab) : Vocab.build(split.train.map((e) => e.words), arch.level, arch.vocab);
  const all = [...examples, ...(val ?? []), ...(test ?? [])];
  const labels = fixed ? fixed.labels : task === 'lm' ? [] : task === 'classifier' ? [...new Set(all.map((e) => e.label!))].sort() : [...new Set(all.flatMap((e) => e.tags!))].sort();
  const meta: RnnMeta = { family: 'rnn', task, arch, training, vocab: vocab.toJSON(), labels, tokenizer: corpus.tokenizer, lowercase: corpus.lowercase };
  // A new run (no trained meta kept): refuse vectors of the wrong size now, not after building the network.
  if (!fixed) await prepareVectors(ctx, meta, arch.embeddings, arch.emb);
  if (task === 'lm') {
    const stream = lmStream(split.train, vocab);
    return {
      meta,
      train: (epoch) => lmBatches(stream, arch.seq, training.batch, seededRandom(training.seed * 1000 + epoch)),
      val: lmBatches(lmStream(split.val, vocab), arch.seq, training.batch, null),
      test: lmBatches(lmStream(split.test, vocab), arch.seq, training.batch, null),
    };
  }
  const encode = (xs: typeof examples) => encodeExamples(xs, task, vocab, labels, arch.seq);
  const train = encode(split.train);
  const showcase = (split.val.length > 0 ? split.val : split.train).slice(0, 3);
  return {
    meta,
    train: (epoch) => classifierBatches(train, task, training.batch, seededRandom(training.seed * 1000 + epoch)),
    val: heldOutBatches(encode(split.val), task, training.batch),
    test: heldOutBatches(encode(split.test), task, training.batch),
    showcase: showcase.map((e) => ({ text: e.words.join(' ') })),
  };
}

/** What an epoch shows: a generated sample (LM) or predictions on a few held-out examples. */
function showcase(model: RnnModel, data: PreparedData<Batch, RnnMeta>): string {
  const { meta } = data;
  if (meta.task === 'lm') return generate(model, meta, { prompt: '', maxTokens: 30, temperature: 0.8, topK: 20, seed: 1 });
  return (data.showcase ?? [])
    .map(({ text }) => {
      const p = predict(model, meta, text);
      const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
      return p.task === 'classifier' ? `${shown} → ${p.label} (${p.probabilities[0].p.toFixed(2)})` : p.tokens.slice(0, 12).map((t) => `${t.token}/${t.tag}`).join(' ');
    })
    .join('\n');
}

export const rnnFamily: ModelFamily<Batch, RnnMeta, RnnModel> = {
  name: 'rnn',
  tasks: TASKS,
  describe: (meta, params) => {
    const n = outputs(meta);
    const p = { cell: meta.arch.cell.toUpperCase(), size: meta.vocab.tokens.length, count: n, params };
    if (meta.task === 'lm') return userText('{cell} lm: vocabulary {size}, {params} parameters', p);
    if (meta.task === 'tagger') return n ? userText('{cell} tagger: vocabulary {size}, {count} tags, {params} parameters', p) : userText('{cell} tagger: vocabulary {size}, {params} parameters', p);
    return n ? userText('{cell} classifier: vocabulary {size}, {count} classes, {params} parameters', p) : userText('{cell} classifier: vocabulary {size}, {params} parameters', p);
  },
  checkCorpus,
  check,
  prepare,
  build: (meta) => new RnnModel(buildRnn(meta.arch, { task: meta.task, vocabSize: meta.vocab.tokens.length, outputs: Math.max(outputs(meta), 1) }, meta.training.seed), meta.task),
  initialize: async (ctx, model, meta): Promise<{ notes: string[]; summary: Record<string, number> }> => {
    const wanted = meta.arch.embeddings;
    if (!wanted) return { notes: [], summary: {} };
    // Embedding rows from those vectors, for the words they have; the rest keep their random init.
    const layer = model.net.getLayer('embedding');
    const table = (layer.getWeights()[0].dataSync() as Float32Array).slice();
    const coverage = await fillEmbeddings(ctx, meta, wanted, meta.arch.emb, meta.vocab.tokens, table);
    tf.tidy(() => layer.setWeights([tf.tensor2d(table, [meta.vocab.tokens.length, meta.arch.emb])]));
    return coverageNote(coverage);
  },
  stepValues: (loss, meta): Record<string, number> => (meta.task === 'lm' ? { perplexity: Math.exp(loss) } : {}),
  summaryFigures: (meta) => ({ vocabSize: meta.vocab.tokens.length }),
  // The first layer (engine/models/rnn/rnn.ts) is named `embedding`; Keras names its matrix `embeddings`.
  embeddings: (meta) => [{ layer: 'embedding', label: 'embedding', weight: 'embedding/embeddings', tokens: meta.vocab.tokens, firstWord: SPECIALS.length }],
  evaluate: async (model, meta, batches, _purpose, onProgress) => {
    const e = await evaluateBatches(model, meta.task, batches, meta.labels, undefined, onProgress);
    return { metrics: e.metrics, report: { confusion: e.confusion, perClass: e.perClass } };
  },
  validationScore: (m, meta) => (meta.task === 'lm' ? -m.loss : m[PRIMARY[meta.task]]),
  epochMetrics: (m, meta) => {
    const named: Record<string, number> = { valLoss: m.loss };
    if (meta.task === 'lm') named.valPerplexity = m.perplexity;
    else named.valAccuracy = m[PRIMARY[meta.task]];
    if (meta.task === 'classifier') named.macroF1 = m.macroF1;
    if (meta.task === 'tagger') named.tagAccuracy = m.tagAccuracy;
    return named;
  },
  epochReport: async (model, data, epoch, report) => {
    report.samples.push({ epoch, text: showcase(model, data) });
  },
  export: (model, meta, dir, card) => exportLayersModel(model.net, dir, meta, card).then(() => undefined),
  loadExport: (model, _meta, folder) => loadLayersWeights(model.net, folder),
  sketch: async (ctx, corpus, spec) => {
    if (!isRnnTask(spec.model) || spec.arch.family !== 'rnn') throw new StudioError('ValidationError', userText('The recurrent family does not learn {task}', { task: spec.model }));
    if (spec.arch.level === 'char') return (await prepare(ctx, corpus, spec, null, {})).meta; // characters are not counted at import
    const size = Math.min(spec.arch.vocab, corpus.stats.vocabSize + 4);
    const tokens = new Array<string>(size).fill('');
    const labels = spec.model === 'lm' ? [] : corpus.labels.map((l) => l.word);
    return { family: 'rnn', task: spec.model, arch: spec.arch, training: spec.training, vocab: { level: spec.arch.level, tokens }, labels, tokenizer: corpus.tokenizer, lowercase: corpus.lowercase };
  },
  readMeta,
  predict,
  generate,
  readInput,
};
