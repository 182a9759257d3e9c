/**
 * Runs side by side, as TensorBoard's HParams table: each run's settings (its spec flattened to paths,
 * `training.optimizer.lr`) and final figures (the last value of every metric its history records, and its test
 * figures), which columns differ across the runs, sorting by any column; and which runs a chart may overlay on
 * one metric: only runs of the same model (task), since the same key can measure different things (word2vec's
 * negative-sampling loss is not a classifier's cross-entropy; a tagger's accuracy counts tokens, a classifier's
 * documents). Plain TypeScript, no components, so tests can read it (test/renderer/lib/run-compare.test.ts).
 */
import type { MetricPoint, RunSpec } from '../contract.ts';
import { t } from '../i18n/index.ts';
import { formatMetric, isAuxiliary, metricLabel } from '../models/metric-names.ts';
import { settingLabel } from './setting-labels.ts';

/** One run as the comparison sees it; `modelLabel` is its kind's name on screen ("Text classifier (RNN)"). */
export interface CompareRun {
  id: string;
  name: string;
  corpusName: string;
  modelLabel: string;
  spec: RunSpec;
  summary: Record<string, number> | null;
  points: readonly MetricPoint[];
}

export type CellValue = string | number | boolean;

export interface CompareColumn {
  /**
   * `setting:training.optimizer.lr`; metrics and test figures per model, since one key can measure different things:
   * `metric:classifier/valAccuracy`, `test:classifier/accuracy`, `metric:word2vec/loss`.
   */
  id: string;
  group: 'setting' | 'metric' | 'test';
  /** The setting's path or the metric's key (test figures: the metric's key, `accuracy` for `testAccuracy`). */
  key: string;
  /** The model whose runs fill a metric column; none for settings. */
  model?: string;
  /**
   * "Loss"; with the model when runs of several models are compared: "Loss · word2vec". A setting's is its name
   * in English ("Hidden units", lib/setting-labels.ts; translate it where shown), or its path where it has none.
   */
  label: string;
}

export interface CompareTable {
  columns: CompareColumn[];
  /** Per run, in the runs' order: its value in each column (absent where the run has none). */
  rows: { run: CompareRun; values: Map<string, CellValue> }[];
  /**
   * Columns where the runs that have a value do not all agree: what the table highlights. A run without the
   * setting (a word2vec run has no `arch.hidden`) neither makes a column differ nor agrees with it.
   */
  differs: Set<string>;
  /** Columns every run has, with one value: what "only differences" hides. */
  identical: Set<string>;
}

/** A spec as paths to leaf values: `{ training: { optimizer: { lr: 0.01 } } }` → `training.optimizer.lr: 0.01`. */
export function flattenSpec(spec: object, prefix = ''): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const [key, value] of Object.entries(spec)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) out[path] = JSON.stringify(value);
    else if (typeof value === 'object') Object.assign(out, flattenSpec(value, path));
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[path] = value;
  }
  return out;
}

/** The last value of every key a history records (points are oldest first; validation keys come only at epochs). */
export function finalMetrics(points: readonly MetricPoint[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const point of points) for (const [key, value] of Object.entries(point.values)) out[key] = value;
  return out;
}

/** A run's test figures from its summary (`testAccuracy` → `accuracy`), by metric key. */
export function testFigures(summary: Record<string, number> | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(summary ?? {})) {
    const m = /^test([A-Z].*)$/.exec(key);
    if (m) out[m[1][0].toLowerCase() + m[1].slice(1)] = value;
  }
  return out;
}

/** "Accuracy" → "accuracy" inside a sentence; "BLEU", "RNN" stay as they are. */
const lowerFirst = (label: string) => (/^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label);

/** "Test accuracy", "Test BLEU": as metricLabel writes validation keys. */
export function testLabel(key: string): string {
  return t('Test {metric}', { metric: lowerFirst(t(metricLabel(key))) });
}

/** Quality first, then speeds and schedules; alphabetical by label within each, a validation key after its base. */
function metricOrder(a: string, b: string): number {
  const base = (k: string) => (/^val[A-Z]/.test(k) ? k[3].toLowerCase() + k.slice(4) : k);
  return Number(isAuxiliary(a)) - Number(isAuxiliary(b)) || metricLabel(base(a)).localeCompare(metricLabel(base(b))) || a.length - b.length;
}

/**
 * Settings first (corpus, then the spec's paths in order of first appearance), then metrics, then test figures; a
 * metric column per model (models in the runs' order), so a word2vec run's loss never sits in a classifier's column.
 */
