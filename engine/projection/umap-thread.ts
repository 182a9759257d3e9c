/**
 * UMAP off the engine's main thread. umap-js builds its graph in one synchronous block (~4.5 s at 10 000 points on
 * two cores), and on the main thread the engine answered nothing meanwhile; in a worker the engine stays
 * responsive, a cancelled layout is stopped at once (the worker is terminated, whatever umap-js is in the middle
 * of), and a layout that runs out of memory takes down its worker, not the engine.
 * The worker runs the same umapLayout on a copy of the rows: the same seed gives the same coordinates.
 */
import type { Worker } from 'node:worker_threads';
import { StudioError } from '../../contract/errors.ts';
import { startWorker } from '../worker-threads.ts';
import type { UmapProgress } from './umap.ts';
import type { FromUmapWorker, ToUmapWorker, UmapJob } from './umap-protocol.ts';

export interface UmapThreadOptions extends UmapJob {
  /** Aborting terminates the worker; the promise rejects with a CancelledError. */
  signal?: AbortSignal;
  onProgress?: (progress: UmapProgress) => void;
  /** The worker's file (tests); by default the bundled worker beside the engine, or its source through tsx. */
  workerUrl?: string | URL;
}

/**
 * @param unit Unit-length rows, row-major [n, d] (copied to the worker; the caller's array is left as it is)
 * @returns Row-major [n, dims], centred on the origin
 */
export function umapInWorker(unit: Float32Array, n: number, d: number, options: UmapThreadOptions): Promise<Float64Array> {
  const { signal, onProgress, workerUrl, ...job } = options;
  const cancelled = () => new StudioError('CancelledError', 'The UMAP layout was cancelled');
  if (signal?.aborted) return Promise.reject(cancelled());
  const worker: Worker = startWorker('umap-worker.cjs', new URL('./umap-worker.ts', import.meta.url), workerUrl);
  return new Promise<Float64Array>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    // Settled only once the worker has stopped, so a cancelled layout uses no CPU after the promise rejects.
    const onAbort = () => void worker.terminate().then(() => settle(() => reject(cancelled())));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: FromUmapWorker) => {
      if (message.type === 'progress') {
        try {
          onProgress?.(message.progress);
        } catch (error) {
          void worker.terminate();
          settle(() => reject(error));
        }
      } else if (message.type === 'done') settle(() => resolve(message.coords));
      else settle(() => reject(new Error(message.message)));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(signal?.aborted ? cancelled() : new Error(`The UMAP worker stopped before finishing (exit code ${code})`))));
    worker.postMessage({ type: 'layout', unit, n, d, options: job } satisfies ToUmapWorker);
  });
}
