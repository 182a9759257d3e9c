/**
 * The layout worker thread (see layout-thread.ts): computes one UMAP or t-SNE layout and exits. Here umap-js's
 * seconds-long synchronous graph construction and t-SNE's iterations block only this thread, never the engine.
 * Bundled to dist/engine/layout-worker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import { tsneLayout } from './tsne.ts';
import { umapLayout } from './umap.ts';
import type { FromLayoutWorker, LayoutProgress, ToLayoutWorker } from './layout-protocol.ts';

const post = (message: FromLayoutWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

parentPort!.once('message', (message: ToLayoutWorker) => {
  if (message.type !== 'layout') return;
  const { unit, n, d, job } = message;
  const onProgress = (progress: LayoutProgress) => post({ type: 'progress', progress });
  const layout = job.method === 'umap' ? umapLayout(unit, n, d, { ...job.options, onProgress }) : tsneLayout(unit, n, d, { ...job.options, onProgress });
  layout.then(
    (coords) => post({ type: 'done', coords }, [coords.buffer as ArrayBuffer]),
    (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
