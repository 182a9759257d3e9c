/**
 * Runs long operations as jobs: each gets an id and an AbortController, streams `job` events, and ends with
 * exactly one of done / failed / cancelled. Callers return the job id at once; the work goes on in the background.
 */
import { userText } from '../../contract/user-text.ts';
import { StudioError, errorToData } from '../../contract/errors.ts';
import type { EvaluationCount, JobEvent, JobKind, JobResult, JobSummary, TrainPhase } from '../../contract/jobs.ts';
import type { MetricPoint } from '../../contract/runs.ts';
import { newId } from '../workspace/workspace.ts';

export interface JobContext {
  signal: AbortSignal;
  /**
   * Report progress; cheap to call often (events are throttled to ~10 per second; metric points and a change of
   * phase always go, and so does an update marked `keep`: the last count of a pass must not be the one dropped).
   * `fraction` left out keeps the job's current one (a phase before the first step of a resume).
   */
  progress(update: { fraction?: number; etaSeconds: number | null; message: string; point?: MetricPoint; phase?: TrainPhase; evaluation?: EvaluationCount; keep?: boolean }): void;
  /** True once `jobs.pause` asked this job to stop at its next checkpoint (trainers that can resume check it). */
  pauseRequested?: () => boolean;
}

interface RunningJob {
  summary: JobSummary;
  controller: AbortController;
  lastSent: number;
  done: Promise<void>;
  pause: boolean;
}

const MIN_INTERVAL_MS = 100;

export class JobManager {
  private readonly jobs = new Map<string, RunningJob>();

  constructor(private readonly emit: (event: JobEvent) => void) {}

  /** `fraction`: how far the work already is (a resumed run's recorded steps), so the first events do not read 0 %. */
  start(kind: JobKind, title: string, runId: string | null, work: (ctx: JobContext) => Promise<JobResult>, fraction = 0): JobSummary {
    const summary: JobSummary = { jobId: newId('j'), kind, title, startedAt: new Date().toISOString(), runId, fraction };
    const controller = new AbortController();
    const job: RunningJob = { summary, controller, lastSent: 0, done: Promise.resolve(), pause: false };
    this.jobs.set(summary.jobId, job);
    this.emit({ type: 'started', job: { ...summary } });

    const ctx: JobContext = {
      signal: controller.signal,
      progress: ({ fraction, etaSeconds, message, point, phase, evaluation, keep = false }) => {
        if (fraction !== undefined) summary.fraction = Math.min(1, Math.max(0, fraction));
        const newPhase = phase !== undefined && phase !== summary.phase;
        if (phase) summary.phase = phase;
        const now = Date.now();
        // Metric points and phase changes are never dropped (the chart and metrics.jsonl need every point; a client
        // shows every phase), nor updates marked `keep`; plain progress is throttled.
        if (!point && !newPhase && !keep && now - job.lastSent < MIN_INTERVAL_MS) return;
        job.lastSent = now;
        this.emit({ type: 'progress', jobId: summary.jobId, fraction: summary.fraction, etaSeconds, message, ...(point ? { point } : {}), ...(phase ? { phase } : {}), ...(evaluation ? { evaluation } : {}) });
      },
      pauseRequested: () => job.pause,
    };
    // Start on the next turn so the caller can hand the job id out before the first event.
    job.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => work(ctx))
      .then(
        (result) => this.emit({ type: 'done', jobId: summary.jobId, result }),
        (error: unknown) => {
          if (controller.signal.aborted || (error instanceof StudioError && error.name === 'CancelledError')) {
            this.emit({ type: 'cancelled', jobId: summary.jobId });
          } else {
            this.emit({ type: 'failed', jobId: summary.jobId, error: errorToData(error) });
          }
        },
      )
      .finally(() => this.jobs.delete(summary.jobId));
    return { ...summary };
  }

  cancel(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) throw new StudioError('NotFoundError', userText('No running job {id}', { id: jobId }));
    job.controller.abort();
  }

  /** Ask a job to stop at its next checkpoint; it ends `done` with its run `paused`. Jobs that cannot pause ignore it. */
  pause(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) throw new StudioError('NotFoundError', userText('No running job {id}', { id: jobId }));
    job.pause = true;
  }

  list(): JobSummary[] {
    return [...this.jobs.values()].map((j) => ({ ...j.summary }));
  }

  /** Resolves when the job has ended (any outcome); resolves at once for an unknown id. */
  wait(jobId: string): Promise<void> {
    return this.jobs.get(jobId)?.done ?? Promise.resolve();
  }

  /** Cancel everything and wait for it to wind down (engine shutdown). */
  async shutdown(): Promise<void> {
    const all = [...this.jobs.values()];
    all.forEach((j) => j.controller.abort());
    await Promise.all(all.map((j) => j.done));
  }
}

/** Throw CancelledError if the job was cancelled; call between steps of long work. */
export function throwIfCancelled(signal: AbortSignal, what = userText('The job')): void {
  if (signal.aborted) throw new StudioError('CancelledError', userText('{what} was cancelled', { what }));
}
