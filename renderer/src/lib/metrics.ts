/**
 * Metric keys of a run's history (MetricPoint.values). Validation values are the training key with a `val` prefix
 * (`loss` → `valLoss`). Their names and formats are the models' business: models/registry.ts `metricLabel`.
 */
export type XAxis = 'step' | 'epoch' | 'time';

export function validationKey(key: string): string {
  return `val${key[0].toUpperCase()}${key.slice(1)}`;
}
