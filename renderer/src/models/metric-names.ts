/**
 * Every metric's name on screen, its unit and its format: one table for the keys of MetricPoint.values the engine
 * records (engine/training/point-values.ts, each family's `stepValues` and `epochMetrics`). Legends, axis titles,
 * tooltips and figures all ask here; test/renderer/models/metric-names.test.ts fails on a key the engine records
 * that this table does not name. Validation keys (`valLoss`) share their base key's entry ("Validation loss").
 * Plain TypeScript (no components), so tests can read it.
 */
import { msg, t } from '../i18n/index.ts';
import { formatNumber, formatPercent } from '../lib/format.ts';

export interface MetricDef {
  key: string;
  /** Sentence case, as a legend shows it: "Loss", "Macro F1". English (`msg`): `metricLabel` translates it. */
  label: string;
  /** What the value is counted in ("nats", "tokens/s"); none for ratios, scores and plain numbers. English (`msg`). */
  unit?: string;
  /** `fraction`: 0–1 shown as a percentage, on a 0–1 axis; `score`: 0–100 (BLEU, chrF), on a 0–100 axis. @default 'number' */
  kind?: 'fraction' | 'score' | 'number';
  /** A loss or a quantity that falls like one (perplexity): the charts' log-scale switch applies to it. */
  lossLike?: boolean;
  /** A speed or a schedule, not quality: never offered as the metric to compare runs on, never smoothed. */
  auxiliary?: boolean;
}

export const metricNames: readonly MetricDef[] = [
  // Every run (engine/training/point-values.ts). Cross-entropy with the natural log (word2vec's negative-sampling
  // loss too): nats per token, per document or per target token.
  { key: 'loss', label: msg('Loss'), unit: msg('nats'), lossLike: true },
  { key: 'lr', label: msg('Learning rate'), auxiliary: true },
  { key: 'tokensPerSec', label: msg('Throughput'), unit: msg('tokens/s'), auxiliary: true },
  { key: 'wordsPerSec', label: msg('Throughput'), unit: msg('words/s'), auxiliary: true },
  { key: 'gradNorm', label: msg('Gradient norm'), auxiliary: true },
  // The recurrent family: classifier, tagger, language model.
  { key: 'accuracy', label: msg('Accuracy'), kind: 'fraction' },
  { key: 'macroF1', label: msg('Macro F1'), kind: 'fraction' }, // recorded at validation time under this key (no `val` prefix)
  { key: 'tagAccuracy', label: msg('Tag accuracy'), kind: 'fraction' },
  { key: 'perplexity', label: msg('Perplexity'), lossLike: true },
  // The seq2seq family: translation, scored on the validation pairs.
  { key: 'bleu', label: 'BLEU', kind: 'score' },
  { key: 'chrf', label: 'chrF', kind: 'score' },
  { key: 'exactMatch', label: msg('Exact match'), kind: 'fraction' },
];

const catalog = new Map(metricNames.map((def) => [def.key, def]));

const baseKey = (key: string) => (/^val[A-Z]/.test(key) ? key[3].toLowerCase() + key.slice(4) : key);

/** How a key is shown; undefined for a key the table does not name. */
export function metricDef(key: string): MetricDef | undefined {
  return catalog.get(baseKey(key));
}

/**
 * `valLoss` → "Validation loss" (short: "Val. loss"), in the UI's language. A key the table does not name is spelt
 * out ("someNewKey" → "Some new key", English only) rather than shown raw; the test keeps that from happening to a
 * key the engine records.
 */
export function metricLabel(key: string, short = false): string {
  const base = baseKey(key);
  const def = catalog.get(base);
  const label = def ? t(def.label) : spellOut(base);
  if (base === key) return label;
  // "Validation loss", but "Validation BLEU": only a capitalised word is lowered (Chinese has no case to lower).
  const metric = /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
  return short ? t('Val. {metric}', { metric }) : t('Validation {metric}', { metric });
}

/** A key's unit as shown (translated): "nats", "tokens/s"; '' for none. */
function unitOf(key: string): string {
  const unit = metricDef(key)?.unit;
  return unit ? t(unit) : '';
}

/** A key's unit as an axis shows it: its own, "%" for ratios, "0–100" for scores; '' for none. */
function axisUnit(key: string): string {
  const kind = metricDef(key)?.kind;
  return unitOf(key) || (kind === 'fraction' ? '%' : kind === 'score' ? '0–100' : '');
}

/**
 * A y axis title for curves of these keys: their labels (training and validation alike) and the unit they share,
 * "Loss (nats)", "Accuracy · Macro F1 (%)", "BLEU · chrF (0–100)".
 */
export function metricAxisTitle(keys: readonly string[]): string {
  const bases = [...new Set(keys.map(baseKey))];
  const units = new Set(bases.map(axisUnit));
  const unit = units.size === 1 ? [...units][0] : '';
  const metrics = bases.map((k) => metricLabel(k)).join(' · ');
  return unit ? t('{metrics} ({unit})', { metrics, unit }) : metrics;
}

export const formatScore = (n: number) => n.toFixed(1);

export function formatMetric(key: string, value: number): string {
  const kind = metricDef(key)?.kind;
  return kind === 'fraction' ? formatPercent(value) : kind === 'score' ? formatScore(value) : formatNumber(value);
}

/** A value with its unit, for tooltips: "0.6931 nats", "84%", "1,234 tokens/s". */
export function formatMetricWithUnit(key: string, value: number): string {
  const unit = unitOf(key);
  return unit ? t('{value} {unit}', { value: formatMetric(key, value), unit }) : formatMetric(key, value);
}

/** Speeds and schedules: not offered as the metric to compare runs on. */
export function isAuxiliary(key: string): boolean {
  return metricDef(key)?.auxiliary ?? false;
}

/** Loss-like keys (loss, perplexity) follow the charts' log-scale switch. */
export function isLossLike(key: string): boolean {
  return metricDef(key)?.lossLike ?? false;
}

function spellOut(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.length > 0 ? words[0].toUpperCase() + words.slice(1) : key;
}
