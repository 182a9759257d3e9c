/**
 * Every kind of run the renderer knows, and the one place that knows them. `TrainSpec` is a union on `model` (the
 * task); each member has an entry here: its forms (the neural families: the family's architecture form and the
 * shared TrainingForm), defaults and validation from the contract's schema, summary figures, curves, playground,
 * report panels and the corpus tasks it trains on. Views ask here and name no model; a new family adds entries.
 * Its texts (labels, descriptions, chart titles, playground words) are English marked `msg`: a view shows them
 * through `t(entry.label)`, so they follow the UI's language when it switches.
 */
import type { Component } from 'svelte';
import { TrainSpec, Word2VecConfig } from '../contract.ts';
import type { CorpusInfo, FamilyName, ModelName, RunSpec } from '../contract.ts';
import { msg, t } from '../i18n/index.ts';
import { formatDuration, formatInt, formatNumber, formatPercent } from '../lib/format.ts';
import { formatScore } from './metric-names.ts';
import type { ConfigIssues } from './spec-check.ts';
import RnnArchForm from './RnnArchForm.svelte';
import Seq2SeqArchForm from './Seq2SeqArchForm.svelte';
import TrainingForm from './TrainingForm.svelte';
import Word2VecForm from './Word2VecForm.svelte';

/** What the Train form edits for a model: its spec without `model` (word2vec `{ config }`, neural `{ arch, training }`). */
export type FormOf<M extends ModelName> = Omit<Extract<TrainSpec, { model: M }>, 'model'>;
export type { ConfigIssues } from './spec-check.ts';
export { checkSpec, issuesUnder } from './spec-check.ts';
// Every metric's name, unit and format: one table (metric-names.ts), which a family's new keys extend.
export { formatMetric, formatMetricWithUnit, isAuxiliary, isLossLike, metricAxisTitle, metricDef, metricLabel, type MetricDef } from './metric-names.ts';
export type CorpusTask = CorpusInfo['task'];

/** One form of an entry, editing `form[key]` (a top-level key of the spec). */
export interface FormPart {
  key: string;
  Form: Component<{ config: unknown; issues: ConfigIssues; disabled?: boolean }, object, 'config'>;
  /** Extra props for this model (the language model's arch form hides the bidirectional switch). */
  props?: Record<string, unknown>;
}
const part = <C>(key: string, Form: Component<{ config: C; issues: ConfigIssues; disabled?: boolean }, object, 'config'>, props?: Record<string, unknown>): FormPart => ({
  key,
  Form: Form as unknown as FormPart['Form'],
  ...(props ? { props } : {}),
});

export interface SummaryField {
  key: string;
  label: string;
  format: (value: number) => string;
  /** Also shown in the run list's one-line summary. */
  brief?: boolean;
}

/** A chart of the dashboard beyond the loss and learning-rate curves every neural run has. */
export interface ChartDef {
  testid: string;
  title: string;
  /** The value keys drawn, those the history has (validation values are dashed). */
  keys: string[];
  /** Always on a log axis, whatever the linear/log switch says (perplexity spans orders of magnitude). */
  logY?: boolean;
}

/** The report sections a neural task fills (RunReport). */
export type ReportPanelName = 'test' | 'confusion' | 'perClass' | 'samples' | 'translations' | 'attention';

export interface PlaygroundDef {
  /** `predict`: model.predict; `generate`: model.generate (a prompt continued); `translate`: model.translate. */
  kind: 'predict' | 'generate' | 'translate';
  /** The submit button's word. */
  action: string;
  placeholder: string;
  /** The run can be tried from its latest checkpoint while it trains (model.translate `latest`). */
  whileTraining: boolean;
}

/** What the neural views need of a task: the dashboard's curves, the live figure, the playground, the report. */
export interface NeuralView {
  family: FamilyName;
  charts: ChartDef[];
  /** The live panel's task figure (`train-metric`): the first of these keys the history has. */
  headline: string[];
  playground: PlaygroundDef | null;
  panels: ReportPanelName[];
  /** The per-class table's first column ("Class", "Tag"). English (`msg`), like every text here: shown through `t`. */
  perClassLabel: string;
  /** The per-class table's heading ("Per class", "Per tag"): a whole phrase, so a translation need not build it. */
  perClassHeading: string;
}

