import type { Evaluation, PickedFile } from '../contract.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

export type BenchmarkKind = 'analogies' | 'similarity';

/** Benchmark files picked for a run, and the last evaluation (`word2vec.evaluate`) of that run. */
export class EvaluateState {
  analogies = $state.raw<PickedFile | null>(null);
  similarity = $state.raw<PickedFile | null>(null);
  /** The run the result is for, and the files it used (the picks may have changed since). */
  result = $state.raw<{ runId: string; analogies: string | null; similarity: string | null; evaluation: Evaluation } | null>(null);
  picking = $state<BenchmarkKind | null>(null);
  /** An evaluation is running (a big model and the full Google set take a few minutes). */
  busy = $state(false);
  /** Shown in the panel, beside its buttons. */
  readonly errors = new ErrorSlot();
  readonly #client: StudioClient;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  /** Must be called from the click itself: the browser only opens a file chooser during a user gesture. */
  async pick(kind: BenchmarkKind): Promise<void> {
    if (this.picking) return;
    this.picking = kind;
    try {
      const files = await this.errors.run(() => this.#client.api.files.pick());
      if (files && files.length > 0) this[kind] = files[0];
    } finally {
      this.picking = null;
    }
  }

  forget(kind: BenchmarkKind): void {
    this[kind] = null;
  }

  async evaluate(runId: string): Promise<void> {
    const { analogies, similarity } = this;
    if (this.busy || (!analogies && !similarity)) return;
    this.busy = true;
    try {
      const evaluation = await this.errors.run(() =>
        this.#client.api.word2vec.evaluate({ runId, ...(analogies ? { analogies: analogies.handle } : {}), ...(similarity ? { similarity: similarity.handle } : {}) }),
      );
      if (evaluation) this.result = { runId, analogies: analogies?.name ?? null, similarity: similarity?.name ?? null, evaluation };
    } finally {
      this.busy = false;
    }
  }
}
