/**
 * WebAssembly SIMD versions of the fused training kernels of learn-kernels.ts (same semantics; read that file
 * first). The module is generated for one vector size: every row operation is unrolled into straight-line code
 * with constant offsets (dim ≤ 1000 gives at most a few kB per function), including the scalar tail for
 * dim % 4, and the sigmoid tables are read from the weights memory (weights.ts writes them there). The dot
 * product keeps four 4-lane partial sums, so consecutive multiply-adds do not wait for each other; like BLAS's
 * sdot it sums in float32.
 */
import type { LearnKernels } from './learn-kernels.ts';
import { APPLY_E, EXP_SCALE, EXP_TABLE_SIZE, MAX_EXP, NEG_LOG_SIGMOID, SIGMOID, SKIP_OUTSIDE, ZERO_E } from './learn-kernels.ts';
import {
  F32, I32, V128, block, br, brIf, f32, f32x4, f64, func, get, i32, ifElse, isShared, loop, moduleBytes, set, tee, v128, when,
} from '../../wasm/asm.ts';

/**
 * Each table has one guard entry: in float32, (f + MAX_EXP) · EXP_SCALE can round up to EXP_TABLE_SIZE for the
 * largest f below MAX_EXP.
 */
const TABLE_STRIDE = EXP_TABLE_SIZE + 1;
/** Floats the sigmoid tables take in the weights buffer. */
export const SIGMOID_TABLE_FLOATS = 2 * TABLE_STRIDE;

/** Writes σ and -log σ (float32) at `tables` (4-byte units) of the buffer. [SIGMOID_TABLE_FLOATS] */
export function writeSigmoidTables(buffer: ArrayBufferLike, tables: number): void {
  const view = new Float32Array(buffer, tables * 4, SIGMOID_TABLE_FLOATS);
  view.set(SIGMOID);
  view[EXP_TABLE_SIZE] = SIGMOID[EXP_TABLE_SIZE - 1];
  view.set(NEG_LOG_SIGMOID, TABLE_STRIDE);
  view[TABLE_STRIDE + EXP_TABLE_SIZE] = NEG_LOG_SIGMOID[EXP_TABLE_SIZE - 1];
}

const shl2 = [...i32.const(2), ...i32.shl];

/**
 * Straight-line code over one row of `dim` floats: `vector(offset)` for each 16 bytes, `scalar(offset)` for each
 * of the dim % 4 floats left. Offsets are constants (memory-instruction immediates added to the row address), so
 * there is no loop, no counter and no branch: the vector size is fixed per module.
 */
function rowCode(dim: number) {
  const bytes = (dim >> 2) * 16;
  const forRow = (vector: (offset: number) => number[], scalar: (offset: number) => number[]) => [
    ...Array.from({ length: bytes / 16 }, (_, v) => vector(16 * v)).flat(),
    ...Array.from({ length: dim & 3 }, (_, t) => scalar(bytes + 4 * t)).flat(),
  ];
  /** dst += src (row addresses in locals). */
  const addInto = (dst: number, src: number) =>
    forRow(
      (o) => [...get(dst), ...get(dst), ...v128.load(o), ...get(src), ...v128.load(o), ...f32x4.add, ...v128.store(o)],
      (o) => [...get(dst), ...get(dst), ...f32.load(o), ...get(src), ...f32.load(o), ...f32.add, ...f32.store(o)],
    );
  const zero = (dst: number) => forRow((o) => [...get(dst), ...v128.zero, ...v128.store(o)], (o) => [...get(dst), ...f32.const(0), ...f32.store(o)]);
  return { bytes, forRow, addInto, zero };
}

