/**
 * The models the Train view offers. `TrainSpec` is a union on `model`; each member gets one entry here (its config
 * form, defaults, validation against the contract's schema, and the summary figures worth showing), so the
 * recurrent, seq2seq and Transformer models slot in as new entries without touching the views.
 */
import type { Component } from 'svelte';
import { Word2VecConfig } from '../contract.ts';
import type { ModelName, TrainSpec } from '../contract.ts';
import { formatDuration, formatInt, formatNumber } from '../lib/format.ts';
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
};

export const models: { [M in ModelName]: ModelEntry<M> } = { word2vec };

export const modelList: ModelEntry<ModelName>[] = Object.values(models);

/** Models announced in the UI but not trained yet. */
export const upcomingModels = ['RNN / LSTM / GRU language model', 'seq2seq', 'Transformer'];
