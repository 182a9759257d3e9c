/** A 2-D or 3-D picture of a vocabulary's most frequent words: PCA (pca.ts), UMAP (umap.ts) or t-SNE (tsne.ts). */
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import type { Projection, ProjectionRequest } from '../../contract/word2vec.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { pca } from './pca.ts';
import { Slicer } from './slices.ts';
import { TSNE_MAX_POINTS } from './tsne.ts';
import { UMAP_MAX_POINTS } from './umap.ts';
import { layoutInWorker } from './layout-thread.ts';
import type { LayoutProgress } from './layout-protocol.ts';

/** Significant digits kept in the coordinates: far below a pixel, and a third of the JSON of full doubles. */
const DIGITS = 5;

/**
 * The first `n` rows of `kv` (its most frequent words: KeyedVectors keeps descending frequency order), scaled to
 * unit length. word2vec's similarity is the cosine, which ignores length, while raw lengths grow with frequency
 * and training time; on unit vectors PCA's variance and UMAP's Euclidean neighbours measure the same angles the
 * neighbour lists use, so what is close in the picture is what is similar in the Neighbours panel.
 * A zero row stays zero. Row-major [n, dim]
 */
export function unitRows(kv: KeyedVectors, n: number): Float32Array {
  const d = kv.dim;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let c = i * d; c < (i + 1) * d; c++) norm += kv.vectors[c] * kv.vectors[c];
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let c = 0; c < d; c++) out[i * d + c] = kv.vectors[i * d + c] * inv;
  }
  return out;
}

export interface ProjectionOptions {
  /** PCA runs on this thread in slices (~0.1 s of work at 10 000 words): this one. */
  slicer?: Slicer;
  /** UMAP and t-SNE run in a worker thread: aborting terminates it. */
  signal?: AbortSignal;
  onProgress?: (progress: LayoutProgress) => void;
}

export async function computeProjection(kv: KeyedVectors, request: ProjectionRequest, live: boolean, options: ProjectionOptions = {}): Promise<Projection> {
  const { slicer = new Slicer(), signal, onProgress } = options;
  const { method, dims } = request;
  const n = Math.min(request.limit, kv.size);
  if (method === 'umap' && n > UMAP_MAX_POINTS) {
    throw new StudioError('ValidationError', userText('UMAP is limited to {max} points (more takes minutes and over a gigabyte of memory); ask for fewer, or use PCA', { max: UMAP_MAX_POINTS.toLocaleString('en-US') }));
  }
  if (method === 'tsne' && n > TSNE_MAX_POINTS) {
    throw new StudioError('ValidationError', userText('t-SNE is limited to {max} points (more takes minutes); ask for fewer, or use PCA', { max: TSNE_MAX_POINTS.toLocaleString('en-US') }));
  }
  if (method !== 'pca' && n < 4) throw new StudioError('ValidationError', userText('{method} needs at least 4 words; this vocabulary has {count}', { method: method === 'umap' ? 'UMAP' : 't-SNE', count: n }));
  const unit = unitRows(kv, n);
  let coords: Float64Array;
  let explained: number[] | null = null;
  if (method === 'pca') {
    const result = await pca(unit, n, kv.dim, dims, slicer);
    coords = result.coords;
    explained = result.explained;
  } else {
    const job = method === 'umap' ? { method, options: { dims } } : { method, options: { dims, perplexity: request.perplexity, iterations: request.iterations } };
    coords = await layoutInWorker(job, unit, n, kv.dim, { signal, onProgress });
  }
  return {
    method,
    dims,
    words: kv.words.slice(0, n),
    counts: Array.from(kv.counts.subarray(0, n)),
    coords: round(coords),
    explained,
    live,
    lowercase: kv.normalization.lowercase,
  };
}

function round(coords: Float64Array): number[] {
  let max = 0;
  for (const v of coords) max = Math.max(max, Math.abs(v));
  if (max === 0) return Array.from(coords);
  const decimals = Math.max(0, Math.min(15, DIGITS - Math.ceil(Math.log10(max))));
  const scale = 10 ** decimals;
  return Array.from(coords, (v) => Math.round(v * scale) / scale || 0);
}
