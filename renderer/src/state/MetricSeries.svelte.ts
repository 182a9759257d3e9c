import type { MetricPoint } from '../contract.ts';

/**
 * A run's metric history, oldest first. Points are appended in place, not proxied (a long run has thousands);
 * `length` and `generation` are the reactive signals charts watch to draw incrementally.
 */
export class MetricSeries {
  readonly points: MetricPoint[] = [];
  length = $state(0);
  /** Bumped when the points are replaced rather than appended: charts redraw from scratch. */
  generation = $state(0);

  static from(points: readonly MetricPoint[]): MetricSeries {
    const series = new MetricSeries();
    series.replace(points);
    return series;
  }

  get latest(): MetricPoint | null {
    return this.length > 0 ? this.points[this.length - 1] : null;
  }

  append(point: MetricPoint): void {
    const last = this.points.at(-1);
    // Already known (history and live events overlap). A validation point may share its step with a training point.
    if (last && (point.step < last.step || (point.step === last.step && sameKeys(point.values, last.values)))) return;
    this.points.push(point);
    this.length = this.points.length;
  }

  /** Put a saved history in front of whatever arrived live while it was being fetched. */
  mergeHistory(history: readonly MetricPoint[]): void {
    const lastStep = history.at(-1)?.step ?? -Infinity;
    this.replace([...history, ...this.points.filter((p) => p.step > lastStep)]);
  }

  replace(points: readonly MetricPoint[]): void {
    this.points.length = 0;
    for (const point of points) this.points.push(point); // not push(...points): a long history exceeds the argument limit
    this.length = this.points.length;
    this.generation++;
  }
}

function sameKeys(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b);
}
