/**
 * Where the model's floats live: one buffer holding syn0 and syn1neg, then one region per thread for its
 * scratch vectors and private hot rows. One buffer because the SIMD kernels address everything by byte offset
 * inside a single WebAssembly.Memory; shared (SharedArrayBuffer) when Hogwild workers write into it.
 *   [ syn0 (V·dim) | syn1neg (V·dim) | thread 0: syn1hot (hotRows·dim), neu1 (dim), neu1e (dim) | thread 1: … ]
 */
import { jsKernels } from './kernels.ts';
import type { Kernels } from './kernels.ts';
import { simdAvailable, simdKernels } from './simd.ts';

/** 'simd': WebAssembly SIMD kernels (simd.ts); 'js': plain TypeScript loops (kernels.ts). */
export type KernelKind = 'js' | 'simd';

export interface Weights {
  kind: KernelKind;
  vocabSize: number;
  dim: number;
  hotRows: number;
  /** The WebAssembly memory for 'simd' (shared memories can be posted to workers); else undefined. */
  memory: WebAssembly.Memory | undefined;
  buffer: ArrayBuffer | SharedArrayBuffer;
}

export interface ThreadViews {
  /** [V, dim] each; shared between threads. */
  syn0: Float32Array;
  syn1neg: Float32Array;
  /** This thread's private copy of the first hotRows rows of syn1neg. [hotRows, dim] */
  syn1hot: Float32Array;
  /** Scratch vectors. [dim] each */
  neu1: Float32Array;
  neu1e: Float32Array;
}

const WASM_PAGE = 65536;
const MAX_WASM_BYTES = 65536 * WASM_PAGE; // 4 GiB, the 32-bit address space
/** Rows start on 16-byte boundaries when dim allows; regions always do (the SIMD loads prefer it). */
const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;
const threadBytes = (dim: number, hotRows: number) => align16(hotRows * dim * 4) + 2 * align16(dim * 4);

export function allocateWeights(o: { vocabSize: number; dim: number; threads: number; hotRows: number; kind: KernelKind }): Weights {
  const matrix = align16(o.vocabSize * o.dim * 4);
  const bytes = 2 * matrix + o.threads * threadBytes(o.dim, o.hotRows);
  const shared = o.threads > 1;
  // SIMD needs WebAssembly SIMD and a model under 4 GiB; otherwise the JS kernels do the same arithmetic.
  if (o.kind === 'simd' && simdAvailable && bytes <= MAX_WASM_BYTES) {
    const pages = Math.ceil(bytes / WASM_PAGE);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, ...(shared ? { shared: true } : {}) });
    return { ...o, kind: 'simd', memory, buffer: memory.buffer };
  }
  return { ...o, kind: 'js', memory: undefined, buffer: shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes) };
}

export function threadViews(w: Weights, thread: number): ThreadViews {
  const n = w.vocabSize * w.dim;
  const matrix = align16(n * 4);
  let at = 2 * matrix + thread * threadBytes(w.dim, w.hotRows);
  const take = (floats: number) => {
    const view = new Float32Array(w.buffer, at, floats);
    at += align16(floats * 4);
    return view;
  };
  return {
    syn0: new Float32Array(w.buffer, 0, n),
    syn1neg: new Float32Array(w.buffer, matrix, n),
    syn1hot: take(w.hotRows * w.dim),
    neu1: take(w.dim),
    neu1e: take(w.dim),
  };
}

/** Kernels for these weights (SIMD kernels are bound to their memory, so each thread makes its own). */
export const kernelsFor = (w: Weights): Kernels => (w.kind === 'simd' && w.memory ? simdKernels(w.memory) : jsKernels);