export function compareTable(runs: readonly CompareRun[]): CompareTable {
  const settings = runs.map((run) => ({ corpus: run.corpusName, ...flattenSpec(run.spec) }) as Record<string, CellValue>);
  const metrics = runs.map((run) => finalMetrics(run.points));
  const tests = runs.map((run) => testFigures(run.summary));
  const models = [...new Set(runs.map((run) => run.spec.model))];
  const union = (records: Record<string, unknown>[]) => [...new Set(records.flatMap((r) => Object.keys(r)))];
  const ofModel = (records: Record<string, number>[], model: string) => records.filter((_, i) => runs[i].spec.model === model);
  const suffix = (model: string) => (models.length > 1 ? ` · ${model}` : '');
  const figureColumns = (group: 'metric' | 'test', records: Record<string, number>[], label: (key: string) => string) =>
    models.flatMap((model) =>
      union(ofModel(records, model))
        .sort(metricOrder)
        .map((key): CompareColumn => ({ id: `${group}:${model}/${key}`, group, key, model, label: label(key) + suffix(model) })),
    );
  const columns: CompareColumn[] = [
    ...union(settings).map((key): CompareColumn => ({ id: `setting:${key}`, group: 'setting', key, label: settingLabel(key) ?? key })),
    ...figureColumns('metric', metrics, (key) => t(metricLabel(key))),
    ...figureColumns('test', tests, testLabel),
  ];
  const rows = runs.map((run, i) => {
    const values = new Map<string, CellValue>();
    const sources = { setting: settings[i], metric: metrics[i], test: tests[i] };
    for (const column of columns) {
      if (column.model !== undefined && column.model !== run.spec.model) continue;
      const value = sources[column.group][column.key];
      if (value !== undefined) values.set(column.id, value);
    }
    return { run, values };
  });
  const distinct = (c: CompareColumn) => new Set(rows.filter((r) => r.values.has(c.id)).map((r) => JSON.stringify(r.values.get(c.id)))).size;
  const differs = new Set(columns.filter((c) => distinct(c) > 1).map((c) => c.id));
  const identical = new Set(columns.filter((c) => distinct(c) === 1 && rows.every((r) => r.values.has(c.id))).map((c) => c.id));
  return { columns, rows, differs, identical };
}

/** Names to tell runs apart on screen: a name two runs share gets the end of each one's id ("classifier · a.csv · 3f9c"). */
export function distinctNames(runs: readonly { id: string; name: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const run of runs) count.set(run.name, (count.get(run.name) ?? 0) + 1);
  return new Map(runs.map((run) => [run.id, count.get(run.name)! > 1 ? `${run.name} · ${run.id.slice(-4)}` : run.name]));
}

/** A cell as shown: settings as set (yes or no for a switch), metrics in their own format (84%, 0.6931, 27.3). */
export function formatCell(column: CompareColumn, value: CellValue | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (column.group !== 'setting' && typeof value === 'number') return formatMetric(column.key, value);
  return String(value);
}

export type SortDirection = 'asc' | 'desc';

/** Rows by one column: numbers by value, text alphabetically (numeric-aware), false before true; runs without a value last either way. Stable. */
export function sortRows<R extends { values: Map<string, CellValue> }>(rows: readonly R[], columnId: string, direction: SortDirection): R[] {
  const sign = direction === 'asc' ? 1 : -1;
  const rank = (v: CellValue) => (typeof v === 'number' ? 0 : typeof v === 'boolean' ? 1 : 2);
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const va = a.row.values.get(columnId);
      const vb = b.row.values.get(columnId);
      if (va === undefined || vb === undefined) return va === vb ? a.index - b.index : va === undefined ? 1 : -1;
      let order = rank(va) - rank(vb);
      if (order === 0)
        order = typeof va === 'number' ? va - (vb as number) : typeof va === 'boolean' ? Number(va) - Number(vb) : String(va).localeCompare(String(vb), undefined, { numeric: true });
      return order * sign || a.index - b.index;
    })
    .map(({ row }) => row);
}

/** One metric of one model, as a chart may overlay it: `classifier/valAccuracy`. */
export interface OverlayChoice {
  id: string;
  model: string;
  modelLabel: string;
  key: string;
  label: string;
  /** How many of the runs record it. */
  runs: number;
}

const recordedKeys = (run: CompareRun) => new Set(run.points.flatMap((p) => Object.keys(p.values)));

/** Every metric each model's runs record, grouped by model in the runs' order, quality before speed. */
export function overlayChoices(runs: readonly CompareRun[]): OverlayChoice[] {
  const byModel = new Map<string, { label: string; keys: Map<string, number> }>();
  for (const run of runs) {
    const group = byModel.get(run.spec.model) ?? { label: run.modelLabel, keys: new Map<string, number>() };
    byModel.set(run.spec.model, group);
    for (const key of recordedKeys(run)) group.keys.set(key, (group.keys.get(key) ?? 0) + 1);
  }
  return [...byModel].flatMap(([model, { label, keys }]) =>
    [...keys.keys()].sort(metricOrder).map((key) => ({ id: `${model}/${key}`, model, modelLabel: label, key, label: metricLabel(key), runs: keys.get(key)! })),
  );
}

/** The choice to start with: the first run's model, its loss if recorded, else its first metric. */
export function defaultChoice(choices: readonly OverlayChoice[]): OverlayChoice | undefined {
  const model = choices[0]?.model;
  return choices.find((c) => c.model === model && c.key === 'loss') ?? choices[0];
}

/** Which runs a chart of `choice` overlays, and why each other run is left out. */
export function overlay(runs: readonly CompareRun[], choice: OverlayChoice): { included: CompareRun[]; excluded: { run: CompareRun; reason: string }[] } {
  const included: CompareRun[] = [];
  const excluded: { run: CompareRun; reason: string }[] = [];
  for (const run of runs) {
    const records = recordedKeys(run).has(choice.key);
    const metric = lowerFirst(t(choice.label));
    const model = lowerFirst(t(run.modelLabel));
    if (run.spec.model !== choice.model)
      excluded.push({
        run,
        reason: records
          ? t("a {model} run: its {metric} is not the same measure as a {other}'s", { model, metric, other: lowerFirst(t(choice.modelLabel)) })
          : t('a {model} run: it records no {metric}', { model, metric }),
      });
    else if (!records) excluded.push({ run, reason: t('records no {metric} yet', { metric }) });
    else included.push(run);
  }
  return { included, excluded };
}
