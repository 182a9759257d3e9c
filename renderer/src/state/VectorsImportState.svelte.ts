import type { PickedFile, PretrainedFormat, RunInfo } from '../contract.ts';
import type { ErrorSlot } from './ErrorSlot.svelte.ts';
import type { JobState } from './JobState.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

/** The pretrained vectors file picked for import, its options, and the `vectors` job that turns it into a run. */
export class VectorsImportState {
  file = $state.raw<PickedFile | null>(null);
  format = $state<PretrainedFormat>('auto');
  /** null = every word; else keep the first N (files list the most frequent words first). */
  maxWords = $state<number | null>(null);
  name = $state('');
  /** The file chooser or an upload is open. */
  receiving = $state(false);
  job = $state<JobState | null>(null);
  /** The run the last import made. */
  imported = $state.raw<RunInfo | null>(null);
  /** A cancelled import, for the line under the progress bar. */
  cancelled = $state(false);
  running = $derived(this.job?.active ?? false);
  /** maxWords, when set, must be a whole number ≥ 1 (an emptied number field binds null). */
  maxWordsInvalid = $derived(this.maxWords !== null && (!Number.isInteger(this.maxWords) || this.maxWords < 1));
  ready = $derived(this.file !== null && !this.running && !this.maxWordsInvalid);

  readonly #client: StudioClient;
  readonly #errors: ErrorSlot;

  constructor(client: StudioClient, errors: ErrorSlot) {
    this.#client = client;
    this.#errors = errors;
    // An import that was running when the window (re)loaded or the view was left: show it again.
    const running = [...client.jobs.values()].find((j) => j.active && j.kind === 'vectors');
    if (running) this.follow(running);
  }

  /** Must be called from the click itself: the browser only opens a file chooser during a user gesture. */
  async pick(): Promise<void> {
    if (this.receiving || this.running) return;
    this.receiving = true;
    try {
      const files = await this.#errors.run(() => this.#client.api.files.pick());
      if (files && files.length > 0) {
        this.file = files[0];
        this.imported = null;
        this.cancelled = false;
      }
    } finally {
      this.receiving = false;
    }
  }

  clear(): void {
    this.file = null;
    this.name = '';
    this.maxWords = null;
    this.format = 'auto';
  }

  async start(): Promise<void> {
    const file = this.file;
    if (!file || !this.ready) return;
    this.imported = null;
    this.cancelled = false;
    const name = this.name.trim();
    const options = { format: this.format, ...(this.maxWords !== null ? { maxWords: this.maxWords } : {}), ...(name ? { name } : {}) };
    const started = await this.#errors.run(() => this.#client.api.vectors.import({ file: file.handle, options }));
    if (started) this.follow(this.#client.job(started.jobId));
  }

  follow(job: JobState): void {
    this.job = job;
    void job.settled.then((settled) => {
      if (this.job !== settled) return;
      if (settled.status === 'done' && settled.result?.kind === 'vectors') {
        this.imported = settled.result.run;
        this.clear();
      } else if (settled.status === 'cancelled') {
        this.cancelled = true;
      } else if (settled.status === 'failed' && settled.error) {
        this.#errors.show(settled.error);
      }
    });
  }

  async cancel(): Promise<void> {
    if (this.job?.active) await this.#client.cancel(this.job, this.#errors);
  }
}