/** learn(h, e, targets, labels, n, alpha, flags, loss). See LearnKernels.learn. */
function learnFunction(dim: number, tablesByte: number) {
  // Parameters, then locals.
  const [h, e, targets, labels, n, alpha, flags, lossAt] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [k, u, idx] = [8, 9, 10];
  const [f, g, label, s, loss] = [11, 12, 13, 14, 15];
  const [gv, uv] = [16, 17];
  const acc = [18, 19, 20, 21];
  const row = rowCode(dim);
  const vectors = row.bytes / 16;

  // u·h with four partial sums, so each multiply-add waits only for the one four vectors back.
  const used = Math.min(4, vectors);
  const dot = [
    ...Array.from({ length: vectors }, (_, v) => {
      const product = [...get(h), ...v128.load(16 * v), ...get(u), ...v128.load(16 * v), ...f32x4.mul];
      const a = acc[v % 4];
      return v < 4 ? [...product, ...set(a)] : [...get(a), ...product, ...f32x4.add, ...set(a)];
    }).flat(),
    ...(used === 0
      ? f32.const(0)
      : [
          ...get(acc[0]),
          ...(used > 1 ? [...get(acc[1]), ...f32x4.add] : []),
          ...(used > 2 ? [...get(acc[2]), ...(used > 3 ? [...get(acc[3]), ...f32x4.add] : []), ...f32x4.add] : []),
          ...set(acc[0]),
          ...get(acc[0]), ...f32x4.lane(0), ...get(acc[0]), ...f32x4.lane(1), ...f32.add,
          ...get(acc[0]), ...f32x4.lane(2), ...get(acc[0]), ...f32x4.lane(3), ...f32.add, ...f32.add,
        ]),
    ...set(f),
    ...Array.from({ length: dim & 3 }, (_, t) => [...get(f), ...get(h), ...f32.load(row.bytes + 4 * t), ...get(u), ...f32.load(row.bytes + 4 * t), ...f32.mul, ...f32.add, ...set(f)]).flat(),
  ];
  const addLoss = (term: number[]) => [...get(loss), ...term, ...f32.add, ...set(loss)];
  const oneMinusLabelTimesF = [...f32.const(1), ...get(label), ...f32.sub, ...get(f), ...f32.mul];
  /** Inside the sigmoid branches: leave the row (br to the end of its block) when flags has SKIP_OUTSIDE. */
  const skipOutside = (depth: number) => when([...get(flags), ...i32.const(SKIP_OUTSIDE), ...i32.and], br(depth));
  // σ(f) into s and the loss term, as learn-kernels.ts: clamped outside ±MAX_EXP, else from the tables.
  const sigmoidAndLoss = ifElse(
    [...get(f), ...f32.const(MAX_EXP), ...f32.ge],
    [addLoss(oneMinusLabelTimesF), skipOutside(2), f32.const(1), set(s)],
    [
      ifElse(
        [...get(f), ...f32.const(-MAX_EXP), ...f32.le],
        [addLoss([...get(label), ...f32.neg, ...get(f), ...f32.mul]), skipOutside(3), f32.const(0), set(s)],
        [
          // Saturating conversion: a NaN (a diverged run) reads entry 0 instead of trapping.
          get(f), f32.const(MAX_EXP), f32.add, f32.const(EXP_SCALE), f32.mul, i32.truncSatF32, shl2, set(idx),
          get(idx), f32.load(tablesByte), set(s),
          addLoss([...get(idx), ...f32.load(tablesByte + 4 * TABLE_STRIDE), ...oneMinusLabelTimesF, ...f32.add]),
        ],
      ),
    ],
  );
  // e += g·u, then u += g·h (u read once for both).
  const step = [
    ...get(label), ...get(s), ...f32.sub, ...get(alpha), ...f32.mul, ...set(g), ...get(g), ...f32x4.splat, ...set(gv),
    ...row.forRow(
      (o) => [
        ...get(u), ...v128.load(o), ...set(uv),
        ...get(e), ...get(e), ...v128.load(o), ...get(gv), ...get(uv), ...f32x4.mul, ...f32x4.add, ...v128.store(o),
        ...get(u), ...get(uv), ...get(gv), ...get(h), ...v128.load(o), ...f32x4.mul, ...f32x4.add, ...v128.store(o),
      ],
      (o) => [
        ...get(e), ...get(e), ...f32.load(o), ...get(g), ...get(u), ...f32.load(o), ...f32.mul, ...f32.add, ...f32.store(o),
        ...get(u), ...get(u), ...f32.load(o), ...get(g), ...get(h), ...f32.load(o), ...f32.mul, ...f32.add, ...f32.store(o),
      ],
    ),
  ];
  return func(
    [[3, I32], [5, F32], [6, V128]],
    // Addresses come in 4-byte units.
    [...get(h), ...shl2, ...set(h), ...get(e), ...shl2, ...set(e), ...get(targets), ...shl2, ...set(targets), ...get(labels), ...shl2, ...set(labels)],
    when([...get(flags), ...i32.const(ZERO_E), ...i32.and], row.zero(e)),
    block(loop(
      get(k), get(n), i32.geU, brIf(1),
      block(
        get(targets), get(k), shl2, i32.add, i32.load(), shl2, set(u),
        get(labels), get(k), shl2, i32.add, f32.load(), set(label),
        dot, sigmoidAndLoss, step,
      ),
      get(k), i32.const(1), i32.add, set(k), br(0),
    )),
    when([...get(flags), ...i32.const(APPLY_E), ...i32.and], row.addInto(h, e)),
    [...get(lossAt), ...shl2, ...tee(lossAt), ...get(lossAt), ...f64.load(), ...get(loss), ...f64.promoteF32, ...f64.add, ...f64.store()],
  );
}

