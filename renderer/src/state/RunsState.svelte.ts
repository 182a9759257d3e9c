import type { RunInfo, RunReport } from '../contract.ts';
import { kindOf } from '../models/registry.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import { MetricSeries } from './MetricSeries.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

export interface RunView {
  run: RunInfo;
  metrics: MetricSeries;
  report: RunReport | null;
  /** The last checkpoint (what Resume continues from); null when there is none. */
  checkpoint: { step: number; epoch: number } | null;
}

/** Every training run of the workspace, and the one open in the Runs view. */
export class RunsState {
  list = $state.raw<RunInfo[]>([]);
  loaded = $state(false);
  selectedId = $state<string | null>(null);
  details = $state.raw<RunView | null>(null);
  /** Loading the list or a run: shown at the top of the view. */
  readonly errors = new ErrorSlot();
  /** What the open run's own controls did (rename, tag, delete, resume): shown under them, in the run's header. */
  readonly actionErrors = new ErrorSlot();
  /** Runs ticked for comparison, and their metric histories once fetched. */
  compareIds = $state<string[]>([]);
  compared = $state.raw<{ run: RunInfo; series: MetricSeries }[]>([]);
  /** Every tag in use, for suggestions. */
  allTags = $derived([...new Set(this.list.flatMap((r) => r.tags))].sort());
  /** Completed runs the Explore view can query. */
  explorable = $derived(this.list.filter((r) => r.status === 'completed' && kindOf(r.spec.model).explorable));
  readonly #client: StudioClient;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  async refresh(): Promise<void> {
    const list = await this.errors.run(() => this.#client.api.runs.list(), { keep: true });
    if (!list) return;
    this.list = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    this.loaded = true;
    // The open run changed meanwhile (still training, or finished / paused / resumed elsewhere): fetch it again.
    const listed = this.list.find((r) => r.id === this.selectedId);
    if (this.selectedId && (this.details?.run.status === 'running' || (listed && this.details && listed.status !== this.details.run.status)))
      void this.select(this.selectedId);
  }

  async select(id: string | null): Promise<void> {
    if (id !== this.selectedId) {
      this.details = null;
      this.actionErrors.clear();
    }
    this.selectedId = id;
    if (!id) return;
    const details = await this.errors.run(() => this.#client.api.runs.get({ id }));
    if (details && this.selectedId === id) this.details = { run: details.run, metrics: MetricSeries.from(details.metrics), report: details.report, checkpoint: details.checkpoint ?? null };
  }

  /** Rename or re-tag a run. */
  async update(id: string, patch: { name?: string; tags?: string[] }): Promise<boolean> {
    const run = await this.actionErrors.run(() => this.#client.api.runs.update({ id, ...patch }));
    if (!run) return false;
    this.list = this.list.map((r) => (r.id === id ? run : r));
    if (this.details?.run.id === id) this.details = { ...this.details, run };
    this.compared = this.compared.map((c) => (c.run.id === id ? { ...c, run } : c));
    return true;
  }

  toggleCompare(id: string): void {
    this.compareIds = this.compareIds.includes(id) ? this.compareIds.filter((x) => x !== id) : [...this.compareIds, id];
  }

  /** Fetch the histories of the ticked runs (each once) for the comparison chart. */
  async loadCompared(): Promise<void> {
    const ids = [...this.compareIds];
    const known = new Map(this.compared.map((c) => [c.run.id, c]));
    const fetched = await Promise.all(
      ids.map(async (id) => {
        const have = known.get(id);
        if (have && have.run.status !== 'running') return have;
        const details = await this.errors.run(() => this.#client.api.runs.get({ id }), { keep: true });
        return details ? { run: details.run, series: MetricSeries.from(details.metrics) } : null;
      }),
    );
    if (ids.join() !== this.compareIds.join()) return; // the selection changed meanwhile
    this.compared = fetched.filter((c) => c !== null);
  }

  async remove(id: string): Promise<boolean> {
    const ok = await this.actionErrors.run(() => this.#client.api.runs.delete({ id }));
    if (!ok) return false;
    this.list = this.list.filter((r) => r.id !== id);
    this.compareIds = this.compareIds.filter((x) => x !== id);
    this.compared = this.compared.filter((c) => c.run.id !== id);
    if (this.selectedId === id) {
      this.selectedId = null;
      this.details = null;
    }
    return true;
  }
}
