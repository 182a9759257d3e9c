/**
 * Exact k nearest neighbours by cosine, for UMAP's graph. umap-js would find them with NN-descent, which is
 * approximate and runs in one synchronous block (~9 s for 10 000 word vectors here, the engine deaf all along);
 * this brute-force pass is exact and yields every few tens of milliseconds. Each pair is scored once (j > i) and
 * offered to both rows' lists: n²·d/2 multiply-adds (10 000 × 100: 5·10⁹), with the WebAssembly SIMD dot product
 * of the word2vec kernels (simd.ts) where the runtime has it, plain JS otherwise.
 */
import { jsKernels } from '../models/word2vec/kernels.ts';
import type { Kernels } from '../models/word2vec/kernels.ts';
import { simdAvailable, simdKernels } from '../models/word2vec/simd.ts';
import { Slicer } from './slices.ts';

const WASM_PAGE = 65536;
const MAX_WASM_BYTES = 65535 * WASM_PAGE;
/** Bytes of one tile of rows (two tiles are read at a time: well inside a 256 KB L2 cache). */
const TILE_BYTES = 48 * 1024;

export interface Knn {
  /** Neighbour rows, nearest first; each row's first neighbour is itself (UMAP expects that). [n, k] */
  indices: Int32Array;
  /** Euclidean distances between the unit vectors, √(2 − 2·cos). [n, k] */
  distances: Float32Array;
}

/**
 * @param unit Unit-length rows, row-major [n, d]
 * @param k Neighbours per row, counting the row itself
 * @param onProgress The share of the pairs scored so far, after each tile of rows
 */
export async function exactKnn(unit: Float32Array, n: number, d: number, k: number, slicer = new Slicer(), onProgress?: (done: number) => void): Promise<Knn> {
  if (k > n) throw new Error(`exactKnn: ${k} neighbours of ${n} points`);
  // Per row, the best k cosines so far, sorted descending. [n, k]
  const best = new Float32Array(n * k).fill(-Infinity);
  const indices = new Int32Array(n * k).fill(-1);
  const offer = (row: number, j: number, score: number) => {
    const o = row * k;
    if (score <= best[o + k - 1]) return;
    let at = k - 1;
    while (at > 0 && best[o + at - 1] < score) {
      best[o + at] = best[o + at - 1];
      indices[o + at] = indices[o + at - 1];
      at--;
    }
    best[o + at] = score;
    indices[o + at] = j;
  };
  const { rows, kernels } = kernelRows(unit);
  for (let i = 0; i < n; i++) offer(i, i, Infinity); // itself first, whatever rounding says about cos(x, x)
  // Tiles of rows that stay in cache: reading every row j once per row i streams n²·d·2 bytes from memory
  // (10 000 × 100: 20 GB), which costs more than the arithmetic.
  const tile = Math.max(16, Math.floor(TILE_BYTES / (d * 4)));
  for (let i0 = 0; i0 < n; i0 += tile) {
    const i1 = Math.min(n, i0 + tile);
    for (let j0 = i0; j0 < n; j0 += tile) {
      const j1 = Math.min(n, j0 + tile);
      for (let i = i0; i < i1; i++) {
        const oi = i * d;
        for (let j = Math.max(j0, i + 1); j < j1; j++) {
          const score = kernels.dot(rows, oi, rows, j * d, d);
          if (score > best[i * k + k - 1]) offer(i, j, score);
          if (score > best[j * k + k - 1]) offer(j, i, score);
        }
      }
      await slicer.tick();
    }
    // Tiles of rows i ≥ i1 are left: (n − i1)² / n² of the pairs.
    onProgress?.(1 - ((n - i1) / n) ** 2);
  }
  const distances = new Float32Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let m = 0; m < k; m++) {
      const score = best[r * k + m];
      distances[r * k + m] = indices[r * k + m] === r ? 0 : Math.sqrt(Math.max(0, 2 - 2 * score));
    }
  }
  return { indices, distances };
}

/** The rows where the fastest available dot product can read them: a copy in WebAssembly memory for SIMD. */
function kernelRows(unit: Float32Array): { rows: Float32Array; kernels: Kernels } {
  const bytes = unit.length * 4;
  if (!simdAvailable || bytes > MAX_WASM_BYTES) return { rows: unit, kernels: jsKernels };
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / WASM_PAGE)) });
  const rows = new Float32Array(memory.buffer, 0, unit.length);
  rows.set(unit);
  return { rows, kernels: simdKernels(memory) };
}
