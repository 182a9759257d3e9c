import type { ErrorData, EvaluationCount, JobEvent, JobKind, JobResult, JobSummary, TrainPhase } from '../contract.ts';
import { t } from '../i18n/index.ts';
import { MetricSeries } from './MetricSeries.svelte.ts';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

/** One import or training job, as its `job` events describe it. */
export class JobState {
  readonly id: string;
  kind = $state<JobKind | null>(null);
  title = $state('');
  runId = $state<string | null>(null);
  status = $state<JobStatus>('running');
  fraction = $state(0);
  /** Seconds left at the current rate; null until the engine has a rate. */
  etaSeconds = $state<number | null>(null);
  message = $state('');
  /** Training jobs: what it is doing before its first step (reading, initialising, compiling), then `training`. */
  phase = $state<TrainPhase | null>(null);
  /** Training jobs in the `evaluating` phase: how far the validation or test pass is (null before its first count). */
  evaluation = $state.raw<EvaluationCount | null>(null);
  error = $state.raw<ErrorData | null>(null);
  result = $state.raw<JobResult | null>(null);
  cancelRequested = $state(false);
  /** Training jobs: the metric points of `progress` events (and, after a reload, the run's saved history). */
  readonly metrics = new MetricSeries();
  readonly settled: Promise<JobState>;
  #resolve!: (job: JobState) => void;

  constructor(id: string) {
    this.id = id;
    this.settled = new Promise((resolve) => (this.#resolve = resolve));
  }

  get active(): boolean {
    return this.status === 'running';
  }

  /** What `jobs.list` says about a job that was running before this window (re)loaded. */
  adopt(summary: JobSummary): void {
    this.kind = summary.kind;
    this.title = summary.title;
    this.runId = summary.runId;
    this.fraction = Math.max(this.fraction, summary.fraction);
    if (summary.phase) this.phase = summary.phase;
  }

  apply(event: JobEvent): void {
    if (!this.active) return; // a job ends with exactly one terminal event; ignore stragglers
    switch (event.type) {
      case 'started':
        this.adopt(event.job);
        break;
      case 'progress':
        this.fraction = event.fraction;
        this.etaSeconds = event.etaSeconds;
        this.message = event.message;
        if (event.phase) this.phase = event.phase;
        // A count; else a new phase (a pass starting, or training again) drops the old pass's count.
        if (event.evaluation) this.evaluation = event.evaluation;
        else if (event.phase) this.evaluation = null;
        if (event.point) this.metrics.append(event.point);
        break;
      case 'done':
        this.result = event.result;
        this.fraction = 1;
        this.etaSeconds = null;
        this.message = t('Finished'); // not the last progress line ("Testing: 32 of 45…") left standing
        this.settle('done');
        break;
      case 'failed':
        this.error = event.error;
        this.settle('failed');
        break;
      case 'cancelled':
        this.settle('cancelled');
        break;
    }
  }

  settle(status: Exclude<JobStatus, 'running'>): void {
    if (!this.active) return;
    this.status = status;
    this.#resolve(this);
  }
}
