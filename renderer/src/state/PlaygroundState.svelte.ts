import type { InputReading, Prediction, Translation } from '../contract.ts';
import { ErrorSlot } from './ErrorSlot.svelte.ts';
import type { StudioClient } from './StudioClient.svelte.ts';

/**
 * Try a trained neural run: classify or tag typed text (`model.predict`), continue a prompt (`model.generate`), or
 * translate a sentence (`model.translate`; from the latest checkpoint of a run still training).
 */
export class PlaygroundState {
  text = $state('');
  prediction = $state.raw<Prediction | null>(null);
  /** The prompt and continuation of the last generation, with the prompt as the model read it. */
  generated = $state.raw<{ prompt: string; text: string; input: InputReading | null } | null>(null);
  temperature = $state(1);
  topK = $state(0);
  maxTokens = $state(50);
  /** Beam width; 1 = greedy. */
  beam = $state(4);
  /** The sentence and its translation, with where it came from (the latest checkpoint or the best one). */
  translated = $state.raw<{ source: string; latest: boolean; translation: Translation } | null>(null);
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
    if (result) this.generated = { prompt, text: result.text, input: result.input ?? null };
  }

  async translate(runId: string, latest: boolean): Promise<void> {
    const source = this.text.trim();
    if (!source || this.busy) return;
    const request = { texts: [source], beam: this.beam, lengthPenalty: 0.6, latest };
    const result = await this.errors.run(() => this.#client.api.model.translate({ runId, request }));
    const translation = result?.translations[0];
    if (translation) this.translated = { source, latest, translation };
  }

  reset(): void {
    this.prediction = null;
    this.generated = null;
    this.translated = null;
    this.errors.clear();
  }
}
