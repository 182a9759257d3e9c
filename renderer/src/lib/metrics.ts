/**
 * Names of the metric values neural runs report (MetricPoint.values) and how to show them. Validation values are
 * the training key with a `val` prefix (`loss` → `valLoss`); keys the table does not know are shown as they are.
 */
import { formatNumber, formatPercent } from './format.ts';

export type XAxis = 'step' | 'epoch' | 'time';

const labels: Record<string, string> = {
  loss: 'loss',
  accuracy: 'accuracy',
  macroF1: 'macro F1',
  tagAccuracy: 'tag accuracy',
  perplexity: 'perplexity',
  lr: 'learning rate',
  tokensPerSec: 'tokens / s',
  wordsPerSec: 'words / s',
};
const fractions = new Set(['accuracy', 'tagAccuracy']);

/** `valLoss` → "validation loss" (short: "val. loss"). */
export function metricLabel(key: string, short = false): string {
  const val = /^val[A-Z]/.test(key);
  const base = val ? key[3].toLowerCase() + key.slice(4) : key;
  return `${val ? (short ? 'val. ' : 'validation ') : ''}${labels[base] ?? base}`;
}

export function validationKey(key: string): string {
  return `val${key[0].toUpperCase()}${key.slice(1)}`;
}

export function formatMetric(key: string, value: number): string {
  const base = /^val[A-Z]/.test(key) ? key[3].toLowerCase() + key.slice(4) : key;
  return fractions.has(base) ? formatPercent(value) : formatNumber(value);
}

/** Keys that are speeds or schedules, not quality: never offered as "the metric" to compare runs on. */
export const auxiliaryKeys = new Set(['lr', 'tokensPerSec', 'wordsPerSec']);
