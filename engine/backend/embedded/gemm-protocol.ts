/** What the GEMM driver and its worker threads share: the control array's layout and the start message. */

/**
 * Int32 slots of a worker's control array: a job counter (−1 = exit), the last job done, the last job that failed
 * in the worker (its error is on the engine's stderr), 1 once the worker is ready for jobs, then the part.
 */
export const CTRL = { seq: 0, done: 1, failed: 2, ready: 3, part: 4, length: 32 } as const;

export interface GemmWorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  ctrl: Int32Array;
  /** The strip counter all threads of a product share (gemm-part.ts). */
  counter: Int32Array;
}
