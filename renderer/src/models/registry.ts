/**
 * The models the Train view offers. `TrainSpec` is a union on `model`; each member gets one entry here (its config
 * form, defaults, validation against the contract's schema, and the summary figures worth showing), so the
 * recurrent, seq2seq and Transformer models slot in as new entries without touching the views.
 */
import type { Component } from 'svelte';
import { RnnConfig, Word2VecConfig } from '../contract.ts';
import type { CorpusInfo, ModelName, RunSpec, TrainSpec } from '../contract.ts';
import { formatDuration, formatInt, formatNumber, formatPercent } from '../lib/format.ts';
import LmForm from './LmForm.svelte';
import RnnForm from './RnnForm.svelte';
import Word2VecForm from './Word2VecForm.svelte';

export type ConfigOf<M extends ModelName> = Extract<TrainSpec, { model: M }>['config'];
/** Form field name → what is wrong with its value. */
export type ConfigIssues = Record<string, string>;

export interface SummaryField {
  key: string;
  label: string;
  format: (value: number) => string;
}

export interface ModelEntry<M extends ModelName> {
  model: M;
  label: string;
  description: string;
  defaults(): ConfigOf<M>;
  /** Check the form's values against the contract: the spec to send, or a message per field. */
  toSpec(config: ConfigOf<M>): { spec: TrainSpec; issues: null } | { spec: null; issues: ConfigIssues };
  Form: Component<{ config: ConfigOf<M>; issues: ConfigIssues; disabled?: boolean }, object, 'config'>;
  /** Which of `RunSummary`'s keys to show, in order. */
  summary: SummaryField[];
  /** Whether the Explore view can query this model's runs. */
  explorable: boolean;
  /** The epoch count a running job is heading for, for "epoch 2.4 / 5". */
  epochs(config: ConfigOf<M>): number;
  /** The corpus tasks this model trains on (classifier → classification corpora, …). */
  tasks: CorpusInfo['task'][];
  /** Neural models: metric dashboard, pause/resume, reports, playground, model summary before training. */
  neural: boolean;
  /** The task metric the dashboard draws next to the loss (a MetricPoint value key, train and `val` + Key). */
  metrics: string[];
}

/** A config field's problem in the form's words ("At least 1") rather than zod's ("Too small: expected …"). */
export function describeIssue(issue: { code: string; message: string; expected?: unknown; minimum?: unknown; maximum?: unknown; inclusive?: boolean }): string {
  if (issue.code === 'invalid_type') return issue.expected === 'int' ? 'Enter a whole number' : 'Enter a number';
  if (issue.code === 'too_small') return issue.inclusive === false ? `More than ${issue.minimum}` : `At least ${issue.minimum}`;
  if (issue.code === 'too_big') return issue.inclusive === false ? `Less than ${issue.maximum}` : `At most ${issue.maximum}`;
  return issue.message;
}

const word2vec: ModelEntry<'word2vec'> = {
  model: 'word2vec',
  label: 'word2vec',
  description: 'Word embeddings: skip-gram or CBOW with negative sampling (Mikolov et al. 2013).',
  defaults: () => Word2VecConfig.parse({}),
  toSpec(config) {
    const parsed = Word2VecConfig.safeParse(config);
    if (parsed.success) return { spec: { model: 'word2vec', config: parsed.data }, issues: null };
    const issues: ConfigIssues = {};
    for (const issue of parsed.error.issues) issues[String(issue.path[0] ?? 'config')] ??= describeIssue(issue);
    return { spec: null, issues };
  },
  Form: Word2VecForm,
  summary: [
    { key: 'vocabSize', label: 'Vocabulary', format: formatInt },
    { key: 'dim', label: 'Dimensions', format: formatInt },
    { key: 'seconds', label: 'Time', format: formatDuration },
    { key: 'wordsPerSec', label: 'Words / s', format: formatInt },
    { key: 'loss', label: 'Final loss', format: (n) => formatNumber(n) },
  ],
  explorable: true,
  epochs: (config) => config.epochs,
  tasks: ['text', 'classification', 'tagging'],
  neural: false,
  metrics: [],
};