/** Any run, trained or imported: how to name and summarise it. */
export interface RunKind {
  model: RunSpec['model'];
  label: string;
  /** A few words on a run's architecture for lists ("lstm", "skipgram", "gru · bahdanau"). */
  brief(spec: RunSpec): string;
  /** Which of `RunSummary`'s keys to show, in order. */
  summary: SummaryField[];
  /** Word vectors: the Explore view can query this kind's completed runs. */
  explorable: boolean;
  /**
   * A neural model's embedding layers, first the one the Explore view shows (`word2vec.*`'s `layer`, as the engine's
   * family names it): its completed runs are listed there too, "<run> · <label>".
   */
  embeddings?: { layer: string; label: string }[];
  /** Made from a file (its `corpusName` is the file), not trained on a corpus. */
  imported: boolean;
  /** Neural runs: metric dashboard, pause/resume, report, playground, model summary before training. */
  neural: NeuralView | null;
}

export interface ModelEntry<M extends ModelName = ModelName> extends RunKind {
  model: M;
  description: string;
  defaults(): FormOf<M>;
  forms: FormPart[];
  /** The epoch count a running job is heading for, for "epoch 2.4 / 5". */
  epochs(form: FormOf<M>): number;
  /** The corpus tasks this model trains on (classifier → classification corpora, …). */
  tasks: CorpusTask[];
}

/** A neural task's form defaults: whatever its spec schema fills in. */
function neuralDefaults<M extends ModelName>(model: M): () => FormOf<M> {
  return () => {
    const { model: _, ...form } = TrainSpec.parse({ model }) as Extract<TrainSpec, { model: M }>;
    return form as unknown as FormOf<M>;
  };
}

const figure = (n: number) => formatNumber(n);

const word2vec: ModelEntry<'word2vec'> = {
  model: 'word2vec',
  label: msg('word2vec'),
  description: msg('Word embeddings: skip-gram or CBOW with negative sampling (Mikolov et al. 2013).'),
  brief: (spec) => (spec.model === 'word2vec' ? spec.config.mode : ''),
  defaults: () => ({ config: Word2VecConfig.parse({}) }),
  forms: [part('config', Word2VecForm)],
  summary: [
    { key: 'vocabSize', label: msg('Vocabulary'), format: formatInt, brief: true },
    { key: 'dim', label: msg('Dimensions'), format: formatInt, brief: true },
    { key: 'seconds', label: msg('Time'), format: formatDuration, brief: true },
    { key: 'wordsPerSec', label: msg('Words / s'), format: formatInt },
    { key: 'loss', label: msg('Loss'), format: figure },
  ],
  explorable: true,
  imported: false,
  epochs: (form) => form.config.epochs,
  tasks: ['text', 'classification', 'tagging'],
  neural: null,
};

/** Imported word vectors: a run, not a model the Train view offers. */
const pretrained: RunKind = {
  model: 'pretrained',
  label: msg('Pretrained vectors'),
  brief: (spec) => (spec.model === 'pretrained' ? spec.config.format : ''),
  summary: [
    { key: 'vocabSize', label: msg('Vocabulary'), format: formatInt, brief: true },
    { key: 'dim', label: msg('Dimensions'), format: formatInt, brief: true },
    { key: 'seconds', label: msg('Import time'), format: formatDuration, brief: true },
    { key: 'duplicates', label: msg('Repeated words'), format: formatInt },
  ],
  explorable: true,
  imported: true,
  neural: null,
};

/** What every neural run puts in RunSummary (engine/training/family-run.ts), after its task's test figures. */
const neuralCommon: SummaryField[] = [
  { key: 'params', label: msg('Parameters'), format: formatInt },
  { key: 'epochs', label: msg('Epochs'), format: (n) => formatNumber(n, 3) },
  { key: 'earlyStopped', label: msg('Early stop'), format: (n) => (n ? t('yes') : t('no')) },
  { key: 'tokensPerSec', label: msg('Tokens / s'), format: formatInt },
  { key: 'seconds', label: msg('Time'), format: formatDuration, brief: true },
];
const neuralEpochs = (form: { training: { epochs: number } }) => form.training.epochs;

