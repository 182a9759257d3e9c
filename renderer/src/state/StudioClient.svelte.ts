import { SvelteMap } from 'svelte/reactivity';
import { translateEngineText } from '../i18n/engine-text.ts';
import type { AppInfo, BackendReport, EngineEvent, ErrorData, JobEvent, JobSummary, RunInfo, StudioApi } from '../contract.ts';
import { t } from '../i18n/index.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import { JobState } from './JobState.svelte.ts';

export type EngineState = 'starting' | 'ready' | 'crashed';

/** An engine crash as the banner shows it, from the `crashed` event until the user dismisses it. */
export interface EngineCrash {
  error: ErrorData;
  restarting: boolean;
  /** The jobs that were running in the engine that died. */
  jobs: JobSummary[];
  /** The engine's last output lines, oldest first. */
  log: string[];
  /** Once the new engine is ready: the runs those jobs trained, as it now describes them (resumable, or failed). */
  runs: RunInfo[] | null;
}

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
  /** The crash the banner shows, until dismissed (it outlives the restart: the user should learn what was lost). */
  crash = $state.raw<EngineCrash | null>(null);
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

  dismissCrash(): void {
    this.crash = null;
  }

  dispose(): void {
    this.#unsubscribe.forEach((unsubscribe) => unsubscribe());
  }

  /** The new engine has marked the crashed runs resumable (a checkpoint) or failed: ask it which. */
  async #loadCrashedRuns(crash: EngineCrash): Promise<void> {
    const ids = crash.jobs.flatMap((job) => (job.runId ? [job.runId] : []));
    const runs = await Promise.all(ids.map((id) => this.api.runs.get({ id }).then((details) => details.run, () => null)));
    if (this.crash === crash) this.crash = { ...crash, runs: runs.filter((run) => run !== null) };
  }

  #onJob(event: JobEvent): void {
    const id = event.type === 'started' ? event.job.jobId : event.jobId;
    this.job(id).apply(event);
  }

  #onEngine(event: EngineEvent): void {
    if (event.type === 'ready') {
      const recovered = this.engine === 'crashed';
      this.engine = 'ready';
      this.backend = event.backend;
      if (recovered) {
        if (this.crash) void this.#loadCrashedRuns(this.crash);
        this.#readyListeners.forEach((listener) => listener());
      }
      return;
    }
    this.engine = 'crashed';
    // A second crash before the first was dismissed: keep naming what the first one stopped.
    this.crash = { error: event.error, restarting: event.restarting, jobs: [...(this.crash?.jobs ?? []), ...event.jobs], log: event.log, runs: null };
    // The host reports the running jobs failed; settle them here too, in case those events were lost with the engine.
    for (const job of this.jobs.values()) {
      if (!job.active) continue;
      job.error = { name: 'EngineCrashedError', message: t('The engine crashed: {message}', { message: translateEngineText(event.error.message) }) };
      job.settle('failed');
    }
  }
}
