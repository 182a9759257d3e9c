import { normalizeText, type Neighbor, type Projection } from '../contract.ts';
import { msg } from '../i18n/index.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import { PointColours } from './PointColours.svelte.ts';
import type { JobState } from './JobState.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

export type ProjectionMethod = 'pca' | 'umap' | 'tsne';
/** The point counts offered; UMAP stops at 10 000 (the engine refuses more: minutes of work). */
export const LIMITS = [1_000, 5_000, 10_000, 20_000] as const;
export const UMAP_MAX = 10_000;
/** How often a live picture is refreshed while its run trains (the engine snapshots every 2 s). */
export const LIVE_REFRESH_MS = 3_000;
/** t-SNE stops at 5 000 points (the engine refuses more: minutes of work); its settings offered. */
export const TSNE_MAX = 5_000;
export const PERPLEXITIES = [5, 15, 30, 50] as const;
export const ITERATIONS = [500, 1_000, 2_000] as const;
/** The most points each method accepts. */
export const methodMax = (method: ProjectionMethod) => (method === 'umap' ? UMAP_MAX : method === 'tsne' ? TSNE_MAX : Infinity);
/** Neighbours listed (and isolated) by default, and the range offered. */
export const NEIGHBOURS = 10;
export const NEIGHBOURS_MAX = 100;

/**
 * The embedding explorer of one run: which projection is shown (method, dims, point count), the selected word and
 * its neighbours, the search. A run still training is `live`: PCA of its latest snapshot, refreshed every ~3 s.
 */
export class ProjectionState {
  runId = $state<string | null>(null);
  live = $state(false);
  method = $state<ProjectionMethod>('pca');
  dims = $state<2 | 3>(2);
  limit = $state<number>(10_000);
  /** t-SNE's perplexity and iterations (the engine's defaults). */
  perplexity = $state(30);
  iterations = $state(1_000);

  projection = $state.raw<Projection | null>(null);
  /** A request is in flight (the first of a run, or after a settings change; not the quiet live refreshes). */
  loading = $state(false);
  /** Seconds the last shown projection took to arrive. */
  seconds = $state<number | null>(null);
  /** Live refreshes received. */
  refreshes = $state(0);
  /** A live picture not there yet, and why (typically: the trainer has not taken its first snapshot); English, translated where shown. */
  waiting = $state<string | null>(null);
  readonly errors = new ErrorSlot();

  selected = $state<string | null>(null);
  neighbors = $state.raw<Neighbor[] | null>(null);
  /** Why there are no neighbours to show (e.g. the run is still training); English, translated where shown. */
  neighborsNote = $state<string | null>(null);
  search = $state('');
  found = $state<string | null>(null);
  /** The last search that matched no drawn word. */
  missed = $state<string | null>(null);
  /** What that search looked up when normalising changed it ("King" → "king"), else null. */
  missedAs = $state<string | null>(null);

  /** How many neighbours are listed and isolated (k). */
  neighbourCount = $state(NEIGHBOURS);
  /** The words shown alone (a word and its k neighbours), or null for all the points. */
  isolated = $state.raw<string[] | null>(null);
  /** What colours the points (frequency, a label column, a word list). */
  readonly colours = new PointColours();

  /** word → row of the projection. */
  index = $derived(new Map((this.projection?.words ?? []).map((w, i) => [w, i] as const)));

