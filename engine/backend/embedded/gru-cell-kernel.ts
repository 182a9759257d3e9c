/**
 * A GRU cell's step (PyTorch's GRUCell: the reset gate after the recurrent product) in WebAssembly SIMD: the kernel
 * is the WebAssembly text gru-cell-kernel.wat (read it for the arithmetic), compiled at build time by
 * scripts/build-wat.mjs; this file instantiates it and copies operands in and results out. gru-cell.ts is the op.
 */
import { wasmBytes } from './gru-cell-kernel.wat.ts';

type Fn = (...args: number[]) => void;

export class GruCellWasm {
  private readonly memory = new WebAssembly.Memory({ initial: 1 });
  private readonly exports: { forward: Fn; backward: Fn };
  private heap = new Float32Array(this.memory.buffer);

  constructor() {
    const module = new WebAssembly.Module(wasmBytes);
    this.exports = new WebAssembly.Instance(module, { env: { mem: this.memory } }).exports as unknown as { forward: Fn; backward: Fn };
  }

  /** Whether one step's arrays fit in one WebAssembly memory (4 GiB). */
  fits(B: number, H: number): boolean {
    return 15 * B * H * 4 < 65535 * 65536;
  }

  /** gi, gh [B, 3H], h [B, H] → gates [B, 3H] (r, z, n) and h' [B, H]. */
  forward(B: number, H: number, gi: Float32Array, gh: Float32Array, h: Float32Array) {
    const n3 = 3 * B * H, n = B * H;
    // Float offsets: gi | gh | h | gates | out
    const heap = this.reserve(3 * n3 + 2 * n);
    heap.set(gi, 0);
    heap.set(gh, n3);
    heap.set(h, 2 * n3);
    this.exports.forward(0, n3 * 4, 2 * n3 * 4, (2 * n3 + n) * 4, (3 * n3 + n) * 4, B, H);
    return { gates: heap.slice(2 * n3 + n, 3 * n3 + n), out: heap.slice(3 * n3 + n, 3 * n3 + 2 * n) };
  }

  /** dy [B, H] (reaching h'), gh [B, 3H], h [B, H], gates [B, 3H] → dgi, dgh [B, 3H] and dh [B, H]. */
  backward(B: number, H: number, dy: Float32Array, gh: Float32Array, h: Float32Array, gates: Float32Array) {
    const n3 = 3 * B * H, n = B * H;
    // Float offsets: dy | gh | h | gates | dgi | dgh | dh
    const heap = this.reserve(4 * n3 + 3 * n);
    heap.set(dy, 0);
    heap.set(gh, n);
    heap.set(h, n + n3);
    heap.set(gates, 2 * n + n3);
    const dgi = 2 * n + 2 * n3, dgh = 2 * n + 3 * n3, dh = 2 * n + 4 * n3;
    this.exports.backward(0, n * 4, (n + n3) * 4, (2 * n + n3) * 4, dgi * 4, dgh * 4, dh * 4, B, H);
    return { dgi: heap.slice(dgi, dgi + n3), dgh: heap.slice(dgh, dgh + n3), dh: heap.slice(dh, dh + n) };
  }

  private reserve(floats: number): Float32Array {
    const have = this.memory.buffer.byteLength;
    if (floats * 4 > have) this.memory.grow(Math.ceil((floats * 4 - have) / 65536));
    if (this.heap.buffer !== this.memory.buffer) this.heap = new Float32Array(this.memory.buffer);
    return this.heap;
  }
}
