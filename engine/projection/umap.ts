/**
 * UMAP layouts (McInnes, Healy & Melville 2018) through umap-js, PAIR's maintained JavaScript port. We give it
 * exact cosine neighbours (knn.ts) instead of its NN-descent, a seeded random generator so a layout is
 * reproducible, and run its optimisation one epoch at a time with a turn of the event loop in between.
 *
 * What still runs as one synchronous block is umap-js's graph construction in `initializeFit` (fuzzy simplicial
 * set and its search graph, on sparse matrices keyed by strings): ~4.5 s for 10 000 points on a 2-core machine.
 * So the engine runs layouts in a worker thread (layout-thread.ts), where that block stalls nobody.
 */
import { UMAP } from 'umap-js';
import { userText } from '../../contract/user-text.ts';
import { exactKnn } from './knn.ts';
import { Slicer } from './slices.ts';
import { seededRandom } from '../random.ts';

/**
 * Beyond this many points a layout is refused with a reason. Measured here (2 cores, shared): 10 000 points take
 * ~24 s in all, of which umap-js's graph construction is ~4.5 s in one synchronous piece (in the worker thread:
 * the engine keeps answering); 20 000 took 70 s, 20 s of it in that piece, with 1.2 GB resident.
 */
export const UMAP_MAX_POINTS = 10_000;
/** umap-js's own default; also what UMAP's paper uses for visualisation. */
export const UMAP_NEIGHBORS = 15;

/**
 * Optimisation epochs, umap-js's own schedule: 500 up to 2 500 points, then 400, 300, and 200 above 7 500 (at
 * 10 000 points an epoch takes ~60 ms here, so 200 epochs are ~12 s of the total).
 */
export function umapEpochs(n: number): number {
  if (n <= 2_500) return 500;
  if (n <= 5_000) return 400;
  if (n <= 7_500) return 300;
  return 200;
}

export interface UmapOptions {
  dims: 2 | 3;
  /** @default 42 */
  seed?: number;
  /** @default UMAP_NEIGHBORS */
  neighbors?: number;
  /** @default umapEpochs(n) */
  epochs?: number;
  slicer?: Slicer;
  /** Called as the layout advances (every slice of the neighbour search, every epoch). */
  onProgress?: (progress: UmapProgress) => void;
}

export interface UmapProgress {
  stage: 'neighbours' | 'graph' | 'layout';
  /** Of the whole layout, estimated: the neighbours take about a third, the graph a sixth, the epochs the rest. */
  fraction: number;
}

const NEIGHBOURS_SHARE = 0.33;
const GRAPH_SHARE = 0.17;

/**
 * @param unit Unit-length rows, row-major [n, d]
 * @returns Row-major [n, dims], centred on the origin
 */
export async function umapLayout(unit: Float32Array, n: number, d: number, options: UmapOptions): Promise<Float64Array> {
  const { dims, seed = 42, slicer = new Slicer(), onProgress = () => {} } = options;
  const neighbors = Math.min(options.neighbors ?? UMAP_NEIGHBORS, n - 1);
  if (neighbors < 2) throw new Error(userText('UMAP needs at least 3 points, got {count}', { count: n }));
  const epochs = options.epochs ?? umapEpochs(n);

  const knn = await exactKnn(unit, n, d, neighbors, slicer, (done) => onProgress({ stage: 'neighbours', fraction: done * NEIGHBOURS_SHARE }));
  onProgress({ stage: 'graph', fraction: NEIGHBOURS_SHARE });
  const rows = (a: Int32Array | Float32Array) => Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * neighbors, (i + 1) * neighbors)));
  const umap = new UMAP({ nComponents: dims, nNeighbors: neighbors, nEpochs: epochs, random: seededRandom(seed) });
  umap.setPrecomputedKNN(rows(knn.indices), rows(knn.distances));
  await slicer.tick();
  // The data rows themselves are only read by umap-js's `transform` (unused); it needs them to count points.
  const data = Array.from({ length: n }, (_, i) => Array.from(unit.subarray(i * d, (i + 1) * d)));
  umap.initializeFit(data);
  const layoutStart = NEIGHBOURS_SHARE + GRAPH_SHARE;
  for (let epoch = 0; epoch < epochs; epoch++) {
    onProgress({ stage: 'layout', fraction: layoutStart + (1 - layoutStart) * (epoch / epochs) });
    umap.step();
    await slicer.tick();
  }

  const embedding = umap.getEmbedding(); // [n][dims]
  const out = new Float64Array(n * dims);
  const mean = new Float64Array(dims);
  for (let i = 0; i < n; i++) for (let j = 0; j < dims; j++) mean[j] += embedding[i][j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < dims; j++) out[i * dims + j] = embedding[i][j] - mean[j];
  return out;
}
