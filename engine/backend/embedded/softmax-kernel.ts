/**
 * The exponentials of softmax cross-entropy, four lanes at a time in WebAssembly SIMD. A language model's loss
 * takes exp of every logit twice a step (the log-sum-exp forward, the softmax in the gradient): 22 M calls of
 * Math.exp, ~10 ns each, was a quarter of a second a step. WebAssembly has no exp instruction: simd-math.ts has
 * Cephes' expf, four lanes at a time.
 *
 *   maxSum(z, rows, C, out): per row, out = [max, Σ exp(z − max)] (the caller adds log of the sum to the max)
 *   scaledExp(z, dst, rows, C, shift, scale): dst = scale[r] · exp(z − shift[r]), rows with scale 0 set to 0
 *
 * Row tails that do not fill a vector run through the same vector code with the value in every lane.
 */
import { F32, I32, V128, block, br, brIf, f32, f32x4, func, get, i32, ifElse, loop, moduleBytes, set, tee, v128 } from '../../wasm/asm.ts';
import { vexp } from './simd-math.ts';

function maxSumBody(): number[] {
  // Params: 0 z, 1 rows, 2 C, 3 out. Locals: 4 row, 5 p, 6 end4, 7 end (i32); 8 m, 9 s (f32); 10 acc, 11 x, 12 r, 13 n (v128).
  const [z, rows, C, out, row, p, end4, end, m, s, acc, x, r, n] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  const lanes = (op: number[]) => [...get(acc), ...f32x4.lane(0), ...get(acc), ...f32x4.lane(1), ...op, ...get(acc), ...f32x4.lane(2), ...op, ...get(acc), ...f32x4.lane(3), ...op];
  const overRow = (vectorBody: number[][], scalarBody: number[][]) => [
    ...get(z), ...get(row), ...get(C), ...i32.mul, ...i32.const(4), ...i32.mul, ...i32.add, ...set(p),
    ...block(loop([...get(p), ...get(end4), ...i32.geU, ...brIf(1)], ...vectorBody, [...get(p), ...i32.const(16), ...i32.add, ...set(p), ...br(0)])),
    ...block(loop([...get(p), ...get(end), ...i32.geU, ...brIf(1)], ...scalarBody, [...get(p), ...i32.const(4), ...i32.add, ...set(p), ...br(0)])),
  ];
  return func(
    [[4, I32], [2, F32], [4, V128]],
    [...i32.const(0), ...set(row)],
    block(
      loop(
        [...get(row), ...get(rows), ...i32.geU, ...brIf(1)],
        // end4 / end: the row's last whole vector and its end
        [...get(z), ...get(row), ...get(C), ...i32.mul, ...i32.const(4), ...i32.mul, ...i32.add, ...tee(end)],
        [...get(C), ...i32.const(-4), ...i32.and, ...i32.const(4), ...i32.mul, ...i32.add, ...set(end4)],
        [...get(end), ...get(C), ...i32.const(4), ...i32.mul, ...i32.add, ...set(end)],
        // max
        [...f32x4.const(-Infinity), ...set(acc)],
        overRow([[...get(acc), ...get(p), ...v128.load(), ...f32x4.max, ...set(acc)]], [[...get(acc), ...get(p), ...v128.load32Splat(), ...f32x4.max, ...set(acc)]]),
        [...lanes(f32.max), ...set(m)],
        // Σ exp(z − max)
        [...v128.zero, ...set(acc)],
        overRow(
          [[...get(p), ...v128.load(), ...get(m), ...f32x4.splat, ...f32x4.sub, ...set(x), ...get(acc), ...vexp(x, r, n), ...f32x4.add, ...set(acc)]],
          // A tail value sits in all four lanes: its exp is lane 0.
          [[...get(s), ...get(p), ...v128.load32Splat(), ...get(m), ...f32x4.splat, ...f32x4.sub, ...set(x), ...vexp(x, r, n), ...f32x4.lane(0), ...f32.add, ...set(s)]],
        ),
        [...get(out), ...get(row), ...i32.const(8), ...i32.mul, ...i32.add, ...get(m), ...f32.store(0)],
        [...get(out), ...get(row), ...i32.const(8), ...i32.mul, ...i32.add, ...lanes(f32.add), ...get(s), ...f32.add, ...f32.store(4)],
        [...f32.const(0), ...set(s)],
        [...get(row), ...i32.const(1), ...i32.add, ...set(row), ...br(0)],
      ),
    ),
  );
}

