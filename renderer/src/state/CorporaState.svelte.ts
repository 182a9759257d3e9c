import type { CorpusInfo } from '../contract.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import { ImportState } from './ImportState.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

/** The workspace's corpora, the one selected in the Corpora view, and the import in progress. */
export class CorporaState {
  list = $state.raw<CorpusInfo[]>([]);
  loaded = $state(false);
  selectedId = $state<string | null>(null);
  selected = $derived(this.list.find((c) => c.id === this.selectedId) ?? null);
  /** Loading the list: the view's alert. */
  readonly errors = new ErrorSlot();
  /** Reading, checking and importing files: shown in the import panel (or under the drop zone). */
  readonly importErrors = new ErrorSlot();
  /** Deleting the selected corpus: shown beside its Delete button. */
  readonly deleteErrors = new ErrorSlot();
  readonly importer: ImportState;
  readonly #client: StudioClient;

  constructor(client: StudioClient) {
    this.#client = client;
    this.importer = new ImportState(client, this.importErrors);
  }

  async refresh(): Promise<void> {
    const list = await this.errors.run(() => this.#client.api.corpus.list(), { keep: true });
    if (!list) return;
    this.list = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    this.loaded = true;
    if (!this.selected) this.selectedId = this.list[0]?.id ?? null;
  }

  /** A finished import: show the new corpus. */
  async imported(corpus: CorpusInfo): Promise<void> {
    await this.refresh();
    if (!this.list.some((c) => c.id === corpus.id)) this.list = [corpus, ...this.list];
    this.selectedId = corpus.id;
  }

  async remove(id: string): Promise<boolean> {
    const ok = await this.deleteErrors.run(() => this.#client.api.corpus.delete({ id }));
    if (!ok) return false;
    this.list = this.list.filter((c) => c.id !== id);
    if (this.selectedId === id) this.selectedId = this.list[0]?.id ?? null;
    return true;
  }

  select(id: string): void {
    if (id !== this.selectedId) this.deleteErrors.clear();
    this.selectedId = id;
  }
}
