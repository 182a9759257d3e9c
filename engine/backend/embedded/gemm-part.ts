/**
 * The threads' share of a matrix product. C's tiles are cut into strips along its longer side; every thread (the
 * main one and the workers, all running this code over the same shared memory) takes the next strip from a shared
 * counter until none is left, packs that strip's panels of the operand C is split along (from its raw copy in the
 * memory; the other operand is packed before the threads start), and computes the strip for every block of k with
 * the WebAssembly `tiles` kernel.
 * Taking strips instead of a fixed half each means a thread slowed by another process on its core does not hold
 * up the product: the others take more strips. No synchronisation but the counter and "all done".
 */
import type { TilesFn } from './gemm-kernel.ts';
import { K_UNROLL, KC, MR, NR } from './gemm-kernel.ts';

/** The fields of a part, in the order they travel through the shared control array. */
export const PART_FIELDS = ['ap', 'bp', 'cp', 'ldc', 'K', 'KC', 'aBlock', 'bBlock', 'ip0', 'ip1', 'jp0', 'jp1', 'mcp', 'strips', 'alongN', 'raw', 'lines', 'lineStride', 'kStride'] as const;
export type Part = Record<(typeof PART_FIELDS)[number], number>;

export const paddedK = (k: number) => Math.ceil(k / K_UNROLL) * K_UNROLL;

/** Takes strips of `whole` from `counter` (slot 0) until they are all taken. `heap`: the memory as floats. */
export function runStrips(tiles: TilesFn, whole: Part, counter: Int32Array, heap: Float32Array): void {
  const count = whole.alongN ? whole.jp1 : whole.ip1;
  for (let s = Atomics.add(counter, 0, 1); s < whole.strips; s = Atomics.add(counter, 0, 1)) {
    const from = Math.floor((count * s) / whole.strips);
    const to = Math.floor((count * (s + 1)) / whole.strips);
    if (whole.raw) {
      const lanes = whole.alongN ? NR : MR;
      const layout = { lineStride: whole.lineStride, kStride: whole.kStride };
      packPanels(heap, (whole.alongN ? whole.bp : whole.ap) / 4, heap, whole.raw, whole.lines, whole.K, layout, from, to, count, lanes);
    }
    runPart(tiles, whole.alongN ? { ...whole, jp0: from, jp1: to } : { ...whole, ip0: from, ip1: to });
  }
}

/** Where A[i, k] is in A's array (m × k, or k × m when transposed): i·lineStride + k·kStride. */
export const aLayout = (m: number, k: number, transposed: boolean) => ({ lineStride: transposed ? 1 : k, kStride: transposed ? m : 1 });
/** Where B[k, j] is in B's array (k × n, or n × k when transposed): j·lineStride + k·kStride. */
export const bLayout = (n: number, k: number, transposed: boolean) => ({ lineStride: transposed ? k : 1, kStride: transposed ? 1 : n });

/**
 * Packs panels [p0, p1) of an operand into the layout the kernel reads: block kb (of KC k steps), panel p holds,
 * for each k step of the block, the `lanes` values of lines p·lanes … p·lanes + lanes − 1 (A's rows or B's
 * columns) — at off + kb·panels·lanes·KC + p·kcp·lanes, kcp being the block's k steps padded to K_UNROLL. Lines
 * past the end and the padding steps are zeros. `src[srcOff + line·lineStride + k·kStride]` is the value.
 */
export function packPanels(heap: Float32Array, off: number, src: ArrayLike<number>, srcOff: number, lines: number, k: number, layout: { lineStride: number; kStride: number }, p0: number, p1: number, panels: number, lanes: number): void {
  const { lineStride, kStride } = layout;
  for (let k0 = 0; k0 < k; k0 += KC) {
    const kc = Math.min(KC, k - k0);
    const kcp = paddedK(kc);
    for (let p = p0; p < p1; p++) {
      let o = off + (k0 / KC) * panels * lanes * KC + p * kcp * lanes;
      const first = p * lanes;
      const valid = Math.min(lanes, lines - first);
      const start = srcOff + first * lineStride + k0 * kStride;
      if (valid === lanes) {
        for (let kk = 0; kk < kc; kk++) {
          const s = start + kk * kStride;
          for (let l = 0; l < lanes; l++) heap[o++] = src[s + l * lineStride];
        }
      } else {
        for (let kk = 0; kk < kc; kk++) {
          const s = start + kk * kStride;
          for (let l = 0; l < lanes; l++) heap[o++] = l < valid ? src[s + l * lineStride] : 0;
        }
      }
      heap.fill(0, o, o + (kcp - kc) * lanes); // the unrolled loop's padding steps
    }
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
