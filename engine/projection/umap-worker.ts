/**
 * The UMAP worker thread (see umap-thread.ts): computes one layout and exits. Here umap-js's seconds-long
 * synchronous graph construction blocks only this thread, never the engine. Bundled to dist/engine/umap-worker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import { umapLayout } from './umap.ts';
import type { FromUmapWorker, ToUmapWorker } from './umap-protocol.ts';

const post = (message: FromUmapWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

parentPort!.once('message', (message: ToUmapWorker) => {
  if (message.type !== 'layout') return;
  const { unit, n, d, options } = message;
  umapLayout(unit, n, d, { ...options, onProgress: (progress) => post({ type: 'progress', progress }) }).then(
    (coords) => post({ type: 'done', coords }, [coords.buffer as ArrayBuffer]),
    (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
