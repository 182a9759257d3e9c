/**
 * The exponentials of softmax cross-entropy, four lanes at a time in WebAssembly SIMD. A language model's loss
 * takes exp of every logit twice a step (the log-sum-exp forward, the softmax in the gradient): 22 M calls of
 * Math.exp, ~10 ns each, was a quarter of a second a step. WebAssembly has no exp instruction: simd-math.wat has
 * Cephes' expf, four lanes at a time. The kernel is the WebAssembly text softmax-kernel.wat, compiled at build time
 * by scripts/build-wat.mjs; this file instantiates it and copies operands in and results out.
 *
 *   maxSum(z, rows, C, out): per row, out = [max, Σ exp(z − max)] (the caller adds log of the sum to the max)
 *   scaledExp(z, dst, rows, C, shift, scale): dst = scale[r] · exp(z − shift[r]), rows with scale 0 set to 0
 *
 * Row tails that do not fill a vector run through the same vector code with the value in every lane.
 */
import { wasmBytes } from './softmax-kernel.wat.ts';

export type MaxSumFn = (z: number, rows: number, C: number, out: number) => void;
export type ScaledExpFn = (z: number, dst: number, rows: number, C: number, shift: number, scale: number) => void;

/** The module instantiated on its own (growable, unshared) memory; operands are copied in, results out. */
export class SoftmaxWasm {
  private readonly memory = new WebAssembly.Memory({ initial: 1 });
  private readonly exports: { maxSum: MaxSumFn; scaledExp: ScaledExpFn };
  private heap = new Float32Array(this.memory.buffer);

  constructor() {
    const module = new WebAssembly.Module(wasmBytes);
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