// The recurrent family (contract/rnn.ts): one architecture form, three tasks.
type RnnTask = 'classifier' | 'tagger' | 'lm';
const rnnBrief = (spec: RunSpec) => ('arch' in spec && spec.arch.family === 'rnn' ? `${spec.arch.bidirectional ? 'bi-' : ''}${spec.arch.cell}` : '');
function rnnEntry<M extends RnnTask>(model: M, rest: Omit<ModelEntry<M>, 'model' | 'brief' | 'defaults' | 'forms' | 'epochs' | 'explorable' | 'imported' | 'neural'> & { neural: Omit<NeuralView, 'family'> }, archProps?: Record<string, unknown>): ModelEntry<M> {
  return {
    model,
    ...rest,
    brief: rnnBrief,
    defaults: neuralDefaults(model),
    forms: [part('arch', RnnArchForm, archProps), part('training', TrainingForm)],
    epochs: neuralEpochs,
    explorable: false,
    embeddings: [{ layer: 'embedding', label: msg('embedding') }],
    imported: false,
    neural: { family: 'rnn', ...rest.neural },
  };
}
const rnnVocab: SummaryField = { key: 'vocabSize', label: msg('Vocabulary'), format: formatInt };

const classifier = rnnEntry('classifier', {
  label: msg('Text classifier (RNN)'),
  description: msg('An RNN, LSTM or GRU reads each document and predicts its label. Needs a classification corpus.'),
  tasks: ['classification'],
  summary: [
    { key: 'testAccuracy', label: msg('Test accuracy'), format: formatPercent, brief: true },
    { key: 'testMacroF1', label: msg('Test macro F1'), format: formatPercent },
    { key: 'testLoss', label: msg('Test loss'), format: figure },
    rnnVocab,
    ...neuralCommon,
  ],
  neural: {
    charts: [{ testid: 'chart-metrics', title: msg('Accuracy · macro F1'), keys: ['accuracy', 'valAccuracy', 'macroF1', 'valMacroF1'] }],
    headline: ['valAccuracy', 'accuracy'],
    playground: { kind: 'predict', action: msg('Classify'), placeholder: msg('Type a document to classify, e.g. “Stocks rallied after the central bank held rates.”'), whileTraining: false },
    panels: ['test', 'confusion', 'perClass', 'samples'],
    perClassLabel: msg('Class'),
    perClassHeading: msg('Per class'),
  },
});
const tagger = rnnEntry('tagger', {
  label: msg('Sequence tagger (RNN)'),
  description: msg('An RNN, LSTM or GRU labels every token (part of speech, named entities). Needs a tagging corpus.'),
  tasks: ['tagging'],
  summary: [
    { key: 'testTagAccuracy', label: msg('Test tag accuracy'), format: formatPercent, brief: true },
    { key: 'testLoss', label: msg('Test loss'), format: figure },
    rnnVocab,
    ...neuralCommon,
  ],
  neural: {
    charts: [{ testid: 'chart-metrics', title: msg('Tag accuracy'), keys: ['tagAccuracy', 'valTagAccuracy'] }],
    headline: ['valTagAccuracy', 'tagAccuracy'],
    playground: { kind: 'predict', action: msg('Tag'), placeholder: msg('Type a sentence to tag, e.g. “The old man saw the boat.”'), whileTraining: false },
    panels: ['test', 'perClass', 'samples'],
    perClassLabel: msg('Tag'),
    perClassHeading: msg('Per tag'),
  },
});
const lm = rnnEntry(
  'lm',
  {
    label: msg('Language model (RNN)'),
    description: msg('An RNN, LSTM or GRU predicts the next word or character; it then continues any prompt you type.'),
    tasks: ['text', 'classification', 'tagging'],
    summary: [
      { key: 'testPerplexity', label: msg('Test perplexity'), format: figure, brief: true },
      { key: 'testLoss', label: msg('Test loss'), format: figure },
      rnnVocab,
      ...neuralCommon,
    ],
    neural: {
      charts: [{ testid: 'chart-metrics', title: msg('Perplexity'), keys: ['perplexity', 'valPerplexity'], logY: true }],
      headline: ['valPerplexity', 'perplexity'],
      playground: { kind: 'generate', action: msg('Generate'), placeholder: msg('Type the start of a text (or leave it empty) and the model continues it.'), whileTraining: false },
      panels: ['test', 'samples'],
      perClassLabel: msg('Class'),
      perClassHeading: msg('Per class'),
    },
  },
  { unidirectional: true },
);

