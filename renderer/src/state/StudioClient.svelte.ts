import { SvelteMap } from 'svelte/reactivity';
import type { AppInfo, BackendReport, EngineEvent, ErrorData, JobEvent, JobSummary, StudioApi } from '../contract.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import { JobState } from './JobState.svelte.ts';

export type EngineState = 'starting' | 'ready' | 'crashed';

/**
 * Wraps `window.studio` the way svelte.dev's Bundler wraps its worker: calls go straight through `api`, and the
 * pushed events become reactive state — one `JobState` per job, the engine's health and the chosen backend.
 */
export class StudioClient {
  readonly api: StudioApi;
  readonly jobs = new SvelteMap<string, JobState>();
  info = $state.raw<AppInfo | null>(null);
  backend = $state.raw<BackendReport | null>(null);
  engine = $state<EngineState>('starting');
  /** The crash that the banner shows until the engine reports ready again. */
  crash = $state.raw<{ error: ErrorData; restarting: boolean } | null>(null);
  /** Errors of app-wide calls (app info, the job list). */
  readonly errors = new ErrorSlot();
  active = $derived([...this.jobs.values()].filter((job) => job.active));

  readonly #settledListeners = new Set<(job: JobState) => void>();
  readonly #readyListeners = new Set<() => void>();
  readonly #unsubscribe: (() => void)[];

  constructor(api: StudioApi) {
    this.api = api;
    this.#unsubscribe = [api.on('job', (event) => this.#onJob(event)), api.on('engine', (event) => this.#onEngine(event))];
  }

  /** The state of a job, created on first sight: events may arrive before the call that started it returns. */
  job(id: string): JobState {
    let job = this.jobs.get(id);
    if (!job) {
      job = new JobState(id);
      this.jobs.set(id, job);
      void job.settled.then((settled) => this.#settledListeners.forEach((listener) => listener(settled)));
    }
    return job;
  }

  /** Called once for every job that ends (done, failed or cancelled), whoever started it. */
  onSettled(listener: (job: JobState) => void): () => void {
    this.#settledListeners.add(listener);
    return () => this.#settledListeners.delete(listener);
  }

  /** Called when the engine is ready again after a crash (its restart may have lost state the views show). */
  onReady(listener: () => void): () => void {
    this.#readyListeners.add(listener);
    return () => this.#readyListeners.delete(listener);
  }

  /** Load the app info and the jobs already running (this window may have been reloaded mid-job). */
  async start(): Promise<JobState[]> {
    const [info, running] = await Promise.all([
      this.errors.run(() => this.api.app.info(), { keep: true }),
      this.errors.run(() => this.api.jobs.list(), { keep: true }),
    ]);
    if (info) {
      this.info = info;
      this.backend = info.backend;
      if (this.engine === 'starting') this.engine = 'ready';
    }
    return (running ?? []).map((summary: JobSummary) => {
      const job = this.job(summary.jobId);
      job.adopt(summary);
      return job;
    });
  }

  async cancel(job: JobState, errors: ErrorSlot): Promise<void> {
    job.cancelRequested = true;
    const ok = await errors.run(() => this.api.jobs.cancel({ jobId: job.id }));
    if (!ok) job.cancelRequested = false;
  }

  dispose(): void {
    this.#unsubscribe.forEach((unsubscribe) => unsubscribe());
  }

  #onJob(event: JobEvent): void {
    const id = event.type === 'started' ? event.job.jobId : event.jobId;
    this.job(id).apply(event);
  }

  #onEngine(event: EngineEvent): void {
    if (event.type === 'ready') {
      const recovered = this.engine === 'crashed';
      this.engine = 'ready';
      this.crash = null;
      this.backend = event.backend;
      if (recovered) this.#readyListeners.forEach((listener) => listener());
      return;
    }
    this.engine = 'crashed';
    this.crash = { error: event.error, restarting: event.restarting };
    // The host reports the running jobs failed; settle them here too, in case those events were lost with the engine.
    for (const job of this.jobs.values()) {
      if (!job.active) continue;
      job.error = { name: 'EngineCrashedError', message: `The engine crashed: ${event.error.message}` };
      job.settle('failed');
    }
  }
}