function scaledExpBody(): number[] {
  // Params: 0 z, 1 dst, 2 rows, 3 C, 4 shift, 5 scale. Locals: 6 row, 7 p, 8 q, 9 end4, 10 end (i32); 11 g (f32);
  // 12 x, 13 r, 14 n, 15 sh (v128).
  const [z, dst, rows, C, shift, scale, row, p, q, end4, end, g, x, r, n, sh] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
  const rowStart = (base: number) => [...get(base), ...get(row), ...get(C), ...i32.mul, ...i32.const(4), ...i32.mul, ...i32.add];
  const step = (bytes: number) => [...get(p), ...i32.const(bytes), ...i32.add, ...set(p), ...get(q), ...i32.const(bytes), ...i32.add, ...set(q)];
  return func(
    [[5, I32], [1, F32], [4, V128]],
    [...i32.const(0), ...set(row)],
    block(
      loop(
        [...get(row), ...get(rows), ...i32.geU, ...brIf(1)],
        [...rowStart(z), ...tee(p), ...get(C), ...i32.const(-4), ...i32.and, ...i32.const(4), ...i32.mul, ...i32.add, ...set(end4)],
        [...get(p), ...get(C), ...i32.const(4), ...i32.mul, ...i32.add, ...set(end)],
        [...rowStart(dst), ...set(q)],
        [...get(scale), ...get(row), ...i32.const(4), ...i32.mul, ...i32.add, ...f32.load(0), ...set(g)],
        [...get(shift), ...get(row), ...i32.const(4), ...i32.mul, ...i32.add, ...f32.load(0), ...f32x4.splat, ...set(sh)],
        ifElse(
          [...get(g), ...f32.const(0), ...f32.eq],
          [block(loop([...get(p), ...get(end), ...i32.geU, ...brIf(1)], [...get(q), ...f32.const(0), ...f32.store(0)], step(4), br(0)))],
          [
            block(loop([...get(p), ...get(end4), ...i32.geU, ...brIf(1)], [...get(q), ...get(p), ...v128.load(), ...get(sh), ...f32x4.sub, ...set(x), ...vexp(x, r, n), ...get(g), ...f32x4.splat, ...f32x4.mul, ...v128.store()], step(16), br(0))),
            block(loop([...get(p), ...get(end), ...i32.geU, ...brIf(1)], [...get(q), ...get(p), ...v128.load32Splat(), ...get(sh), ...f32x4.sub, ...set(x), ...vexp(x, r, n), ...f32x4.lane(0), ...get(g), ...f32.mul, ...f32.store(0)], step(4), br(0))),
          ],
        ),
        [...get(row), ...i32.const(1), ...i32.add, ...set(row), ...br(0)],
      ),
    ),
  );
}

export type MaxSumFn = (z: number, rows: number, C: number, out: number) => void;
export type ScaledExpFn = (z: number, dst: number, rows: number, C: number, shift: number, scale: number) => void;

export function softmaxModuleBytes(): Uint8Array<ArrayBuffer> {
  return moduleBytes(false, [
    { name: 'maxSum', params: [I32, I32, I32, I32], results: [], body: maxSumBody() },
    { name: 'scaledExp', params: [I32, I32, I32, I32, I32, I32], results: [], body: scaledExpBody() },
  ]);
}

/** The module instantiated on its own (growable, unshared) memory; operands are copied in, results out. */
export class SoftmaxWasm {
  private readonly memory = new WebAssembly.Memory({ initial: 1 });
  private readonly exports: { maxSum: MaxSumFn; scaledExp: ScaledExpFn };
  private heap = new Float32Array(this.memory.buffer);

  constructor() {
    const module = new WebAssembly.Module(softmaxModuleBytes());
    this.exports = new WebAssembly.Instance(module, { env: { mem: this.memory } }).exports as unknown as { maxSum: MaxSumFn; scaledExp: ScaledExpFn };
  }

  /** Whether rows × C logits fit in one WebAssembly memory (4 GiB) twice over, as the gradient needs. */
  fits(rows: number, C: number): boolean {
    return (2 * rows * C + 2 * rows) * 4 < 65535 * 65536;
  }

  /** Each row's log-sum-exp. z: rows × C. */
  logSumExp(z: Float32Array, rows: number, C: number): Float32Array {
    const out = rows * C;
    this.reserve(out + 2 * rows);
    this.heap.set(z, 0);
    this.exports.maxSum(0, rows, C, out * 4);
    const lse = new Float32Array(rows);
    for (let i = 0; i < rows; i++) lse[i] = this.heap[out + 2 * i] + Math.log(this.heap[out + 2 * i + 1]);
    return lse;
  }

  /** scale[r] · exp(z[r, c] − shift[r]) as a new rows × C array. */
  scaledExp(z: Float32Array, rows: number, C: number, shift: Float32Array, scale: Float32Array): Float32Array {
    const n = rows * C;
    this.reserve(2 * n + 2 * rows);
    this.heap.set(z, 0);
    this.heap.set(shift, 2 * n);
    this.heap.set(scale, 2 * n + rows);
    this.exports.scaledExp(0, n * 4, rows, C, 2 * n * 4, (2 * n + rows) * 4);
    return this.heap.slice(n, 2 * n);
  }

  private reserve(floats: number): void {
    const bytes = floats * 4;
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
    if (this.heap.buffer !== this.memory.buffer) this.heap = new Float32Array(this.memory.buffer);
  }
}
