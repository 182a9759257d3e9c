/**
 * The latest vectors of each word2vec run still training, so the explorer can draw the space while it organises.
 * The trainer hands a fresh copy every few seconds (`onSnapshot`, engine/training/word2vec-run.ts); the run's
 * entry goes when training ends, however it ends. One copy per running run: a 100 000-word, 300-dimension
 * vocabulary is 120 MB.
 */
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';

export class LiveSnapshots {
  private readonly latest = new Map<string, KeyedVectors>();

  set(runId: string, kv: KeyedVectors): void {
    this.latest.set(runId, kv);
  }

  get(runId: string): KeyedVectors | undefined {
    return this.latest.get(runId);
  }

  delete(runId: string): void {
    this.latest.delete(runId);
  }
}