  readonly #client: StudioClient;
  /** Live refresh failures (e.g. between two snapshots) are not shown: the next one usually succeeds. */
  readonly #quiet = new ErrorSlot();
  #sequence = 0;
  #refreshing = false;
  /** The settings of the picture shown, which a cancelled layout goes back to. */
  #shown: { method: ProjectionMethod; dims: 2 | 3; limit: number; perplexity: number; iterations: number } | null = null;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  /** The UMAP or t-SNE layout of this run being computed (a `projection` job: its progress, and Cancel). */
  get job(): JobState | null {
    return [...this.#client.jobs.values()].find((j) => j.active && j.kind === 'projection' && j.runId === this.runId) ?? null;
  }

  /** Stop the layout being computed; the picture shown stays, and the settings go back to it. */
  async cancel(): Promise<void> {
    const job = this.job;
    if (!job) return;
    this.#sequence++; // the cancelled call's answer (CancelledError) is not news
    this.loading = false;
    this.#restoreShown();
    await this.#client.cancel(job, this.errors);
  }

  /** Show `runId`, live while it trains. Keeps the settings; a different run starts from a clean selection. */
  setRun(runId: string | null, live: boolean): void {
    const changed = runId !== this.runId;
    const wasLive = this.live;
    this.runId = runId;
    this.live = live;
    if (live && this.method !== 'pca') this.method = 'pca';
    if (changed) {
      this.projection = null;
      this.#shown = null;
      this.waiting = null;
      this.clearSelection();
      this.isolated = null;
      this.found = null;
      this.missed = null;
      this.errors.clear();
    }
    if (changed || wasLive !== live) void this.load();
  }

  setMethod(method: ProjectionMethod): void {
    if (method === this.method) return;
    this.method = method;
    this.limit = Math.min(this.limit, methodMax(method));
    void this.load();
  }

  setPerplexity(perplexity: number): void {
    if (perplexity === this.perplexity) return;
    this.perplexity = perplexity;
    void this.load();
  }

  setIterations(iterations: number): void {
    if (iterations === this.iterations) return;
    this.iterations = iterations;
    void this.load();
  }

  setDims(dims: 2 | 3): void {
    if (dims === this.dims) return;
    this.dims = dims;
    void this.load();
  }

  setLimit(limit: number): void {
    if (limit === this.limit) return;
    this.limit = limit;
    void this.load();
  }

  /** Fetch the projection for the current settings; an answer that arrives after a newer request is dropped. */
  async load(): Promise<void> {
    const runId = this.runId;
    if (!runId) return;
    const sequence = ++this.#sequence;
    const request = { method: this.method, dims: this.dims, limit: this.limit, perplexity: this.perplexity, iterations: this.iterations };
    const started = performance.now();
    // A layout this window asked for and no longer wants (other settings now) would hold up the new one.
    const superseded = this.job;
    if (superseded) void this.#client.cancel(superseded, this.#quiet);
    this.loading = true;
    // A live run's first picture may come before the trainer's first snapshot: wait for the refresh, quietly.
    const slot = this.live ? this.#quiet : this.errors;
    try {
      const projection = await slot.run(() => this.#client.api.word2vec.projection({ runId, request }));
      // A cancelled layout is no error: cancelled here (Cancel, or other settings asked for), or from another
      // window, in which case the settings go back to the picture shown.
      if (slot.current?.name === 'CancelledError') {
        slot.clear();
        if (sequence === this.#sequence) this.#restoreShown();
      }
      if (sequence !== this.#sequence) return;
      if (projection) {
        this.#show(projection, started);
        this.#shown = request;
      }
      else if (this.live) this.waiting = this.#quiet.current?.message ?? msg('Waiting for the first snapshot of the vectors…');
    } finally {
      if (sequence === this.#sequence) this.loading = false;
    }
  }

  /** A live refresh: quiet, skipped while another request is in flight. */
  async refresh(): Promise<void> {
    const runId = this.runId;
    if (!runId || !this.live || this.loading || this.#refreshing) return;
    this.#refreshing = true;
    const sequence = this.#sequence;
    const request = { method: this.method, dims: this.dims, limit: this.limit, perplexity: this.perplexity, iterations: this.iterations };
    const started = performance.now();
    try {
      const projection = await this.#quiet.run(() => this.#client.api.word2vec.projection({ runId, request }));
      if (projection && sequence === this.#sequence && runId === this.runId) {
        this.#show(projection, started);
        this.refreshes++;
      }
    } finally {
      this.#refreshing = false;
    }
  }

  #restoreShown(): void {
    if (this.#shown) ({ method: this.method, dims: this.dims, limit: this.limit, perplexity: this.perplexity, iterations: this.iterations } = this.#shown);
  }

  #show(projection: Projection, started: number): void {
    this.projection = projection;
    this.waiting = null;
    this.seconds = (performance.now() - started) / 1000;
    if (this.live && !projection.live) this.live = false; // finished in between
  }

  /** Select a word of the picture and list its nearest neighbours (by cosine, over the whole vocabulary). */
  async select(word: string | null): Promise<void> {
    this.clearSelection();
    const runId = this.runId;
    if (!word || !runId) return;
    this.selected = word;
    if (this.live) {
      this.neighborsNote = msg('Neighbours are listed once training has finished.');
      return;
    }
    const results = await this.errors.run(() => this.#client.api.word2vec.neighbors({ runId, word, top: this.neighbourCount }));
    if (this.selected !== word || runId !== this.runId) return;
    this.neighbors = results ?? null;
  }

  /** Show only the selected word and its neighbours (the neighbours must have arrived). */
  isolate(): void {
    if (!this.selected || !this.neighbors) return;
    this.isolated = [this.selected, ...this.neighbors.map((n) => n.word)];
  }

  /** Back to all the points. */
  showAll(): void {
    this.isolated = null;
  }

  /** Change k: the selected word's neighbours are fetched again, and an isolated view follows them. */
  async setNeighbourCount(k: number): Promise<void> {
    const count = Math.round(Math.min(NEIGHBOURS_MAX, Math.max(1, k)));
    if (!Number.isFinite(count) || count === this.neighbourCount) return;
    this.neighbourCount = count;
    const word = this.selected;
    if (!word) return;
    const wasIsolated = this.isolated !== null && this.isolated[0] === word;
    await this.select(word);
    if (wasIsolated && this.selected === word) this.isolate();
  }

  clearSelection(): void {
    this.selected = null;
    this.neighbors = null;
    this.neighborsNote = null;
  }

  /** Highlight the searched word and select it; true when it is drawn (the view then centres on it). */
  find(): boolean {
    const word = this.search.trim();
    this.missed = null;
    this.missedAs = null;
    this.found = null;
    if (!word) return false;
    // As the engine's lookups do: the word as typed, else normalised the way the model was (a lower-cased model finds "King").
    const normal = normalizeText(word, this.projection?.lowercase ?? false);
    const match = this.index.has(word) ? word : this.index.has(normal) ? normal : undefined;
    if (!match) {
      this.missed = word;
      this.missedAs = normal !== word ? normal : null;
      return false;
    }
    this.found = match;
    void this.select(match);
    return true;
  }

  /** Words of the picture starting with `prefix`, most frequent first, for the search suggestions. */
  suggestions(prefix: string, max = 12): string[] {
    const p = prefix.trim().toLowerCase();
    if (!p || !this.projection) return [];
    const out: string[] = [];
    for (const w of this.projection.words) {
      if (w.toLowerCase().startsWith(p)) out.push(w);
      if (out.length >= max) break;
    }
    return out;
  }
}
