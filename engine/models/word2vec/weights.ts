/**
 * Where the model's numbers live: one buffer holding every matrix and list the training kernels touch, then one
 * region per thread for its scratch. One buffer because the kernels address everything by offset (4-byte units)
 * inside it — for the SIMD kernels it is a WebAssembly.Memory — and shared (SharedArrayBuffer) when Hogwild
 * workers write into it:
 *   [ sigmoid tables | NS labels | syn0 (V·dim) | syn1neg (V·dim, negative > 0) | syn1 ((V-1)·dim, hs)
 *     | HS path rows, HS path labels (hs) | thread 0: loss, neu1, neu1e, targets, rows | thread 1: … ]
 */
import type { HuffmanTree } from './huffman.ts';
import { jsLearnKernels } from './learn-kernels.ts';
import type { LearnKernels } from './learn-kernels.ts';
import { SIGMOID_TABLE_FLOATS, simdLearnKernels, writeSigmoidTables } from './learn-simd.ts';
import { simdAvailable } from './simd.ts';

/** 'simd': WebAssembly SIMD kernels (learn-simd.ts); 'js': plain TypeScript loops (learn-kernels.ts). */
export type KernelKind = 'js' | 'simd';

export interface WeightsSpec {
  kind: KernelKind;
  vocabSize: number;
  dim: number;
  threads: number;
  /** Noise words per example (0: no syn1neg). */
  negative: number;
  /** Hierarchical softmax: syn1 and the Huffman paths. */
  hs: boolean;
  /** Total length of all Huffman paths (0 without hs). */
  hsEntries: number;
  /** The largest window, which bounds CBOW's list of context rows. */
  window: number;
}

/** Offsets in 4-byte units. Plain numbers, so the layout travels to workers with the buffer. */
export interface Layout {
  tables: number;
  nsLabels: number;
  syn0: number;
  syn1neg: number;
  syn1: number;
  hsTargets: number;
  hsLabels: number;
  /** Thread t's region starts at threads + t · threadStride: loss, neu1, neu1e, targets, rows. */
  threads: number;
  threadStride: number;
}

export interface Weights extends WeightsSpec {
  /** The WebAssembly memory for 'simd' (shared memories can be posted to workers); else undefined. */
  memory: WebAssembly.Memory | undefined;
  buffer: ArrayBuffer | SharedArrayBuffer;
  layout: Layout;
}

/** One thread's typed-array views and kernel addresses. */
export interface ThreadViews {
  /** Whole buffer, for writing the lists the kernels read. */
  floats: Float32Array;
  ints: Int32Array;
  /** [V, dim]; shared between threads. */
  syn0: Float32Array;
  /** [V, dim], empty without negative sampling. */
  syn1neg: Float32Array;
  /** [V - 1, dim] inner nodes of the Huffman tree, empty without hierarchical softmax. */
  syn1: Float32Array;
  /** Scratch vectors (CBOW's context mean, the gradient for h). [dim] each */
  neu1: Float32Array;
  neu1e: Float32Array;
  /** The kernels add this thread's training loss here. [1] */
  loss: Float64Array;
  /** Addresses (4-byte units) of the above and of this thread's lists: targets [negative + 1], rows [2 · window]. */
  at: Record<'syn0' | 'syn1neg' | 'syn1' | 'neu1' | 'neu1e' | 'loss' | 'targets' | 'rows' | 'hsTargets' | 'hsLabels' | 'nsLabels', number>;
}

const WASM_PAGE = 65536;
const MAX_WASM_BYTES = 65536 * WASM_PAGE; // 4 GiB, the 32-bit address space
/** Regions start on 16-byte boundaries (the SIMD loads prefer it); sizes and offsets are in 4-byte units. */
const align4 = (floats: number) => Math.ceil(floats / 4) * 4;