type RnnModel = 'classifier' | 'tagger' | 'lm';

function rnnEntry<M extends RnnModel>(model: M, rest: Pick<ModelEntry<M>, 'label' | 'description' | 'tasks' | 'metrics' | 'summary'>): ModelEntry<M> {
  const entry: Omit<ModelEntry<RnnModel>, 'model'> & { model: M } = {
    model,
    ...rest,
    defaults: () => RnnConfig.parse({}),
    toSpec(config) {
      if (model === 'lm' && config.bidirectional) config = { ...config, bidirectional: false };
      const parsed = RnnConfig.safeParse(config);
      if (parsed.success) return { spec: { model, config: parsed.data } as TrainSpec, issues: null };
      const issues: ConfigIssues = {};
      // Nested keys (optimizer.lr, embeddings.runId) are reported as "optimizer.lr".
      for (const issue of parsed.error.issues) issues[issue.path.map(String).join('.') || 'config'] ??= describeIssue(issue);
      return { spec: null, issues };
    },
    Form: model === 'lm' ? LmForm : RnnForm,
    explorable: false,
    epochs: (config) => config.epochs,
    neural: true,
  };
  return entry as unknown as ModelEntry<M>;
}

const figure = (n: number) => formatNumber(n);
/** What the engine's sequence runs put in RunSummary (engine/training/sequence-run.ts), after the test figures. */
const common: SummaryField[] = [
  { key: 'params', label: 'Parameters', format: formatInt },
  { key: 'vocabSize', label: 'Vocabulary', format: formatInt },
  { key: 'epochs', label: 'Epochs', format: (n) => formatNumber(n, 3) },
  { key: 'earlyStopped', label: 'Early stop', format: (n) => (n ? 'yes' : 'no') },
  { key: 'tokensPerSec', label: 'Tokens / s', format: formatInt },
  { key: 'seconds', label: 'Time', format: formatDuration },
];
const classifier = rnnEntry('classifier', {
  label: 'Text classifier (RNN)',
  description: 'An RNN, LSTM or GRU reads each document and predicts its label. Needs a classification corpus.',
  tasks: ['classification'],
  metrics: ['accuracy', 'macroF1'],
  summary: [
    { key: 'testAccuracy', label: 'Test accuracy', format: formatPercent },
    { key: 'testMacroF1', label: 'Test macro F1', format: figure },
    { key: 'testLoss', label: 'Test loss', format: figure },
    ...common,
  ],
});
const tagger = rnnEntry('tagger', {
  label: 'Sequence tagger (RNN)',
  description: 'An RNN, LSTM or GRU labels every token (part of speech, named entities). Needs a tagging corpus.',
  tasks: ['tagging'],
  metrics: ['tagAccuracy'],
  summary: [
    { key: 'testTagAccuracy', label: 'Test tag accuracy', format: formatPercent },
    { key: 'testLoss', label: 'Test loss', format: figure },
    ...common,
  ],
});
const lm = rnnEntry('lm', {
  label: 'Language model (RNN)',
  description: 'An RNN, LSTM or GRU predicts the next word or character; it then continues any prompt you type.',
  tasks: ['text', 'classification', 'tagging'],
  metrics: ['perplexity'],
  summary: [
    { key: 'testPerplexity', label: 'Test perplexity', format: figure },
    { key: 'testLoss', label: 'Test loss', format: figure },
    ...common,
  ],
});

export const models: { [M in ModelName]: ModelEntry<M> } = { word2vec, classifier, tagger, lm };

export const modelList = Object.values(models) as ModelEntry<ModelName>[];

/** A model's entry, typed loosely enough to pass it the current form's config (a union over the models). */
export function entry(model: ModelName): ModelEntry<ModelName> {
  return models[model] as unknown as ModelEntry<ModelName>;
}

/** The registry entry of a run's model; null for runs that were imported, not trained (pretrained vectors). */
export function entryOf(model: RunSpec['model']): ModelEntry<ModelName> | null {
  return model in models ? entry(model as ModelName) : null;
}

/** Models announced in the UI but not trained yet. */
export const upcomingModels = ['seq2seq', 'Transformer'];
