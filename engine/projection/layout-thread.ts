/**
 * UMAP and t-SNE layouts off the engine's main thread. umap-js builds its graph in one synchronous block (~4.5 s at
 * 10 000 points on two cores) and t-SNE iterates for tens of seconds; in a worker the engine stays responsive, a
 * cancelled layout is stopped at once (the worker is terminated, whatever it is in the middle of), and a layout
 * that runs out of memory takes down its worker, not the engine.
 * The worker runs the same umapLayout / tsneLayout on a copy of the rows: the same seed gives the same coordinates.
 */
import type { Worker } from 'node:worker_threads';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import { startWorker } from '../worker-threads.ts';
import type { TsneProgress } from './tsne.ts';
import type { UmapProgress } from './umap.ts';
import type { FromLayoutWorker, LayoutJob, LayoutProgress, ToLayoutWorker, TsneJob, UmapJob } from './layout-protocol.ts';

export interface LayoutThreadOptions<P = LayoutProgress> {
  /** Aborting terminates the worker; the promise rejects with a CancelledError. */
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
  /** The worker's file (tests); by default the bundled worker beside the engine, or its source through tsx. */
  workerUrl?: string | URL;
}

const NAMES = { umap: 'UMAP', tsne: 't-SNE' } as const;

/**
 * @param unit Unit-length rows, row-major [n, d] (copied to the worker; the caller's array is left as it is)
 * @returns Row-major [n, dims], centred on the origin
 */
export function layoutInWorker(job: LayoutJob, unit: Float32Array, n: number, d: number, options: LayoutThreadOptions = {}): Promise<Float64Array> {
  const { signal, onProgress, workerUrl } = options;
  const name = NAMES[job.method];
  const cancelled = () => new StudioError('CancelledError', userText('The {method} layout was cancelled', { method: name }));
  if (signal?.aborted) return Promise.reject(cancelled());
  const worker: Worker = startWorker('layout-worker.cjs', new URL('./layout-worker.ts', import.meta.url), workerUrl);
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
    worker.on('message', (message: FromLayoutWorker) => {
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
    worker.once('exit', (code) => settle(() => reject(signal?.aborted ? cancelled() : new Error(userText('The {method} worker stopped before finishing (exit code {code})', { method: name, code })))));
    worker.postMessage({ type: 'layout', unit, n, d, job } satisfies ToLayoutWorker);
  });
}

export const umapInWorker = (unit: Float32Array, n: number, d: number, options: UmapJob & LayoutThreadOptions<UmapProgress>) => {
  const { signal, onProgress, workerUrl, ...job } = options;
  return layoutInWorker({ method: 'umap', options: job }, unit, n, d, { signal, workerUrl, onProgress: onProgress as (p: LayoutProgress) => void });
};

export const tsneInWorker = (unit: Float32Array, n: number, d: number, options: TsneJob & LayoutThreadOptions<TsneProgress>) => {
  const { signal, onProgress, workerUrl, ...job } = options;
  return layoutInWorker({ method: 'tsne', options: job }, unit, n, d, { signal, workerUrl, onProgress: onProgress as (p: LayoutProgress) => void });
};
