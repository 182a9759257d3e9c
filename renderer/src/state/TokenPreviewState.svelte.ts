import { describeEngineError } from '../lib/error-text.ts';
import { toStudioError } from '../contract.ts';
import type { TokenPreview } from '../contract.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

/**
 * A token preview from the engine (`corpus.tokenPreview`): of a picked file with the import form's options, or of an
 * imported corpus before training. An answer to an older request (options changed meanwhile) is dropped; a failure
 * is kept here, shown beside the preview, since it says only that this preview could not be made.
 */
export class TokenPreviewState {
  preview = $state.raw<TokenPreview | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #key = '';
  #seq = 0;
  readonly #client: StudioClient;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  /** Load the preview `key` names, unless it is the one shown. */
  async load(key: string, call: () => Promise<TokenPreview>): Promise<void> {
    if (key === this.#key && (this.preview || this.loading)) return;
    this.#key = key;
    const seq = ++this.#seq;
    this.loading = true;
    try {
      const preview = await call();
      if (seq !== this.#seq) return;
      this.preview = preview;
      this.error = null;
    } catch (error) {
      if (seq !== this.#seq) return;
      this.preview = null;
      this.error = describeEngineError(toStudioError(error));
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  /** The preview of an imported corpus, with the settings it was imported with. */
  async loadCorpus(corpusId: string): Promise<void> {
    await this.load(`corpus:${corpusId}`, () => this.#client.api.corpus.tokenPreview({ corpusId }));
  }

  clear(): void {
    this.#seq++;
    this.#key = '';
    this.preview = null;
    this.loading = false;
    this.error = null;
  }
}