function layoutFor(s: WeightsSpec): { layout: Layout; floats: number } {
  const matrix = align4(s.vocabSize * s.dim);
  let at = 0;
  const take = (floats: number) => {
    const start = at;
    at += align4(floats);
    return start;
  };
  const tables = take(SIGMOID_TABLE_FLOATS);
  const nsLabels = take(s.negative + 1);
  const syn0 = take(matrix);
  const syn1neg = take(s.negative > 0 ? matrix : 0);
  const syn1 = take(s.hs ? Math.max(0, s.vocabSize - 1) * s.dim : 0);
  const hsTargets = take(s.hsEntries);
  const hsLabels = take(s.hsEntries);
  const threadStride = 4 + 2 * align4(s.dim) + align4(s.negative + 1) + align4(2 * s.window);
  const threads = take(s.threads * threadStride);
  return { layout: { tables, nsLabels, syn0, syn1neg, syn1, hsTargets, hsLabels, threads, threadStride }, floats: at };
}

export function allocateWeights(spec: WeightsSpec): Weights {
  const { layout, floats } = layoutFor(spec);
  const bytes = floats * 4;
  const shared = spec.threads > 1;
  let weights: Weights;
  // SIMD needs WebAssembly SIMD and a model under 4 GiB; otherwise the JS kernels do the same arithmetic.
  if (spec.kind === 'simd' && simdAvailable && bytes <= MAX_WASM_BYTES) {
    const pages = Math.ceil(bytes / WASM_PAGE);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, ...(shared ? { shared: true } : {}) });
    weights = { ...spec, kind: 'simd', memory, buffer: memory.buffer, layout };
  } else {
    weights = { ...spec, kind: 'js', memory: undefined, buffer: shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), layout };
  }
  writeSigmoidTables(weights.buffer, layout.tables);
  new Float32Array(weights.buffer, layout.nsLabels * 4, 1)[0] = 1; // the word itself; its noise words are 0
  return weights;
}

/** The Huffman paths as the lists the kernels read: the syn1 row of each inner node, and the label 1 - code. */
export function writeHsPaths(w: Weights, tree: HuffmanTree): void {
  const { layout, dim } = w;
  const rows = new Int32Array(w.buffer, layout.hsTargets * 4, tree.points.length);
  const labels = new Float32Array(w.buffer, layout.hsLabels * 4, tree.codes.length);
  for (let k = 0; k < tree.points.length; k++) {
    rows[k] = layout.syn1 + tree.points[k] * dim;
    labels[k] = 1 - tree.codes[k];
  }
}

export function threadViews(w: Weights, thread: number): ThreadViews {
  const { layout, dim, vocabSize } = w;
  const floats = new Float32Array(w.buffer);
  const loss = layout.threads + thread * layout.threadStride; // a float64: 16-byte aligned like every region
  const neu1 = loss + 4;
  const neu1e = neu1 + align4(dim);
  const targets = neu1e + align4(dim);
  const rows = targets + align4(w.negative + 1);
  const view = (start: number, length: number) => floats.subarray(start, start + length);
  return {
    floats,
    ints: new Int32Array(w.buffer),
    syn0: view(layout.syn0, vocabSize * dim),
    syn1neg: view(layout.syn1neg, w.negative > 0 ? vocabSize * dim : 0),
    syn1: view(layout.syn1, w.hs ? Math.max(0, vocabSize - 1) * dim : 0),
    neu1: view(neu1, dim),
    neu1e: view(neu1e, dim),
    loss: new Float64Array(w.buffer, loss * 4, 1),
    at: { syn0: layout.syn0, syn1neg: layout.syn1neg, syn1: layout.syn1, neu1, neu1e, loss, targets, rows, hsTargets: layout.hsTargets, hsLabels: layout.hsLabels, nsLabels: layout.nsLabels },
  };
}

/** Kernels for these weights (SIMD kernels are bound to their memory, so each thread makes its own). */
export const kernelsFor = (w: Weights): LearnKernels =>
  w.kind === 'simd' && w.memory ? simdLearnKernels(w.memory, w.dim, w.layout.tables) : jsLearnKernels(w.buffer, w.dim);

/** A copy of syn0 (ordinary memory, even when the weights are shared): the trained vectors, or a snapshot. */
export const copySyn0 = (w: Weights): Float32Array => new Float32Array(w.buffer, w.layout.syn0 * 4, w.vocabSize * w.dim).slice();
