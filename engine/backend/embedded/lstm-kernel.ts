/**
 * The LSTM's gate math for one time step, four lanes at a time in WebAssembly SIMD. The kernel is the WebAssembly
 * text lstm-kernel.wat (read it for the arithmetic), compiled at build time by scripts/build-wat.mjs into
 * lstm-kernel.wat.ts; this file instantiates it, and lstm-sequence.ts runs the steps and the matrix products. In
 * JavaScript the three sigmoids and two tanhs of every unit and step took ~115 ns per unit — a third of the fused
 * forward pass; here ~10 (simd-math.wat).
 *
 *   forward(z, hu, c, h, gates, mask, B, H): z and hu [B, 4H] (x·W + b and h·U), c and h [B, H] updated in place,
 *     gates [B, 4H] written (after their activations), mask [B] (0 = padding)
 *   backward(dh, dc, gates, c, cPrev, mask, dz, through, B, H): dh [B, H] the gradient reaching h after the step,
 *     dc [B, H] updated in place, dz [B, 4H] written (pre-activation gradients), through [B, H] written (what
 *     padded rows pass back unchanged, 0 elsewhere)
 *
 * H must be a multiple of 4 (lstm-sequence.ts keeps plain JS otherwise). Pointers are byte offsets.
 */
import { wasmBytes } from './lstm-kernel.wat.ts';

type Fn = (...pointers: number[]) => void;

/** The module on its own growable memory; lstm-sequence.ts lays out its arrays in it. */
export class LstmWasm {
  readonly memory = new WebAssembly.Memory({ initial: 1 });
  readonly forward: Fn;
  readonly backward: Fn;
  heap = new Float32Array(this.memory.buffer);

  constructor() {
    const module = new WebAssembly.Module(wasmBytes);
    const exports = new WebAssembly.Instance(module, { env: { mem: this.memory } }).exports as unknown as { forward: Fn; backward: Fn };
    this.forward = exports.forward;
    this.backward = exports.backward;
  }

  /** Makes room for `floats` floats (zeroed where newly grown); returns the heap view. */
  reserve(floats: number): Float32Array {
    const have = this.memory.buffer.byteLength;
    if (floats * 4 > have) this.memory.grow(Math.ceil((floats * 4 - have) / 65536));
    if (this.heap.buffer !== this.memory.buffer) this.heap = new Float32Array(this.memory.buffer);
    return this.heap;
  }
}
