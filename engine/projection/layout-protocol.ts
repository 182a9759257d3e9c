/** Messages between the engine and its layout worker thread (layout-thread.ts ↔ layout-worker.ts): UMAP or t-SNE. */
import type { TsneOptions, TsneProgress } from './tsne.ts';
import type { UmapOptions, UmapProgress } from './umap.ts';

/** What a layout needs, without the callbacks and signals that cannot cross threads. */
export type UmapJob = Omit<UmapOptions, 'slicer' | 'onProgress'>;
export type TsneJob = Omit<TsneOptions, 'slicer' | 'onProgress' | 'signal'>;
export type LayoutJob = { method: 'umap'; options: UmapJob } | { method: 'tsne'; options: TsneJob };
export type LayoutProgress = UmapProgress | TsneProgress;

export type ToLayoutWorker = { type: 'layout'; unit: Float32Array; n: number; d: number; job: LayoutJob };

export type FromLayoutWorker =
  | { type: 'progress'; progress: LayoutProgress }
  /** Row-major [n, dims], centred. */
  | { type: 'done'; coords: Float64Array }
  | { type: 'error'; message: string };
