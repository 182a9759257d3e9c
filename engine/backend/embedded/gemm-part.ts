/**
 * The threads' share of a matrix product. C's tiles are cut into strips along its longer side; every thread (the
 * main one and the workers, all running this code over the same packed operands) takes the next strip from a
 * shared counter until none is left, and computes it for every block of k with the WebAssembly `tiles` kernel.
 * Taking strips instead of a fixed half each means a thread slowed by another process on its core does not hold
 * up the product: the others take more strips. No synchronisation but the counter and "all done".
 */
import type { TilesFn } from './gemm-kernel.ts';
import { K_UNROLL } from './gemm-kernel.ts';

/** The fields of a part, in the order they travel through the shared control array. */
export const PART_FIELDS = ['ap', 'bp', 'cp', 'ldc', 'K', 'KC', 'aBlock', 'bBlock', 'ip0', 'ip1', 'jp0', 'jp1', 'mcp', 'strips', 'alongN'] as const;
export type Part = Record<(typeof PART_FIELDS)[number], number>;

export const paddedK = (k: number) => Math.ceil(k / K_UNROLL) * K_UNROLL;

/** Takes strips of `whole` from `counter` (slot 0) until they are all taken. */
export function runStrips(tiles: TilesFn, whole: Part, counter: Int32Array): void {
  const count = whole.alongN ? whole.jp1 : whole.ip1;
  for (let s = Atomics.add(counter, 0, 1); s < whole.strips; s = Atomics.add(counter, 0, 1)) {
    const from = Math.floor((count * s) / whole.strips);
    const to = Math.floor((count * (s + 1)) / whole.strips);
    runPart(tiles, whole.alongN ? { ...whole, jp0: from, jp1: to } : { ...whole, ip0: from, ip1: to });
  }
}

export function runPart(tiles: TilesFn, p: Part): void {
  if (p.ip0 >= p.ip1 || p.jp0 >= p.jp1) return;
  const blocks = Math.ceil(p.K / p.KC);
  for (let kb = 0; kb < blocks; kb++) {
    const kcp = paddedK(Math.min(p.KC, p.K - kb * p.KC));
    const ap = p.ap + kb * p.aBlock;
    const bp = p.bp + kb * p.bBlock;
    // A few panels of A (mcp·MR rows) stay in L2 while the B panels stream past them.
    for (let ib = p.ip0; ib < p.ip1; ib += p.mcp) tiles(ap, bp, p.cp, p.ldc, kcp, ib, Math.min(ib + p.mcp, p.ip1), p.jp0, p.jp1, kb > 0 ? 1 : 0);
  }
}

export function writePart(ctrl: Int32Array, offset: number, p: Part): void {
  if (offset + PART_FIELDS.length > ctrl.length) throw new Error('the GEMM control array is too short for a part');
  PART_FIELDS.forEach((f, i) => (ctrl[offset + i] = p[f]));
}

export function readPart(ctrl: Int32Array, offset: number): Part {
  return Object.fromEntries(PART_FIELDS.map((f, i) => [f, ctrl[offset + i]])) as Part;
}
