import { StudioError, type PickedFile } from '../contract.ts';
import type { AppState } from './AppState.svelte.ts';
import { t } from '../i18n/index.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import type { JobState } from './JobState.svelte.ts';

/**
 * Files dropped anywhere in the window, imported as what they are: the engine identifies each (`file.identify`);
 * corpus files go to the Corpora view's import form, an exported model zip becomes a run (`model.import`) that is
 * then shown, a vectors file becomes a run (`vectors.import`, auto-detected format) that opens in Explore. A file
 * that is none of these is reported by name, with the engine's reason.
 */
export class DropState {
  /** What is happening now, for the toast ("Importing the model classifier.zip…"); null when idle. */
  status = $state<string | null>(null);
  /** The vectors import being followed, for its progress bar. */
  job = $state<JobState | null>(null);
  readonly errors = new ErrorSlot();
  readonly #app: AppState;

  constructor(app: AppState) {
    this.#app = app;
  }

  get busy(): boolean {
    return this.status !== null;
  }

  async drop(files: File[]): Promise<void> {
    if (this.busy || files.length === 0) return;
    await this.#reading(
      files.map((f) => f.name),
      async () => {
        const picked = await this.errors.run(() => this.#app.client.api.files.fromDrop(files));
        if (picked) await this.#openAll(picked);
      },
    );
  }

  /** Files the desktop shell was handed (File › Add Files…, "Open with", a second launch): opened as what they are too. */
  async open(files: PickedFile[]): Promise<void> {
    if (this.busy || files.length === 0) return;
    await this.#reading(
      files.map((f) => f.name),
      () => this.#openAll(files),
    );
  }

  async #reading(names: string[], work: () => Promise<void>): Promise<void> {
    this.errors.clear();
    this.status = names.length === 1 ? t('Reading {name}…', { name: names[0] }) : t('Reading {count} files…', { count: names.length });
    try {
      await work();
    } finally {
      this.status = null;
      this.job = null;
    }
  }

  async #openAll(picked: PickedFile[]): Promise<void> {
    const client = this.#app.client;
    const corpus: PickedFile[] = [];
    for (const file of picked) {
      const identity = await this.errors.run(() => client.api.file.identify({ file: file.handle }), { keep: true });
      if (!identity) continue;
      if (identity.kind === 'corpus') corpus.push(file);
      else if (identity.kind === 'model-zip') await this.#importModel(file);
      else if (identity.kind === 'vectors') await this.#importVectors(file);
      else this.errors.show(new StudioError('ImportError', identity.reason, { file: identity.fileName }));
    }
    if (corpus.length > 0) {
      this.#app.router.go('corpora');
      await this.#app.corpora.importer.add(corpus);
    }
  }

  async #importModel(file: PickedFile): Promise<void> {
    this.status = t('Importing the model {name}…', { name: file.name });
    const result = await this.errors.run(() => this.#app.client.api.model.import({ file: file.handle }), { keep: true });
    if (!result) return;
    await this.#app.runs.refresh();
    this.#app.router.go('runs', result.runId);
  }

  async #importVectors(file: PickedFile): Promise<void> {
    this.status = t('Importing the vectors {name}…', { name: file.name });
    const started = await this.errors.run(() => this.#app.client.api.vectors.import({ file: file.handle, options: {} }), { keep: true });
    if (!started) return;
    this.job = this.#app.client.job(started.jobId);
    const settled = await this.job.settled;
    if (settled.status === 'failed' && settled.error) this.errors.show(settled.error);
    if (settled.status !== 'done') return;
    await this.#app.runs.refresh();
    this.#app.router.go('explore', started.runId);
  }
}
