import type { CorpusInfo, ModelName, ModelSummary, RunInfo, RunReport, TrainSpec, TrainingOverrides } from '../contract.ts';
import { checkSpec, entry, entryOf, modelFor, modelList } from '../models/registry.ts';
import type { FormOf } from '../models/registry.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import type { JobState } from './JobState.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

type Forms = { [M in ModelName]: FormOf<M> };

/** The Train view: the form (corpus, model, its settings) and the training job it follows live. */
export class TrainState {
  corpusId = $state('');
  /** Neural models: corpora to validate and test on instead of random shares of the training corpus ('' = split). */
  validationCorpusId = $state('');
  testCorpusId = $state('');
  model = $state<ModelName>(modelList[0].model);
  /** One form per model (its spec without `model`), so switching models keeps what was typed. */
  forms = $state<Forms>(Object.fromEntries(modelList.map((m) => [m.model, m.defaults()])) as Forms);
  name = $state('');
  /** The job shown in the live panel: the one started here, or one picked up after a reload. */
  job = $state<JobState | null>(null);
  /** What the followed job trains (from the form, or from `runs.get` after a reload). */
  spec = $state.raw<TrainSpec | null>(null);
  runName = $state('');
  /** Neural runs: the followed run's report (per-epoch samples while training; confusion, test metrics at the end). */
  report = $state.raw<RunReport | null>(null);
  /** The followed run as `runs.get` last described it (after a pause: status `paused`). */
  run = $state.raw<RunInfo | null>(null);
  /** The followed run's last checkpoint (what Resume continues from), as `runs.get` last described it. */
  checkpoint = $state.raw<{ step: number; epoch: number } | null>(null);
  pauseRequested = $state(false);
  /** A Start (or Resume) pressed and not answered yet: the engine checks the data and creates the run meanwhile. */
  starting = $state(false);
  /** What the data checks found doubtful when the run started (an empty split, a guessed label column), until dismissed. */
  warnings = $state<string[]>([]);
  /** `model.summary` for the form's current corpus and spec; `summaryKey` says which. */
  summary = $state.raw<ModelSummary | null>(null);
  summaryKey = $state('');
  summaryLoading = $state(false);
  readonly errors = new ErrorSlot();
  /** Errors of `model.summary`, shown in its card rather than as the view's alert. */
  readonly summaryErrors = new ErrorSlot();

