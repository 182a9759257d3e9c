/**
 * The embedded backend, for machines where native TensorFlow cannot be installed: tfjs's pure-JS backend
 * (tfjs-backend-cpu) with its hot kernels replaced by faster ones — the matrix products on a multi-threaded
 * WebAssembly SIMD GEMM; whole LSTM, GRU and SimpleRNN layers as one kernel forward and one backward through time;
 * softmax cross-entropy, additive attention's step, a GRU cell's step and Adam's update each fused into one pass;
 * the embedding gradient as a scatter-add; fast elementwise and shape kernels. Registered as the tfjs backend
 * "wasm": a copy of every cpu kernel, then the replacements, so every op the models use exists and only the hot
 * ones differ.
 *
 * Why not tfjs-backend-wasm: it lacks kernels training needs (UnsortedSegmentSum, among others), and it runs one
 * thread in Node (tfjs#3830): its XNNPACK GEMM reached 27–30 GFLOP/s here, ours 22–25 on one thread (no fused
 * multiply-add in baseline WebAssembly SIMD) but ~40–47 on two.
 *
 * The pure-JS `cpu` backend also gets the plain-JS kernels (scatter-add, fused cross-entropy, attention, GRU cell
 * and Adam); its matrix product and shape kernels stay tfjs's own, the reference the embedded kernels are tested
 * against.
 */
import * as tf from '@tensorflow/tfjs';
import { additiveAttentionKernels } from './additive-attention.ts';
import { adamKernel, sumOfSquaresKernel } from './adam.ts';
import { AttentionWasm } from './attention-kernel.ts';
import { elementwiseKernels } from './elementwise-kernels.ts';
import { Gemm } from './gemm.ts';
import { gruCellKernels } from './gru-cell.ts';
import { GruCellWasm } from './gru-cell-kernel.ts';
import { gruSequenceKernels } from './gru-sequence.ts';
import { lstmSequenceKernels } from './lstm-sequence.ts';
import { simpleRnnSequenceKernels } from './simple-rnn-sequence.ts';
import { matMulKernels } from './matmul-kernels.ts';
import { segmentSumKernel } from './segment-sum.ts';
import { shapeKernels } from './shape-kernels.ts';
import { softmaxCrossEntropyKernels } from './softmax-cross-entropy.ts';
import { SoftmaxWasm } from './softmax-kernel.ts';

export const EMBEDDED_BACKEND = 'wasm';

let gemm: Gemm | null = null;

/** Registers the backend (once); returns the GEMM's thread count. */
export function registerEmbeddedBackend(): { threads: number } {
  installFastCpuKernels();
  if (gemm) return { threads: gemm.threads };
  gemm = new Gemm();
  const cpuFactory = tf.findBackendFactory('cpu');
  if (!cpuFactory) throw new Error('tfjs-backend-cpu is not registered');
  tf.registerBackend(EMBEDDED_BACKEND, cpuFactory, 1);
  const replaced = [
    ...matMulKernels(gemm, EMBEDDED_BACKEND),
    ...lstmSequenceKernels(EMBEDDED_BACKEND, gemm),
    ...gruSequenceKernels(EMBEDDED_BACKEND, gemm),
    ...simpleRnnSequenceKernels(EMBEDDED_BACKEND, gemm),
    ...plainJsKernels(EMBEDDED_BACKEND, { softmax: new SoftmaxWasm(), attention: new AttentionWasm(), gruCell: new GruCellWasm() }),
    ...shapeKernels(EMBEDDED_BACKEND),
    ...elementwiseKernels(EMBEDDED_BACKEND),
  ];
  const names = new Set(replaced.map((k) => k.kernelName));
  for (const kernel of tf.getKernelsForBackend('cpu')) if (!names.has(kernel.kernelName)) tf.registerKernel({ ...kernel, backendName: EMBEDDED_BACKEND });
  for (const kernel of replaced) tf.registerKernel(kernel);
  return { threads: gemm.threads };
}

let cpuInstalled = false;

/** The pure-JS kernels that replace slow or missing ones on tfjs's own `cpu` backend. */
export function installFastCpuKernels(): void {
  if (cpuInstalled) return;
  cpuInstalled = true;
  // A model used straight from an exported folder gets here without selectBackend: quiet tfjs's "install our node
  // backend" banner here too (select-backend.ts says why).
  tf.enableProdMode();
  tf.unregisterKernel('UnsortedSegmentSum', 'cpu');
  for (const kernel of plainJsKernels('cpu')) tf.registerKernel(kernel);
}

/**
 * Kernels both backends get: faster replacements, and the fused ops the cpu backend lacks. The embedded one takes
 * the softmax's exponentials, the attention's step and the GRU cell's in WebAssembly (`simd`), the cpu one in
 * plain JS.
 */
const plainJsKernels = (backendName: string, simd?: { softmax: SoftmaxWasm; attention: AttentionWasm; gruCell: GruCellWasm }) => [
  segmentSumKernel(backendName),
  ...softmaxCrossEntropyKernels(backendName, simd?.softmax),
  ...additiveAttentionKernels(backendName, simd?.attention),
  ...gruCellKernels(backendName, simd?.gruCell),
  adamKernel(backendName),
  sumOfSquaresKernel(backendName),
];
