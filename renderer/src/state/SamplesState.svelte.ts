import type { ModelName, SampleChapter } from '../contract.ts';
import type { CorporaState } from './CorporaState.svelte.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import type { Router } from './Router.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';
import type { TrainState } from './TrainState.svelte.ts';

/**
 * The first-run guide: the engine's sample chapters (`samples.list`), and taking one — its data imported, the
 * Train view filled in with its preset — then the chapter's note of what to look at while it trains.
 */
export class SamplesState {
  chapters = $state.raw<SampleChapter[]>([]);
  /** The chapter being imported, by id. */
  importing = $state<string | null>(null);
  /** The chapter taken last and the corpus it trains on: the Train view shows its note while that corpus is chosen. */
  active = $state.raw<{ chapter: SampleChapter; corpusId: string } | null>(null);
  /** Shown or hidden by the user; null: shown while the workspace has no corpus. */
  open = $state<boolean | null>(null);
  readonly errors = new ErrorSlot();
  readonly #client: StudioClient;
  readonly #corpora: CorporaState;
  readonly #train: TrainState;
  readonly #router: Router;

  constructor(client: StudioClient, corpora: CorporaState, train: TrainState, router: Router) {
    this.#client = client;
    this.#corpora = corpora;
    this.#train = train;
    this.#router = router;
  }

  /** Whether the guide is shown on the Corpora view. */
  get shown(): boolean {
    return this.open ?? (this.#corpora.loaded && this.#corpora.list.length === 0);
  }

  async load(): Promise<void> {
    if (this.chapters.length > 0) return;
    const chapters = await this.errors.run(() => this.#client.api.samples.list(), { keep: true });
    if (chapters) this.chapters = chapters;
  }

  /** Import the chapter's sample (or find the earlier import), fill the Train view with its preset and go there. */
  async take(id: string): Promise<void> {
    if (this.importing || this.#train.running) return;
    this.importing = id;
    const imported = await this.errors.run(() => this.#client.api.samples.import({ chapter: id }));
    this.importing = null;
    if (!imported) return;
    const { chapter, corpus } = imported;
    await this.#corpora.imported(corpus);
    this.#train.useCorpus(corpus);
    // The preset fills the model's form as a run's own spec does when a run is followed again (TrainState.resume).
    const { model, ...form } = chapter.preset;
    this.#train.model = model;
    (this.#train.forms as Record<ModelName, unknown>)[model] = form;
    this.#train.corpusId = corpus.id;
    this.active = { chapter, corpusId: corpus.id };
    this.#router.go('train');
  }

  /** The note for what the Train view shows now: the active chapter while its corpus and model are the form's. */
  get note(): SampleChapter | null {
    const a = this.active;
    return a && this.#train.corpusId === a.corpusId && this.#train.model === a.chapter.preset.model ? a.chapter : null;
  }

  dismissNote(): void {
    this.active = null;
  }
}
