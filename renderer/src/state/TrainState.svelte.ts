import type { ModelName, RunInfo, TrainSpec } from '../contract.ts';
import { models } from '../models/registry.ts';
import type { ConfigOf } from '../models/registry.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import type { JobState } from './JobState.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

type Configs = { [M in ModelName]: ConfigOf<M> };

/** The Train view: the form (corpus, model, its config) and the training job it follows live. */
export class TrainState {
  corpusId = $state('');
  model = $state<ModelName>('word2vec');
  /** One config per model, so switching models keeps what was typed. */
  configs = $state<Configs>({ word2vec: models.word2vec.defaults() });
  name = $state('');
  /** The job shown in the live panel: the one started here, or one picked up after a reload. */
  job = $state<JobState | null>(null);
  /** What the followed job trains (from the form, or from `runs.get` after a reload). */
  spec = $state.raw<TrainSpec | null>(null);
  runName = $state('');
  readonly errors = new ErrorSlot();

  checked = $derived(models[this.model].toSpec(this.configs[this.model]));
  running = $derived(this.job?.active ?? false);
  /** The finished run, once the job is done. */
  result = $derived<RunInfo | null>(this.job?.result?.kind === 'train' ? this.job.result.run : null);
  readonly #client: StudioClient;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  reset(): void {
    this.configs[this.model] = models[this.model].defaults();
  }

  async start(): Promise<void> {
    const { spec } = this.checked;
    if (!spec || !this.corpusId || this.running) return;
    const name = this.name.trim();
    const started = await this.errors.run(() =>
      this.#client.api.train.start({ corpusId: this.corpusId, spec, ...(name ? { name } : {}) }),
    );
    if (!started) return;
    this.spec = spec;
    this.runName = name;
    this.follow(this.#client.job(started.jobId));
  }

  /** A training job that was running before this window (re)loaded: fetch its run and metric history. */
  async resume(job: JobState): Promise<void> {
    this.follow(job);
    if (!job.runId) return;
    const details = await this.errors.run(() => this.#client.api.runs.get({ id: job.runId! }), { keep: true });
    if (!details || this.job !== job) return;
    this.spec = details.run.spec;
    this.runName = details.run.name;
    this.model = details.run.spec.model;
    this.configs[details.run.spec.model] = details.run.spec.config;
    if (details.run.corpusId) this.corpusId = details.run.corpusId;
    job.metrics.mergeHistory(details.metrics);
  }

  follow(job: JobState): void {
    this.job = job;
    void job.settled.then((settled) => {
      if (this.job === settled && settled.status === 'failed' && settled.error) this.errors.show(settled.error);
    });
  }

  async cancel(): Promise<void> {
    if (this.job?.active) await this.#client.cancel(this.job, this.errors);
  }

  /** Hide a finished job's panel and go back to the form. */
  dismiss(): void {
    if (!this.running) this.job = null;
  }
}
