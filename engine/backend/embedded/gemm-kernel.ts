/**
 * The inner loops of the matrix product, as a WebAssembly SIMD module assembled from opcodes (engine/wasm/asm.ts).
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
import { I32, V128, brIf, f32x4, func, get, i32, loop, moduleBytes, set, tee, v128, when } from '../../wasm/asm.ts';

/** Rows of A per panel and columns of B per panel. */
export const MR = 4;
export const NR = 8;
/** k per block: a B panel of KC × NR floats (8 KB) stays in L1 while A panels stream past it. */
export const KC = 256;
/** k steps per trip of the inner loop; packed panels are zero-padded to a multiple of it. */
export const K_UNROLL = 2;

const VEC = NR / 4; // B vectors per k step

function tilesBody(): number[] {
  // Parameters: 0 ap, 1 bp, 2 cp, 3 ldc (bytes), 4 kcp (k steps, a multiple of K_UNROLL), 5 ip0, 6 ip1, 7 jp0,
  // 8 jp1, 9 accumulate. Locals: 10 ip, 11 jp, 12 pa, 13 pb, 14 end, 15 c; 16 a; 17.. b vectors; then accumulators.
  const [ap, bp, cp, ldc, kcp, ip0, ip1, jp0, jp1, accumulate] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [ip, jp, pa, pb, end, c] = [10, 11, 12, 13, 14, 15];
  const a = 16;
  const b = (v: number) => 17 + v;
  const acc = (r: number, v: number) => 17 + VEC + r * VEC + v;
  const all: [number, number][] = [];
  for (let r = 0; r < MR; r++) for (let v = 0; v < VEC; v++) all.push([r, v]);

  const step = (u: number) => [
    ...Array.from({ length: VEC }, (_, v) => [...get(pb), ...v128.load((u * NR + v * 4) * 4), ...set(b(v))]).flat(),
    ...Array.from({ length: MR }, (_, r) => [
      ...get(pa),
      ...v128.load32Splat((u * MR + r) * 4),
      ...set(a),
      ...Array.from({ length: VEC }, (_, v) => [...get(acc(r, v)), ...get(a), ...get(b(v)), ...f32x4.mul, ...f32x4.add, ...set(acc(r, v))]).flat(),
    ]).flat(),
  ];

  const rowAddress = (r: number) => (r === 0 ? get(c) : [...get(c), ...get(ldc), ...i32.const(r), ...i32.mul, ...i32.add]);

  return func(
    [
      [6, I32],
      [1 + VEC + MR * VEC, V128],
    ],
    [...get(jp0), ...set(jp)],
    loop(
      [...get(ip0), ...set(ip)],
      loop(
        // pa = ap + ip·kcp·MR·4, pb = bp + jp·kcp·NR·4, end = pa + kcp·MR·4
        [...get(ap), ...get(ip), ...get(kcp), ...i32.mul, ...i32.const(MR * 4), ...i32.mul, ...i32.add, ...tee(pa)],
        [...get(kcp), ...i32.const(MR * 4), ...i32.mul, ...i32.add, ...set(end)],
        [...get(bp), ...get(jp), ...get(kcp), ...i32.mul, ...i32.const(NR * 4), ...i32.mul, ...i32.add, ...set(pb)],
        all.map(([r, v]) => [...v128.zero, ...set(acc(r, v))]).flat(),
        loop(
          Array.from({ length: K_UNROLL }, (_, u) => step(u)).flat(),
          [...get(pa), ...i32.const(K_UNROLL * MR * 4), ...i32.add, ...tee(pa)],
          [...get(pb), ...i32.const(K_UNROLL * NR * 4), ...i32.add, ...set(pb)],
          [...get(end), ...i32.ltU, ...brIf(0)],
        ),
        // c = cp + ip·MR·ldc + jp·NR·4
        [...get(cp), ...get(ip), ...i32.const(MR), ...i32.mul, ...get(ldc), ...i32.mul, ...i32.add, ...get(jp), ...i32.const(NR * 4), ...i32.mul, ...i32.add, ...set(c)],
        when(
          get(accumulate),
          all.map(([r, v]) => [...get(acc(r, v)), ...rowAddress(r), ...v128.load(v * 16), ...f32x4.add, ...set(acc(r, v))]).flat(),
        ),
        all.map(([r, v]) => [...rowAddress(r), ...get(acc(r, v)), ...v128.store(v * 16)]).flat(),
        [...get(ip), ...i32.const(1), ...i32.add, ...tee(ip), ...get(ip1), ...i32.ltU, ...brIf(0)],
      ),
      [...get(jp), ...i32.const(1), ...i32.add, ...tee(jp), ...get(jp1), ...i32.ltU, ...brIf(0)],
    ),
  );
}

/** The module's bytes; it imports a shared memory as env.mem and exports `tiles`. */
export function gemmModuleBytes(): Uint8Array<ArrayBuffer> {
  return moduleBytes(true, [{ name: 'tiles', params: new Array(10).fill(I32), results: [], body: tilesBody() }]);
}

export type TilesFn = (ap: number, bp: number, cp: number, ldc: number, kcp: number, ip0: number, ip1: number, jp0: number, jp1: number, accumulate: number) => void;
