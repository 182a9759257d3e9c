/** Messages between the engine and its UMAP worker thread (umap-thread.ts ↔ umap-worker.ts). */
import type { UmapOptions, UmapProgress } from './umap.ts';

/** What a layout needs, without the callbacks that cannot cross threads. */
export type UmapJob = Omit<UmapOptions, 'slicer' | 'onProgress'>;

export type ToUmapWorker = { type: 'layout'; unit: Float32Array; n: number; d: number; options: UmapJob };

export type FromUmapWorker =
  | { type: 'progress'; progress: UmapProgress }
  /** Row-major [n, dims], centred. */
  | { type: 'done'; coords: Float64Array }
  | { type: 'error'; message: string };
