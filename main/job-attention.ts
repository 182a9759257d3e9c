/**
 * What the OS shell shows of the engine's long jobs while the window may be hidden: the taskbar/dock progress
 * (`BrowserWindow.setProgressBar`) of the imports and trainings running, and a notification when a long training
 * ends. Fed the same `job` events the renderer gets; pure, so it is tested without Electron.
 */
import type { JobEvent, JobKind } from '../contract/jobs.ts';
import { formatDuration, mainStrings } from './strings.ts';
import type { MainStrings } from './strings.ts';

/** Jobs a person waits for; a projection is part of looking at a picture and never shows in the taskbar. */
const SHOWN: readonly JobKind[] = ['import', 'train', 'vectors'];
/** A training shorter than this ends while the user still looks at it: no notification. */
export const NOTIFY_AFTER_MS = 60_000;

export interface TaskbarProgress {
  /** Electron's convention: -1 removes the bar, 0..1 fills it, > 1 is indeterminate. */
  value: number;
  mode: 'none' | 'normal' | 'indeterminate' | 'error';
}

export interface JobNotification {
  title: string;
  body: string;
  runId: string | null;
}

interface Tracked {
  kind: JobKind;
  title: string;
  startedAt: number;
  fraction: number;
  runId: string | null;
}

export class JobAttention {
  readonly #jobs = new Map<string, Tracked>();
  #failedRecently = false;
  /** The language of the notifications; the app sets it when the user switches. */
  strings: MainStrings = mainStrings.en;

  /**
   * Take one `job` event; returns a notification to show, if this event ends a long training. `now` and
   * `focused` (whether the app's window has focus: then the user sees the end in the app) come from the caller.
   */
  onEvent(event: JobEvent, now: number, focused: boolean): JobNotification | null {
    switch (event.type) {
      case 'started':
        if (SHOWN.includes(event.job.kind))
          this.#jobs.set(event.job.jobId, { kind: event.job.kind, title: event.job.title, startedAt: Date.parse(event.job.startedAt) || now, fraction: event.job.fraction, runId: event.job.runId });
        this.#failedRecently = false;
        return null;
      case 'progress': {
        const job = this.#jobs.get(event.jobId);
        if (job) job.fraction = event.fraction;
        return null;
      }
      default: {
        const job = this.#jobs.get(event.jobId);
        if (!job) return null;
        this.#jobs.delete(event.jobId);
        if (event.type === 'failed') this.#failedRecently = this.#jobs.size === 0;
        if (job.kind !== 'train' || focused || now - job.startedAt < NOTIFY_AFTER_MS || event.type === 'cancelled') return null;
        const t = this.strings;
        const took = formatDuration(now - job.startedAt, t);
        if (event.type === 'failed') return { title: t.trainingFailed, body: t.stoppedAfter(job.title, took, event.error.message), runId: job.runId };
        const run = event.result.kind === 'train' ? event.result.run : null;
        return { title: t.trainingFinished, body: t.finishedIn(run?.name ?? job.title, took), runId: run?.id ?? job.runId };
      }
    }
  }

  /** The bar for the jobs running now: their mean progress; indeterminate while none has any yet. */
  progress(): TaskbarProgress {
    if (this.#jobs.size === 0) return this.#failedRecently ? { value: 1, mode: 'error' } : { value: -1, mode: 'none' };
    const fractions = [...this.#jobs.values()].map((j) => j.fraction);
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    return mean > 0 ? { value: Math.min(1, mean), mode: 'normal' } : { value: 2, mode: 'indeterminate' };
  }

  /** The user looked: an error shown on the bar has been seen. */
  acknowledge(): void {
    this.#failedRecently = false;
  }
}

