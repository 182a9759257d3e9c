import type { ExportFormat, ExportInfo } from '../contract.ts';
import type { ErrorSlot } from './ErrorSlot.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

export interface ExportOutcome {
  info: ExportInfo;
  saved: boolean;
  /** Where it was saved (Electron), or null when the browser downloads it. */
  location: string | null;
}

/** Writing a run's vectors or model in an export format, then handing the file to the user (save dialog or download). */
export class ExportState {
  format = $state<ExportFormat>('word2vec-text');
  busy = $state(false);
  outcome = $state.raw<ExportOutcome | null>(null);
  readonly #client: StudioClient;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  /** Failures go to `errors`, shown beside the Export button; the last export's outcome stays until a new one is saved. */
  async create(runId: string, errors: ErrorSlot): Promise<void> {
    this.busy = true;
    try {
      const format = this.format;
      const info = await errors.run(() => this.#client.api.export.create({ runId, format }));
      if (!info) return;
      const saved = await errors.run(() => this.#client.api.files.saveExport(info.id));
      if (saved) this.outcome = { info, saved: saved.saved, location: saved.location };
    } finally {
      this.busy = false;
    }
  }
}
