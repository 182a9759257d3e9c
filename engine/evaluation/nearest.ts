/**
 * Brute-force nearest rows for a batch of query vectors: what an analogy benchmark spends its time on
 * (19,544 questions × 300,000 words × 300 dimensions is 1.8·10¹² multiply-adds). The rows are copied once as
 * unit vectors, zero-padded to a multiple of 4 floats, into WebAssembly memory, where a SIMD kernel (scores4.ts)
 * scores 4 queries at a time against blocks of rows that stay in cache. Plain JS loops where SIMD is missing.
 */
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { jsKernels } from '../models/word2vec/kernels.ts';
import { scores4Kernel } from './scores4.ts';

const WASM_PAGE = 65536;
const MAX_WASM_BYTES = 65535 * WASM_PAGE;
/** Rows scored against the whole batch before moving on (dim 300: 300 KB, in L2). */
const ROW_BLOCK = 256;

export class UnitRows {
  /** [rows, stride] unit-length copies of the first `rows` vectors (zero vectors stay zero), zero-padded. */
  readonly unit: Float32Array;
  /** [batch, stride] the queries of one batch; write query j at j * stride. */
  readonly queries: Float32Array;
  /** Floats per row: dim rounded up to a multiple of 4. */
  readonly stride: number;
  readonly dim: number;
  private readonly scores: Float32Array;
  private readonly kernel: ((q: number, rows: number, n: number, rowBytes: number, out: number) => void) | null;

  /** Whether the SIMD kernel is in use. */
  get simd(): boolean {
    return this.kernel !== null;
  }

  /** `batch` is rounded up to a multiple of 4. `simd: false` forces the JS loops (tests compare the two). */
  constructor(kv: KeyedVectors, readonly rows: number, batch: number, simd = true) {
    const dim = (this.dim = kv.dim);
    const stride = (this.stride = Math.ceil(dim / 4) * 4);
    batch = Math.ceil(batch / 4) * 4;
    const unitBytes = rows * stride * 4;
    const queryBytes = batch * stride * 4;
    const bytes = unitBytes + queryBytes + ROW_BLOCK * 4 * 4;
    const memory = simd && bytes <= MAX_WASM_BYTES ? new WebAssembly.Memory({ initial: Math.ceil(bytes / WASM_PAGE) }) : null;
    this.kernel = memory ? scores4Kernel(memory) : null;
    if (memory && this.kernel) {
      this.unit = new Float32Array(memory.buffer, 0, rows * stride);
      this.queries = new Float32Array(memory.buffer, unitBytes, batch * stride);
      this.scores = new Float32Array(memory.buffer, unitBytes + queryBytes, ROW_BLOCK * 4);
    } else {
      this.unit = new Float32Array(rows * stride);
      this.queries = new Float32Array(batch * stride);
      this.scores = new Float32Array(ROW_BLOCK * 4);
    }
    for (let i = 0; i < rows; i++) normalizeInto(kv.vectors, i * dim, this.unit, i * stride, dim);
  }

  /**
   * For queries 0..count-1 (already written into `queries`), the `k` rows with the largest dot product, best
   * first, skipping the rows listed in exclude[q * excludeWidth …]. Writes rows (-1 when fewer than k exist) into
   * outRows and scores into outScores, both [count, k].
   */
  top(count: number, k: number, exclude: Int32Array, excludeWidth: number, outRows: Int32Array, outScores: Float64Array): void {
    const { unit, queries, scores, stride, rows, kernel } = this;
    outRows.fill(-1, 0, count * k);
    outScores.fill(-Infinity, 0, count * k);
    for (let r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
      const n = Math.min(rows, r0 + ROW_BLOCK) - r0;
      for (let q0 = 0; q0 < count; q0 += 4) {
        const group = Math.min(4, count - q0);
        // scores[(r - r0) * 4 + j] = query (q0 + j) · row r
        if (kernel) kernel(queries.byteOffset + q0 * stride * 4, unit.byteOffset + r0 * stride * 4, n, stride * 4, scores.byteOffset);
        else {
          for (let r = 0; r < n; r++) {
            for (let j = 0; j < group; j++) scores[r * 4 + j] = jsKernels.dot(queries, (q0 + j) * stride, unit, (r0 + r) * stride, stride);
          }
        }
        for (let j = 0; j < group; j++) {
          const q = q0 + j;
          const base = q * k;
          const ex = q * excludeWidth;
          let worst = outScores[base + k - 1];
          for (let r = 0; r < n; r++) {
            const score = scores[r * 4 + j];
            if (score <= worst) continue;
            const row = r0 + r;
            let skip = false;
            for (let e = 0; e < excludeWidth; e++) if (exclude[ex + e] === row) skip = true;
            if (skip) continue;
            // Insert into the sorted top list (ties keep the earlier, i.e. more frequent, row first).
            let at = k - 1;
            while (at > 0 && outScores[base + at - 1] < score) {
              outScores[base + at] = outScores[base + at - 1];
              outRows[base + at] = outRows[base + at - 1];
              at--;
            }
            outScores[base + at] = score;
            outRows[base + at] = row;
            worst = outScores[base + k - 1];
          }
        }
      }
    }
  }
}

/** out[oo …] = v[vo …] / |v| over dim values (a zero vector stays zero). */
export function normalizeInto(v: Float32Array, vo: number, out: Float32Array, oo: number, dim: number): void {
  let norm = 0;
  for (let c = 0; c < dim; c++) norm += v[vo + c] * v[vo + c];
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let c = 0; c < dim; c++) out[oo + c] = v[vo + c] * inv;
}
