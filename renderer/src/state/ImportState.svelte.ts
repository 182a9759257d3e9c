import { taskTokenizer } from '../contract.ts';
import type { CorpusFormat, CorpusTask, Encoding, FilePreview, ImportOptionsInput, OnPairIssues, PairCheck, PickedFile, Tokenizer } from '../contract.ts';
import { TokenPreviewState } from './TokenPreviewState.svelte.ts';
import type { ErrorSlot } from './ErrorSlot.svelte.ts';
import type { JobState } from './JobState.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

export interface PendingFile {
  file: PickedFile;
  /** null while the preview loads. */
  preview: FilePreview | null;
}

/**
 * A task the files look made for, offered above the options (from the previews' `suggestedTask`). The form words
 * it (in the UI's language): the engine's reason, or for aligned sides the two files and their languages.
 */
export interface TaskOffer {
  task: CorpusTask;
  /** The engine's reason (English; shown through translateEngineText); null for aligned sides. */
  reason: string | null;
  /** Two files that look like aligned sides (train.en + train.fr): the order that makes the first one the source. */
  aligned?: { languages: [string, string]; files: [string, string] };
}

/** What happened to the last import; the view words it, so it follows a language switch. */
export type ImportOutcome = { ok: true; corpusName: string } | { ok: false; cancelled: true };

/** The task the previews guess for the files (every file agreeing), with the engine's reason; aligned sides aside. */
export interface TaskGuess {
  task: CorpusTask;
  reason: string;
}

/**
 * The files picked or dropped for the next import, their previews, the options and the running import job. For
 * translation, the engine's check of the pairs (`corpus.checkPairs`): the issues are shown before importing, and
 * the import only starts once there are none or the user chose to filter them out.
 */
export class ImportState {
  files = $state.raw<PendingFile[]>([]);
  name = $state('');
  encoding = $state<Encoding | 'auto'>('auto');
  format = $state<CorpusFormat>('auto');
  /** '' = the preview's default column. */
  column = $state('');
  /** Follows the task (taskTokenizer: punctuation kept for translation and classification) until the user picks one. */
  tokenizer = $state<Tokenizer>(taskTokenizer('text'));
  lowercase = $state(true);
  #task = $state<CorpusTask>('text');
  /** Classification from CSV/TSV/JSONL: the label column; '' = the engine's default (`label`, else the last). */
  labelColumn = $state('');
  /** Translation: the source and target columns ('' = the engine's default), direction, longest pair, what to do with bad pairs. */
  sourceColumn = $state('');
  targetColumn = $state('');
  swap = $state(false);
  maxTokens = $state(100);
  onIssues = $state<OnPairIssues>('abort');
  /** Translation: the engine's check of the pairs with the current options; null until it has answered. */
  pairCheck = $state.raw<PairCheck | null>(null);
  checking = $state(false);
  /** The options the shown check was made with, to tell a stale one. */
  #checkedKey = $state('');
  #checkSeq = 0;
  /** Picking, uploading (web host) or registering dropped files: the host has not handed out handles yet. */
  receiving = $state(false);
  job = $state<JobState | null>(null);
  /** What happened to the last import, for the line under the progress bar. */
  outcome = $state<ImportOutcome | null>(null);

