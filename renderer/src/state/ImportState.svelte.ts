import type { CorpusFormat, Encoding, FilePreview, ImportOptionsInput, PickedFile, Tokenizer } from '../contract.ts';
import type { ErrorSlot } from './ErrorSlot.svelte.ts';
import type { JobState } from './JobState.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

export interface PendingFile {
  file: PickedFile;
  /** null while the preview loads. */
  preview: FilePreview | null;
}

/** The files picked or dropped for the next import, their previews, the options and the running import job. */
export class ImportState {
  files = $state.raw<PendingFile[]>([]);
  name = $state('');
  encoding = $state<Encoding | 'auto'>('auto');
  format = $state<CorpusFormat>('auto');
  /** '' = the preview's default column. */
  column = $state('');
  tokenizer = $state<Tokenizer>('words');
  lowercase = $state(true);
  /** What the corpus will train: plain text, a label per document, or a tag per token. */
  task = $state<'text' | 'classification' | 'tagging'>('text');
  /** Classification from CSV/TSV/JSONL: the label column; '' = the engine's default (`label`, else the last). */
  labelColumn = $state('');
  /** Picking, uploading (web host) or registering dropped files: the host has not handed out handles yet. */
  receiving = $state(false);
  job = $state<JobState | null>(null);
  /** What happened to the last import, for the line under the progress bar. */
  outcome = $state<{ ok: boolean; text: string } | null>(null);

  /** The format the import will read: the chosen one, or what the first preview detected. */
  effectiveFormat = $derived(this.format !== 'auto' ? this.format : (this.files.find((f) => f.preview)?.preview?.format ?? 'text'));
  /** Column names offered for CSV/TSV/JSONL, from every preview. */
  columns = $derived([...new Set(this.files.flatMap((f) => f.preview?.columns ?? []))]);
  defaultColumn = $derived(this.files.find((f) => f.preview?.defaultColumn)?.preview?.defaultColumn ?? null);
  running = $derived(this.job?.active ?? false);
  ready = $derived(this.files.length > 0 && this.files.every((f) => f.preview) && !this.running);

  readonly #client: StudioClient;
  readonly #errors: ErrorSlot;

  constructor(client: StudioClient, errors: ErrorSlot) {
    this.#client = client;
    this.#errors = errors;
  }

  /** Must be called from the click itself: the browser only opens a file chooser during a user gesture. */
  async pick(): Promise<void> {
    await this.#receive(() => this.#client.api.files.pick());
  }

  async drop(dropped: File[]): Promise<void> {
    if (dropped.length > 0) await this.#receive(() => this.#client.api.files.fromDrop(dropped));
  }

  async #receive(get: () => Promise<PickedFile[]>): Promise<void> {
    if (this.receiving || this.running) return;
    this.receiving = true;
    try {
      const files = await this.#errors.run(get);
      if (files) await this.add(files);
    } finally {
      this.receiving = false;
    }
  }

  /** Preview each new file; a file whose preview fails (e.g. a binary file) is reported and left out. */
  async add(picked: PickedFile[]): Promise<void> {
    if (this.running) return;
    const known = new Set(this.files.map((f) => f.file.handle));
    const fresh = picked.filter((file) => !known.has(file.handle));
    if (fresh.length === 0) return;
    this.outcome = null;
    this.#errors.clear();
    this.files = [...this.files, ...fresh.map((file) => ({ file, preview: null }))];
    await Promise.all(
      fresh.map(async (file) => {
        const preview = await this.#errors.run(() => this.#client.api.corpus.preview({ file: file.handle }), { keep: true });
        this.files = preview
          ? this.files.map((f) => (f.file.handle === file.handle ? { file, preview } : f))
          : this.files.filter((f) => f.file.handle !== file.handle);
      }),
    );
  }

  remove(handle: string): void {
    this.files = this.files.filter((f) => f.file.handle !== handle);
  }

  clear(): void {
    this.files = [];
    this.name = '';
    this.column = '';
    this.labelColumn = '';
    this.outcome = null;
  }

  options(): ImportOptionsInput {
    const name = this.name.trim();
    const column = this.effectiveFormat === 'text' ? '' : this.column.trim();
    const labelColumn = this.task === 'classification' && this.effectiveFormat !== 'text' ? this.labelColumn.trim() : '';
    return {
      format: this.format,
      encoding: this.encoding,
      tokenizer: this.tokenizer,
      lowercase: this.lowercase,
      task: this.task,
      ...(labelColumn ? { labelColumn } : {}),
      ...(name ? { name } : {}),
      ...(column ? { column } : {}),
    };
  }

  async start(): Promise<void> {
    if (!this.ready) return;
    this.outcome = null;
    const files = this.files.map((f) => f.file.handle);
    const started = await this.#errors.run(() => this.#client.api.corpus.import({ files, options: this.options() }));
    if (started) this.follow(this.#client.job(started.jobId));
  }

  /** Show a job's progress here, including an import that was running before the window reloaded. */
  follow(job: JobState): void {
    this.job = job;
    void job.settled.then((settled) => {
      if (this.job !== settled) return;
      if (settled.status === 'done' && settled.result?.kind === 'import') {
        this.outcome = { ok: true, text: `Imported “${settled.result.corpus.name}”.` };
        this.files = [];
        this.name = '';
        this.column = '';
      } else if (settled.status === 'cancelled') {
        this.outcome = { ok: false, text: 'Import cancelled.' };
      } else if (settled.status === 'failed' && settled.error) {
        this.#errors.show(settled.error);
      }
    });
  }

  async cancel(): Promise<void> {
    if (this.job?.active) await this.#client.cancel(this.job, this.#errors);
  }
}
