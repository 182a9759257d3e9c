import type { RunInfo } from '../contract.ts';
import { models } from '../models/registry.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import { MetricSeries } from './MetricSeries.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

export interface RunView {
  run: RunInfo;
  metrics: MetricSeries;
}

/** Every training run of the workspace, and the one open in the Runs view. */
export class RunsState {
  list = $state.raw<RunInfo[]>([]);
  loaded = $state(false);
  selectedId = $state<string | null>(null);
  details = $state.raw<RunView | null>(null);
  readonly errors = new ErrorSlot();
  /** Completed runs the Explore view can query. */
  explorable = $derived(this.list.filter((r) => r.status === 'completed' && models[r.spec.model].explorable));
  readonly #client: StudioClient;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  async refresh(): Promise<void> {
    const list = await this.errors.run(() => this.#client.api.runs.list(), { keep: true });
    if (!list) return;
    this.list = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    this.loaded = true;
    if (this.selectedId && this.details?.run.status === 'running') void this.select(this.selectedId);
  }

  async select(id: string | null): Promise<void> {
    if (id !== this.selectedId) this.details = null;
    this.selectedId = id;
    if (!id) return;
    const details = await this.errors.run(() => this.#client.api.runs.get({ id }));
    if (details && this.selectedId === id) this.details = { run: details.run, metrics: MetricSeries.from(details.metrics) };
  }

  async remove(id: string): Promise<boolean> {
    const ok = await this.errors.run(() => this.#client.api.runs.delete({ id }));
    if (!ok) return false;
    this.list = this.list.filter((r) => r.id !== id);
    if (this.selectedId === id) {
      this.selectedId = null;
      this.details = null;
    }
    return true;
  }
}