  /** The format the import will read: the chosen one, or what the first preview detected. */
  effectiveFormat = $derived(this.format !== 'auto' ? this.format : (this.files.find((f) => f.preview)?.preview?.format ?? 'text'));
  /** Column names offered for CSV/TSV/JSONL, from every preview. */
  columns = $derived([...new Set(this.files.flatMap((f) => f.preview?.columns ?? []))]);
  defaultColumn = $derived(this.files.find((f) => f.preview?.defaultColumn)?.preview?.defaultColumn ?? null);
  running = $derived(this.job?.active ?? false);
  previewed = $derived(this.files.length > 0 && this.files.every((f) => f.preview));
  /** What a check of the pairs depends on: the files and every option that changes what is read. */
  pairsKey = $derived(this.task === 'translation' && this.previewed ? JSON.stringify([this.files.map((f) => f.file.handle), this.#pairOptions(), this.#readOptions()]) : '');
  /** The check shown is for the current files and options. */
  pairCheckCurrent = $derived(this.pairCheck !== null && this.#checkedKey === this.pairsKey && !this.checking);
  /** A check found pairs that cannot be filtered out (aligned files of different lengths). */
  pairsFatal = $derived(this.pairCheck?.issues.some((i) => i.fatal) ?? false);
  /** Translation: what stops the import (checking, fatal issues, issues the user has not chosen to filter). */
  pairsBlocked = $derived(
    this.task === 'translation' &&
      (!this.pairCheckCurrent || this.pairsFatal || (this.pairCheck!.issues.length > 0 && this.onIssues !== 'filter') || this.pairCheck!.kept === 0),
  );
  ready = $derived(this.previewed && !this.running && !this.pairsBlocked);
  /** What the previews guess (preselected when the files arrive on an empty form; the user can still change it). */
  guess = $derived.by((): TaskGuess | null => {
    const previews = this.files.flatMap((f) => (f.preview ? [f.preview] : []));
    if (previews.length !== this.files.length || previews.length === 0) return null;
    const first = previews[0].suggestedTask;
    if (!first || first.aligned || !previews.every((p) => p.suggestedTask?.task === first.task)) return null;
    return { task: first.task, reason: first.reason };
  });
  /** Punctuation marks kept as tokens (`words+punct`) or dropped (`words`); whitespace splitting keeps what is there. */
  get keepPunctuation(): boolean {
    return this.tokenizer !== 'words';
  }
  set keepPunctuation(keep: boolean) {
    if (this.tokenizer !== 'whitespace') this.tokenizer = keep ? 'words+punct' : 'words';
  }
  /** How the first file's first documents will be tokenised with the current options, and what is dropped. */
  readonly tokens: TokenPreviewState;
  /** A task the previews suggest and that is not chosen yet. */
  offer = $derived.by((): TaskOffer | null => {
    const previews = this.files.flatMap((f) => (f.preview ? [f.preview] : []));
    if (previews.length !== this.files.length || previews.length === 0) return null;
    const sides = previews.map((p) => p.suggestedTask?.aligned);
    if (previews.length === 2 && sides[0] && sides[1] && sides[0].stem === sides[1].stem && sides[0].language !== sides[1].language) {
      if (this.task === 'translation') return null;
      const [a, b] = [sides[0].language, sides[1].language];
      return { task: 'translation', reason: null, aligned: { languages: [a, b], files: [previews[0].fileName, previews[1].fileName] } };
    }
    const suggested = previews[0].suggestedTask;
    if (!suggested || suggested.aligned || suggested.task === this.task || !previews.every((p) => p.suggestedTask?.task === suggested.task)) return null;
    return { task: suggested.task, reason: suggested.reason };
  });

  readonly #client: StudioClient;
  readonly #errors: ErrorSlot;

  constructor(client: StudioClient, errors: ErrorSlot) {
    this.#client = client;
    this.#errors = errors;
    this.tokens = new TokenPreviewState(client);
  }

  /** What the token preview depends on: the first file and the options that change how it is read and split. */
  tokensKey = $derived(this.previewed ? JSON.stringify([this.files[0].file.handle, this.options()]) : '');

  /** Ask the engine for the token preview of the first file (the form calls this whenever `tokensKey` changes). */
  async previewTokens(): Promise<void> {
    const first = this.files[0];
    if (!this.previewed || !first) return this.tokens.clear();
    const options = this.options();
    await this.tokens.load(this.tokensKey, () => this.#client.api.corpus.tokenPreview({ file: first.file.handle, options }));
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
    // Files on an empty form take the task guessed from them; added to others, they leave the user's choice alone.
    const onEmptyForm = this.files.length === 0;
    this.files = [...this.files, ...fresh.map((file) => ({ file, preview: null }))];
    await Promise.all(
      fresh.map(async (file) => {
        const preview = await this.#errors.run(() => this.#client.api.corpus.preview({ file: file.handle }), { keep: true });
        this.files = preview
          ? this.files.map((f) => (f.file.handle === file.handle ? { file, preview } : f))
          : this.files.filter((f) => f.file.handle !== file.handle);
      }),
    );
    if (onEmptyForm && this.guess && !this.running) this.task = this.guess.task;
  }

  remove(handle: string): void {
    this.files = this.files.filter((f) => f.file.handle !== handle);
  }

  /** What the corpus will train: plain text, a label per document, a tag per token, or sentence pairs. */
  get task(): CorpusTask {
    return this.#task;
  }

  /** Punctuation follows the task's need (taskTokenizer): kept for translation and classification, else dropped. */
  set task(task: CorpusTask) {
    this.#task = task;
    if (this.tokenizer !== 'whitespace') this.tokenizer = taskTokenizer(task);
  }

  /** Take the task the previews suggest; aligned files keep their order (the first is the source; `swap` turns it). */
  acceptOffer(): void {
    if (this.offer) this.task = this.offer.task;
  }

  /** Filter them out: the pairs the check found are left out of the import (and counted in the corpus). */
  filterIssues(): void {
    this.onIssues = 'filter';
  }

  /** Clear, or Cancel on the pairs' issues: the files and their options go, the task back to plain text. */
  clear(): void {
    this.#forgetFiles();
    this.labelColumn = '';
    this.task = 'text';
    this.outcome = null;
  }

  /** The files and what belongs to them; the task and the reading options stay for the next files. */
  #forgetFiles(): void {
    this.files = [];
    this.name = '';
    this.column = '';
    this.sourceColumn = '';
    this.targetColumn = '';
    this.swap = false;
    this.onIssues = 'abort';
    this.pairCheck = null;
    this.tokens.clear();
  }

  #readOptions() {
    return { format: this.format, encoding: this.encoding, tokenizer: this.tokenizer, lowercase: this.lowercase };
  }

  /** The translation options (without `onIssues`, which does not change what a check finds). */
  #pairOptions() {
    const sourceColumn = this.sourceColumn.trim();
    const targetColumn = this.targetColumn.trim();
    // An emptied number field binds null: the engine's default then applies.
    const maxTokens = Number.isInteger(this.maxTokens) && this.maxTokens >= 1 ? this.maxTokens : undefined;
    return {
      swap: this.swap,
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      ...(sourceColumn ? { sourceColumn } : {}),
      ...(targetColumn ? { targetColumn } : {}),
    };
  }

  options(): ImportOptionsInput {
    const name = this.name.trim();
    const translation = this.task === 'translation';
    const column = this.effectiveFormat === 'text' || translation ? '' : this.column.trim();
    const labelColumn = this.task === 'classification' && this.effectiveFormat !== 'text' ? this.labelColumn.trim() : '';
    return {
      ...this.#readOptions(),
      task: this.task,
      ...(labelColumn ? { labelColumn } : {}),
      ...(name ? { name } : {}),
      ...(column ? { column } : {}),
      ...(translation ? { ...this.#pairOptions(), onIssues: this.onIssues } : {}),
    };
  }

  /**
   * Ask the engine to check the pairs with the current options (the form calls this whenever `pairsKey` changes).
   * An answer that arrives after the options changed again is dropped.
   */
  async checkPairs(): Promise<void> {
    const key = this.pairsKey;
    if (key === '' || (key === this.#checkedKey && this.pairCheck)) return;
    const seq = ++this.#checkSeq;
    this.checking = true;
    const files = this.files.map((f) => f.file.handle);
    const result = await this.#errors.run(() => this.#client.api.corpus.checkPairs({ files, options: this.options() }));
    if (seq !== this.#checkSeq) return;
    this.checking = false;
    this.pairCheck = result ?? null;
    this.#checkedKey = key;
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
        this.#forgetFiles();
        this.outcome = { ok: true, corpusName: settled.result.corpus.name };
      } else if (settled.status === 'cancelled') {
        this.outcome = { ok: false, cancelled: true };
      } else if (settled.status === 'failed' && settled.error) {
        this.#errors.show(settled.error);
      }
    });
  }

  async cancel(): Promise<void> {
    if (this.job?.active) await this.#client.cancel(this.job, this.#errors);
  }
}
