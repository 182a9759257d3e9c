/**
 * A WebAssembly SIMD kernel for the analogy benchmark's hot loop: the dot products of 4 queries with a block of
 * rows. Loading each row once for 4 queries and keeping 4 independent accumulators (instead of one dependent chain
 * per dot product) is ~2.5× the throughput of calling the word2vec `dot` kernel per (query, row).
 *
 *   scores4(q, rows, n, rowBytes, out): for r < n, j < 4: out[r·4 + j] = Σ_c q_j[c] · row_r[c]   (float32 sums)
 *   q_j starts at q + j·rowBytes; row_r at rows + r·rowBytes; rowBytes is a multiple of 16 (rows are zero-padded).
 *
 * The kernel is the WebAssembly text scores4.wat, compiled at build time by scripts/build-wat.mjs; this file
 * instantiates it.
 */
import { wasmBytes } from './scores4.wat.ts';

let compiled: WebAssembly.Module | null | undefined;

/** The kernel over `memory`, or null where WebAssembly SIMD is missing. Addresses are byte offsets in `memory`. */
export function scores4Kernel(memory: WebAssembly.Memory): ((q: number, rows: number, n: number, rowBytes: number, out: number) => void) | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(wasmBytes);
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  return (new WebAssembly.Instance(compiled, { env: { mem: memory } }).exports as { scores4: (q: number, rows: number, n: number, rowBytes: number, out: number) => void }).scores4;
}
