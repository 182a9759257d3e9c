import type { Neighbor } from '../contract.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import { ProjectionState } from './ProjectionState.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

/**
 * Queries against one completed word2vec run: neighbours, similarity, analogy, and vocabulary suggestions.
 * Each query has its own error slot, shown in its card beside its button; a failed query keeps the previous
 * answer on screen (it names the words it is for, so it cannot be mistaken for the new one).
 */
export class ExploreState {
  runId = $state<string | null>(null);
  /** What belongs to no one query: the run's export and benchmark panels. */
  readonly errors = new ErrorSlot();
  readonly neighborErrors = new ErrorSlot();
  readonly similarityErrors = new ErrorSlot();
  readonly analogyErrors = new ErrorSlot();

  neighborWord = $state('');
  neighborTop = $state(10);
  /** The word the results are for (the input may have changed since). */
  neighbors = $state.raw<{ word: string; results: Neighbor[] } | null>(null);

  simA = $state('');
  simB = $state('');
  similarity = $state.raw<{ a: string; b: string; score: number } | null>(null);

  /** a − b + c: with a = king, b = man, c = woman the answer should be queen. */
  anaA = $state('');
  anaB = $state('');
  anaC = $state('');
  analogy = $state.raw<{ a: string; b: string; c: string; results: Neighbor[] } | null>(null);

  /** Size of the run's vocabulary (the match count of an empty prefix). */
  vocabularyTotal = $state<number | null>(null);
  /** The embedding explorer's picture (it keeps its settings when the run changes). */
  readonly space: ProjectionState;

  readonly #client: StudioClient;
  /** Suggestions are best-effort: their errors are not shown. */
  readonly #quiet = new ErrorSlot();

  constructor(client: StudioClient) {
    this.#client = client;
    this.space = new ProjectionState(client);
  }

  setRun(runId: string | null): void {
    if (runId === this.runId) return;
    this.runId = runId;
    this.neighbors = null;
    this.similarity = null;
    this.analogy = null;
    this.vocabularyTotal = null;
    for (const slot of [this.errors, this.neighborErrors, this.similarityErrors, this.analogyErrors]) slot.clear();
    if (runId) void this.suggest('');
  }

  async findNeighbors(): Promise<void> {
    const runId = this.runId;
    const word = this.neighborWord.trim();
    if (!runId || !word) return;
    const top = Math.min(1000, Math.max(1, Math.round(this.neighborTop || 10))); // an emptied number field binds null
    const results = await this.neighborErrors.run(() => this.#client.api.word2vec.neighbors({ runId, word, top }));
    if (results && runId === this.runId) this.neighbors = { word, results };
  }

  async compare(): Promise<void> {
    const runId = this.runId;
    const [a, b] = [this.simA.trim(), this.simB.trim()];
    if (!runId || !a || !b) return;
    const result = await this.similarityErrors.run(() => this.#client.api.word2vec.similarity({ runId, a, b }));
    if (result && runId === this.runId) this.similarity = { a, b, score: result.score };
  }

  async solveAnalogy(): Promise<void> {
    const runId = this.runId;
    const [a, b, c] = [this.anaA.trim(), this.anaB.trim(), this.anaC.trim()];
    if (!runId || !a || !b || !c) return;
    const results = await this.analogyErrors.run(() => this.#client.api.word2vec.analogy({ runId, a, b, c, top: 10 }));
    if (results && runId === this.runId) this.analogy = { a, b, c, results };
  }

  /** Vocabulary words starting with `prefix`, most frequent first. */
  async suggest(prefix: string): Promise<string[]> {
    const runId = this.runId;
    if (!runId) return [];
    const found = await this.#quiet.run(() => this.#client.api.word2vec.vocabulary({ runId, prefix: prefix.trim(), limit: 20 }));
    if (!found || runId !== this.runId) return [];
    if (prefix.trim() === '') this.vocabularyTotal = found.total;
    return found.words.map((w) => w.word);
  }
}