// The seq2seq family (contract/seq2seq.ts): translation.
const translator: ModelEntry<'translator'> = {
  model: 'translator',
  label: msg('Translator (Seq2Seq + attention)'),
  description: msg('A recurrent encoder–decoder with attention (Bahdanau et al. 2015; Luong et al. 2015) learns to translate sentence pairs. Needs a translation corpus.'),
  brief: (spec) => ('arch' in spec && spec.arch.family === 'seq2seq' ? `${spec.arch.bidirectional ? 'bi-' : ''}${spec.arch.cell} · ${spec.arch.attention}` : ''),
  defaults: neuralDefaults('translator'),
  forms: [part('arch', Seq2SeqArchForm), part('training', TrainingForm)],
  epochs: neuralEpochs,
  tasks: ['translation'],
  explorable: false,
  embeddings: [
    { layer: 'source', label: msg('source embedding') },
    { layer: 'target', label: msg('target embedding') },
  ],
  imported: false,
  summary: [
    { key: 'testBleu', label: msg('Test BLEU'), format: formatScore, brief: true },
    { key: 'testChrf', label: msg('Test chrF'), format: formatScore, brief: true },
    { key: 'testExactMatch', label: msg('Exact match'), format: formatPercent },
    { key: 'testLoss', label: msg('Test loss'), format: figure },
    { key: 'sourceVocabSize', label: msg('Source vocabulary'), format: formatInt },
    { key: 'targetVocabSize', label: msg('Target vocabulary'), format: formatInt },
    ...neuralCommon.map((f) => (f.key === 'tokensPerSec' ? { ...f, label: msg('Target tokens / s') } : f)),
  ],
  neural: {
    family: 'seq2seq',
    charts: [
      { testid: 'chart-metrics', title: msg('BLEU · chrF (validation)'), keys: ['bleu', 'chrf'] },
      { testid: 'chart-exact-match', title: msg('Exact match (validation)'), keys: ['exactMatch'] },
    ],
    headline: ['bleu'],
    playground: { kind: 'translate', action: msg('Translate'), placeholder: msg('Type a sentence in the source language.'), whileTraining: true },
    panels: ['test', 'translations', 'attention'],
    perClassLabel: msg('Class'),
    perClassHeading: msg('Per class'),
  },
};

export const models: { [M in ModelName]: ModelEntry<M> } = { word2vec, classifier, tagger, lm, translator };

export const modelList = Object.values(models) as ModelEntry[];

/** A model's entry, typed loosely enough to pass it the current form (a union over the models). */
export function entry(model: ModelName): ModelEntry {
  return models[model] as unknown as ModelEntry;
}

/** The registry entry of a trained run's model; null for runs that were imported, not trained (pretrained vectors). */
export function entryOf(model: RunSpec['model']): ModelEntry | null {
  return model in models ? entry(model as ModelName) : null;
}

/** How to name and summarise any run, trained or imported. */
export function kindOf(model: RunSpec['model']): RunKind {
  return entryOf(model) ?? pretrained;
}

/** The first model that trains on a corpus of this task (the Train view's choice after "Train on it…"). */
export function modelFor(task: CorpusTask, preferred?: ModelName): ModelName {
  if (preferred && models[preferred].tasks.includes(task)) return preferred;
  return (modelList.find((m) => m.neural && m.tasks.includes(task)) ?? modelList.find((m) => m.tasks.includes(task)) ?? word2vec).model;
}

/** Models announced in the UI but not trained yet. */
export const upcomingModels = ['Transformer'];
