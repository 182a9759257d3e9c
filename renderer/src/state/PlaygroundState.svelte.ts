import type { Prediction } from '../contract.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

/** Try a trained neural run: classify or tag typed text (`model.predict`), or continue a prompt (`model.generate`). */
export class PlaygroundState {
  text = $state('');
  prediction = $state.raw<Prediction | null>(null);
  /** The prompt and continuation of the last generation. */
  generated = $state.raw<{ prompt: string; text: string } | null>(null);
  temperature = $state(1);
  topK = $state(0);
  maxTokens = $state(50);
  readonly errors = new ErrorSlot();
  readonly #client: StudioClient;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  get busy(): boolean {
    return this.errors.busy;
  }

  async predict(runId: string): Promise<void> {
    const text = this.text.trim();
    if (!text || this.busy) return;
    const prediction = await this.errors.run(() => this.#client.api.model.predict({ runId, text }));
    if (prediction) this.prediction = prediction;
  }

  async generate(runId: string): Promise<void> {
    if (this.busy) return;
    const prompt = this.text;
    const request = { prompt, maxTokens: this.maxTokens, temperature: this.temperature, topK: this.topK };
    const result = await this.errors.run(() => this.#client.api.model.generate({ runId, request }));
    if (result) this.generated = { prompt, text: result.text };
  }

  reset(): void {
    this.prediction = null;
    this.generated = null;
    this.errors.clear();
  }
}
