/**
 * Additive attention's step in WebAssembly SIMD: the kernel is the WebAssembly text attention-kernel.wat (read it
 * for the arithmetic), compiled at build time by scripts/build-wat.mjs; this file instantiates it and copies
 * operands in and results out. additive-attention.ts is the op.
 *
 * A decoder attends to the same memory [B, S, M] and keys [B, S, A] at every step of a sentence batch, forward and
 * backward: they are copied into the module's memory once and reused while the same tensor data (its tfjs data id:
 * tfjs never writes into a tensor's values, it makes new data) is what is asked for. At the benchmark's shape that
 * saves 2.3 MB of copying per step.
 */
import { wasmBytes } from './attention-kernel.wat.ts';

type Fn = (...args: number[]) => void;

/** An input that may already be in the module's memory: its values, and the tfjs data id they belong to. */
export interface Resident {
  id: object;
  values: Float32Array;
}

/** Float offsets of every array, for one shape [B, S, A, M]; each starts on a 16-byte boundary. */
interface Layout {
  key: string;
  memory: number; keys: number; hidden: number; q: number; v: number; maskBias: number; weights: number; context: number;
  dWeights: number; dContext: number; dKeys: number; dQ: number; dV: number; dMemory: number; dScores: number;
  end: number;
}

function layoutOf(B: number, S: number, A: number, M: number): Layout {
  const sizes = {
    memory: B * S * M, keys: B * S * A, hidden: B * S * A, q: B * A, v: A, maskBias: B * S, weights: B * S, context: B * M,
    dWeights: B * S, dContext: B * M, dKeys: B * S * A, dQ: B * A, dV: A, dMemory: B * S * M, dScores: B * S,
  };
  const layout = { key: `${B},${S},${A},${M}` } as Layout;
  let at = 0;
  for (const [name, size] of Object.entries(sizes)) {
    (layout as unknown as Record<string, number>)[name] = at;
    at += Math.ceil(size / 4) * 4;
  }
  layout.end = at;
  return layout;
}

export class AttentionWasm {
  private readonly memory = new WebAssembly.Memory({ initial: 1 });
  private readonly exports: { forward: Fn; backward: Fn };
  private heap = new Float32Array(this.memory.buffer);
  private layout: Layout | null = null;
  /** The data ids whose values are in the memory and keys regions now. */
  private residentMemory: object | null = null;
  private residentKeys: object | null = null;

  constructor() {
    const module = new WebAssembly.Module(wasmBytes);
    this.exports = new WebAssembly.Instance(module, { env: { mem: this.memory } }).exports as unknown as { forward: Fn; backward: Fn };
  }

  /** Whether every array of one step fits in one WebAssembly memory (4 GiB). */
  fits(B: number, S: number, A: number, M: number): boolean {
    return layoutOf(B, S, A, M).end * 4 < 65535 * 65536;
  }

  /** keys [B, S, A], q [B, A], v [A], maskBias [B, S], memory [B, S, M] → hidden [B, S, A], weights [B, S], context [B, M]. */
  forward(B: number, S: number, A: number, M: number, keys: Resident, q: Float32Array, v: Float32Array, maskBias: Float32Array, memory: Resident) {
    const L = this.prepare(B, S, A, M);
    const heap = this.heap;
    if (this.residentKeys !== keys.id) {
      heap.set(keys.values, L.keys);
      this.residentKeys = keys.id;
    }
    this.place(memory);
    heap.set(q, L.q);
    heap.set(v, L.v);
    heap.set(maskBias, L.maskBias);
    this.exports.forward(L.keys * 4, L.q * 4, L.v * 4, L.maskBias * 4, L.memory * 4, L.hidden * 4, L.weights * 4, L.context * 4, B, S, A, M);
    return {
      hidden: heap.slice(L.hidden, L.hidden + B * S * A),
      weights: heap.slice(L.weights, L.weights + B * S),
      context: heap.slice(L.context, L.context + B * M),
    };
  }

  /** The gradients reaching weights [B, S] and context [B, M], and what the forward pass kept → every input's gradient. */
  backward(B: number, S: number, A: number, M: number, dWeights: Float32Array, dContext: Float32Array, v: Float32Array, memory: Resident, weights: Float32Array, hidden: Float32Array) {
    const L = this.prepare(B, S, A, M);
    const heap = this.heap;
    this.place(memory);
    heap.set(dWeights, L.dWeights);
    heap.set(dContext, L.dContext);
    heap.set(v, L.v);
    heap.set(weights, L.weights);
    heap.set(hidden, L.hidden);
    this.exports.backward(L.dWeights * 4, L.dContext * 4, L.v * 4, L.memory * 4, L.weights * 4, L.hidden * 4, L.dKeys * 4, L.dQ * 4, L.dV * 4, L.dMemory * 4, L.dScores * 4, B, S, A, M);
    return {
      dKeys: heap.slice(L.dKeys, L.dKeys + B * S * A),
      dQ: heap.slice(L.dQ, L.dQ + B * A),
      dV: heap.slice(L.dV, L.dV + A),
      dMemory: heap.slice(L.dMemory, L.dMemory + B * S * M),
      dScores: heap.slice(L.dScores, L.dScores + B * S),
    };
  }

  private place(memory: Resident): void {
    if (this.residentMemory === memory.id) return;
    this.heap.set(memory.values, this.layout!.memory);
    this.residentMemory = memory.id;
  }

  /** The layout for this shape, with room for it; a new shape forgets what was resident. */
  private prepare(B: number, S: number, A: number, M: number): Layout {
    const key = `${B},${S},${A},${M}`;
    if (this.layout?.key !== key) {
      this.layout = layoutOf(B, S, A, M);
      this.residentMemory = this.residentKeys = null;
      const bytes = this.layout.end * 4;
      const have = this.memory.buffer.byteLength;
      if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
      if (this.heap.buffer !== this.memory.buffer) this.heap = new Float32Array(this.memory.buffer);
    }
    return this.layout;
  }
}
