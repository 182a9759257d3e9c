/** What the main thread and a Hogwild worker (worker.ts) exchange. Types and constants only, so worker.ts stays small. */
import type { ModelParts } from './sgns.ts';
import type { Weights } from './weights.ts';

/** Typed arrays over SharedArrayBuffers (and a shared WebAssembly.Memory) are shared with the worker, not copied. */
export interface WorkerJob {
  parts: ModelParts;
  /** The shared weights (buffer, WebAssembly memory for SIMD kernels); this worker uses thread region `index`. */
  weights: Weights;
  /** The batches of an epoch, as sentence boundaries (see batchBounds in hogwild.ts). [batches + 1] */
  batches: Int32Array;
  /** [0]: the next batch to take, counting on over the epochs (batch b is batch b mod batches of epoch b div batches). */
  cursor: Int32Array;
  index: number;
  threads: number;
  seed: number;
  epochs: number;
  alpha: number;
  minAlpha: number;
  wordsTotal: number;
  maxSentenceLength: number;
  /** Per worker: words done, loss sum, loss count (written only by that worker). [threads * STATUS_FIELDS] */
  status: Float64Array;
  /** [0] != 0 asks every worker to stop after its current batch. */
  stop: Int32Array;
}
export const STATUS_FIELDS = 3;

/** Main → worker. Workers are started while the corpus is still being read and wait for their job. */
export type ToWorker = { type: 'train'; job: WorkerJob };
