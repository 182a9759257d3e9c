/**
 * The inner loops of the matrix product: a WebAssembly SIMD module written as text (gemm-kernel.wat, compiled at build
 * time by scripts/build-wat.mjs), and the constants of its panel layout.
 *
 * The structure is the one every fast CPU GEMM uses (Goto & van de Geijn, "Anatomy of High-Performance Matrix
 * Multiplication", 2008; BLIS): both operands are first packed (gemm.ts) into thin panels — A into MR-row panels,
 * B into NR-column panels, each stored k-major so that one k step of a panel is MR (or NR) consecutive floats —
 * and a micro-kernel keeps an MR × NR block of C in registers while it walks k, loading NR/4 vectors of B and
 * broadcasting MR scalars of A per step (`v128.load32_splat`). WebAssembly SIMD has no fused multiply-add, so a
 * step is a multiply and an add per vector; MR × NR = 4 × 8 needs 8 accumulators + 2 B vectors + 1 broadcast, well
 * within x86-64's 16 vector registers. Measured here at 22–25 GFLOP/s a thread; 5 × 8, 6 × 8, 4 × 12 and 3 × 16
 * tiles measured the same, and relaxed SIMD's fused multiply-add (behind a flag in Node 20) gained ~5 %.
 *
 * `tiles` computes every tile (ip, jp) of a rectangle of panels for one block of k: C tile = A panel · B panel,
 * or C tile += … for the blocks after the first. C is MR-row × NR-column padded (gemm.ts), so every tile is whole.
 */
import { wasmBytes } from './gemm-kernel.wat.ts';

/** Rows of A per panel and columns of B per panel (gemm-kernel.wat is written for these and K_UNROLL). */
export const MR = 4;
export const NR = 8;
/** k per block: a B panel of KC × NR floats (8 KB) stays in L1 while A panels stream past it. */
export const KC = 256;
/** k steps per trip of the inner loop; packed panels are zero-padded to a multiple of it. */
export const K_UNROLL = 2;

/** The module's bytes (gemm-kernel.wat compiled at build time); it imports a shared memory as env.mem and exports `tiles`. */
export function gemmModuleBytes(): Uint8Array<ArrayBuffer> {
  return wasmBytes;
}

export type TilesFn = (ap: number, bp: number, cp: number, ldc: number, kcp: number, ip0: number, ip1: number, jp0: number, jp1: number, accumulate: number) => void;