/** mean(out, rows, n) and spread(e, rows, n). */
function listFunctions(dim: number) {
  const [out, rows, n] = [0, 1, 2];
  const [k, r] = [3, 4];
  const row = rowCode(dim);
  const forRows = (body: number[][]) => [
    ...get(rows), ...shl2, ...set(rows),
    ...block(loop(get(k), get(n), i32.geU, brIf(1), get(rows), get(k), shl2, i32.add, i32.load(), shl2, set(r), ...body, get(k), i32.const(1), i32.add, set(k), br(0))),
  ];
  const inv = 5, scale = 6;
  const mean = func(
    [[2, I32], [1, F32], [1, V128]],
    [...get(out), ...shl2, ...set(out)],
    row.zero(out),
    forRows([row.addInto(out, r)]),
    [...f32.const(1), ...get(n), ...f32.convertI32, ...f32.div, ...set(inv), ...get(inv), ...f32x4.splat, ...set(scale)],
    row.forRow(
      (o) => [...get(out), ...get(out), ...v128.load(o), ...get(scale), ...f32x4.mul, ...v128.store(o)],
      (o) => [...get(out), ...get(out), ...f32.load(o), ...get(inv), ...f32.mul, ...f32.store(o)],
    ),
  );
  const e = out;
  const spread = func([[2, I32]], [...get(e), ...shl2, ...set(e)], forRows([row.addInto(r, e)]));
  return { mean, spread };
}

function learnModule(dim: number, tablesByte: number, shared: boolean): Uint8Array<ArrayBuffer> {
  const { mean, spread } = listFunctions(dim);
  return moduleBytes(shared, [
    { name: 'learn', params: [I32, I32, I32, I32, I32, F32, I32, I32], results: [], body: learnFunction(dim, tablesByte) },
    { name: 'mean', params: [I32, I32, I32], results: [], body: mean },
    { name: 'spread', params: [I32, I32, I32], results: [], body: spread },
  ]);
}

const compiled = new Map<string, WebAssembly.Module>();

/** Kernels on `memory` for rows of `dim` floats, with the sigmoid tables at `tables` (4-byte units). */
export function simdLearnKernels(memory: WebAssembly.Memory, dim: number, tables: number): LearnKernels {
  const shared = isShared(memory);
  const key = `${dim} ${tables} ${shared}`;
  let module = compiled.get(key);
  if (!module) compiled.set(key, (module = new WebAssembly.Module(learnModule(dim, tables * 4, shared))));
  return new WebAssembly.Instance(module, { env: { mem: memory } }).exports as unknown as LearnKernels;
}