  checked = $derived(checkSpec(this.model, this.forms[this.model]));
  /** Training, or about to: the form is locked and Start cannot be pressed again. */
  running = $derived(this.starting || (this.job?.active ?? false));
  /** The finished run, once the job is done. */
  result = $derived<RunInfo | null>(this.job?.result?.kind === 'train' ? this.job.result.run : null);
  readonly #client: StudioClient;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  reset(): void {
    (this.forms as Record<ModelName, unknown>)[this.model] = entry(this.model).defaults();
  }

  /** Train on this corpus: its id, and a model that learns from its task if the current one does not. */
  useCorpus(corpus: CorpusInfo): void {
    if (this.running) return;
    this.model = modelFor(corpus.task, this.model);
    this.corpusId = corpus.id;
  }

  /**
   * Start a run: locked at once (`starting`), so a second click cannot make a second run while the engine checks the
   * data and creates the run; the request id lets the engine answer a repeated call with the same run.
   */
  async start(): Promise<void> {
    const { spec } = this.checked;
    if (!spec || !this.corpusId || this.running) return;
    const name = this.name.trim();
    const neural = entry(spec.model).neural !== null;
    this.starting = true;
    this.job = null;
    const requestId = newRequestId();
    const started = await this.errors
      .run(() =>
        this.#client.api.train.start({
          corpusId: this.corpusId,
          spec,
          requestId,
          ...(name ? { name } : {}),
          ...(neural && this.validationCorpusId ? { validationCorpusId: this.validationCorpusId } : {}),
          ...(neural && this.testCorpusId ? { testCorpusId: this.testCorpusId } : {}),
        }),
      )
      .finally(() => (this.starting = false));
    if (!started) return;
    this.warnings = started.warnings ?? [];
    this.spec = spec;
    this.runName = name;
    this.report = null;
    this.run = null;
    this.follow(this.#client.job(started.jobId));
  }

  /** The layers, shapes and parameter counts of the form's model on the chosen corpus (neural models only). */
  async loadSummary(): Promise<void> {
    const { spec } = this.checked;
    if (!spec || !this.corpusId || !entry(spec.model).neural) return;
    const key = JSON.stringify([this.corpusId, spec]);
    if (key === this.summaryKey) return;
    this.summaryKey = key;
    this.summaryLoading = true;
    const summary = await this.summaryErrors.run(() => this.#client.api.model.summary({ corpusId: this.corpusId, spec }));
    if (this.summaryKey !== key) return;
    this.summary = summary ?? null;
    this.summaryLoading = false;
  }

  /** A training job that was running before this window (re)loaded, or one resumed: fetch its run and history. */
  async resume(job: JobState): Promise<void> {
    this.follow(job);
    if (!job.runId) return;
    const details = await this.errors.run(() => this.#client.api.runs.get({ id: job.runId! }), { keep: true });
    if (!details || this.job !== job) return;
    this.spec = details.run.spec as TrainSpec;
    this.runName = details.run.name;
    this.run = details.run;
    this.checkpoint = details.checkpoint ?? null;
    this.report = details.report;
    // A trained run (imported vectors are never followed here): its settings fill that model's form.
    if (entryOf(details.run.spec.model)) {
      const { model, ...form } = details.run.spec as TrainSpec;
      this.model = model;
      (this.forms as Record<ModelName, unknown>)[model] = form;
    }
    if (details.run.corpusId) this.corpusId = details.run.corpusId;
    job.metrics.mergeHistory(details.metrics);
  }

  /**
   * Continue a paused run from its checkpoint (from here or from the Runs view) and follow it. An imported model
   * has no corpus of its own: `corpusId` names the one to continue training on. `training`: settings changed for
   * the rest of the run (a lower learning rate after a divergence).
   */
  async resumeRun(runId: string, corpusId?: string, training?: TrainingOverrides): Promise<boolean> {
    if (this.running) return false;
    this.starting = true;
    const started = await this.errors
      .run(() => this.#client.api.runs.resume({ id: runId, ...(corpusId ? { corpusId } : {}), ...(training ? { training } : {}) }))
      .finally(() => (this.starting = false));
    if (!started) return false;
    const job = this.#client.job(started.jobId);
    job.runId ??= started.runId;
    await this.resume(job);
    return true;
  }

  follow(job: JobState): void {
    this.job = job;
    this.pauseRequested = false;
    void job.settled.then((settled) => {
      if (this.job !== settled) return;
      // (An engine crash is not shown here: ErrorSlot leaves it to the banner; the run's status follows on restart.)
      if (settled.status === 'failed' && settled.error) this.errors.show(settled.error);
      void this.refreshRun();
    });
  }

  /** Fetch the followed run's status and report (per-epoch samples while training, the full report at the end). */
  async refreshRun(): Promise<void> {
    const id = this.job?.runId ?? this.result?.id;
    if (!id) return;
    const details = await this.errors.run(() => this.#client.api.runs.get({ id }), { keep: true });
    if (!details || (this.job?.runId ?? this.result?.id) !== id) return;
    this.run = details.run;
    this.checkpoint = details.checkpoint ?? null;
    this.report = details.report;
  }

  async pause(): Promise<void> {
    if (!this.job?.active || this.pauseRequested) return;
    this.pauseRequested = true;
    const ok = await this.errors.run(() => this.#client.api.jobs.pause({ jobId: this.job!.id }));
    if (!ok) this.pauseRequested = false;
  }

  async cancel(): Promise<void> {
    if (this.job?.active) await this.#client.cancel(this.job, this.errors);
  }

  /** Hide a finished job's panel and go back to the form. */
  dismiss(): void {
    if (!this.running) {
      this.job = null;
      this.report = null;
      this.run = null;
    }
  }
}

/** A `train.start` request id (crypto.randomUUID needs a secure context; the fallback is as unique in practice). */
function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
