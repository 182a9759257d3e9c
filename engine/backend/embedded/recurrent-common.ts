/**
 * What the fused recurrent kernels (lstm-sequence.ts, gru-sequence.ts, simple-rnn-sequence.ts) share: the op call,
 * the gradient registration, reading a kernel call, the time-major layout they compute in, and the input
 * projection x·W + b with its gradients.
 */
import * as tf from '@tensorflow/tfjs';
import { type CpuBackend, valuesOf } from './cpu-backend.ts';
import type { Gemm } from './gemm.ts';

export const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** Runs a fused sequence kernel: x [B, T, E], mask [B, T] or null (none masked) → outputs [B, T, H]. */
export function runSequenceKernel(kernelName: string, x: tf.Tensor3D, mask: tf.Tensor | null, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor1D, goBackwards: boolean): tf.Tensor3D {
  return tf.tidy(() => {
    const [B, T] = x.shape;
    const m = mask ? tf.cast(tf.notEqual(tf.reshape(mask, [B, T]), 0), 'float32') : tf.ones([B, T]);
    const [out] = tf.engine().runKernel(kernelName, { x, mask: m, kernel, recurrent, bias }, { goBackwards } as unknown as tf.NamedAttrMap) as tf.Tensor[];
    return out as tf.Tensor3D;
  });
}

/**
 * The gradient of a fused sequence kernel: one backward kernel yields the gradients of x, kernel, recurrent and
 * bias together, but tfjs asks for each input's in its own tidy, and only for the inputs that lead to what is
 * differentiated (not x behind a frozen embedding). So the pass runs on the first request and its results are
 * kept out of that tidy; each request gets a clone (same data, owned by the request's tidy like any gradient) and
 * the kept one is let go; those never asked for are disposed once the (synchronous) backward pass is over.
 * `saved`: the names of the forward kernel's extra outputs the backward one takes after the inputs.
 */
export function registerSequenceGradient(forward: string, backward: string, inputs: string[], outputs: string[]): void {
  tf.registerGradient({
    kernelName: forward,
    inputsToSave: inputs,
    outputsToSave: outputs.map(() => true),
    gradFunc: (dys, saved, attrs) => {
      const dy = Array.isArray(dys) ? dys[0] : dys;
      const named: tf.NamedTensorMap = { dy };
      [...inputs, ...outputs].forEach((name, i) => (named[name] = saved[i]));
      let grads: tf.Tensor[] | null = null;
      const take = (i: number) => () => {
        if (!grads) {
          grads = (tf.engine().runKernel(backward, named, attrs as tf.NamedAttrMap) as tf.Tensor[]).map((g) => tf.keep(g));
          queueMicrotask(() => grads!.forEach((g) => g.isDisposed || g.dispose()));
        }
        const grad = tf.clone(grads[i]);
        grads[i].dispose();
        return grad;
      };
      return { x: take(0), kernel: take(1), recurrent: take(2), bias: take(3), mask: () => tf.zerosLike(named.mask) };
    },
  });
}

/** x [B, T, E] as [T·B, E] rows in processing order: row t·B + b is x[b, source(t)]. */
export function timeMajor(x: Float32Array, B: number, T: number, E: number, source: (t: number) => number): Float32Array {
  const out = new Float32Array(T * B * E);
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) out.set(x.subarray((b * T + source(t)) * E, (b * T + source(t) + 1) * E), (t * B + b) * E);
  return out;
}

/** The inverse of timeMajor: [T·B, E] rows back to [B, T, E] in input order. */
export function untimeMajor(rows: Float32Array, B: number, T: number, E: number, source: (t: number) => number): Float32Array {
  const out = new Float32Array(B * T * E);
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) out.set(rows.subarray((t * B + b) * E, (t * B + b + 1) * E), (b * T + source(t)) * E);
  return out;
}

/** h before each step, time-major: row t·B + b is out[b, t − 1] (outputs in processing order), 0 at t = 0. */
export function previousOutputs(out: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }, B: number, T: number, H: number): Float32Array {
  const prev = new Float32Array(T * B * H);
  for (let t = 1; t < T; t++) for (let b = 0; b < B; b++) prev.set(out.subarray((b * T + t - 1) * H, (b * T + t) * H), (t * B + b) * H);
  return prev;
}

/** Columns [from, to) of a rows × width matrix, as a contiguous rows × (to − from) one. */
export function columns(m: Float32Array, rows: number, width: number, from: number, to: number): Float32Array {
  const out = new Float32Array(rows * (to - from));
  for (let r = 0; r < rows; r++) out.set(m.subarray(r * width + from, r * width + to), r * (to - from));
  return out;
}

/**
 * What every fused sequence kernel reads from its call: input values by name, the sizes (x [B, T, E], H units),
 * the order steps are processed in (`source(t)`: the input step processed at step t), whether row b is real at step
 * t (`on`), and how to wrap an output.
 */
export function sequenceCall({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]) {
  const cpu = backend as unknown as CpuBackend;
  const named = inputs as Record<string, tf.TensorInfo>;
  const [B, T, E] = named.x.shape;
  const H = named.recurrent.shape[0];
  const goBackwards = Boolean((attrs as { goBackwards?: boolean }).goBackwards);
  const values = (name: string) => valuesOf(cpu, named[name]) as Float32Array;
  const mask = values('mask');
  const source = (t: number) => (goBackwards ? T - 1 - t : t);
  return {
    B, T, E, H, source, values,
    on: (b: number, t: number) => mask[b * T + source(t)] !== 0,
    output: (shape: number[], data: Float32Array) => cpu.makeTensorInfo(shape, 'float32', data),
  };
}
export type SequenceCall = ReturnType<typeof sequenceCall>;

/** x·W (+ b) for every step at once, time-major in processing order: [T·B, G], row t·B + b. */
export function inputProjection(gemm: Gemm, call: SequenceCall, G: number, addBias: boolean): Float32Array {
  const { B, T, E, source, values } = call;
  const z = gemm.matMul({ a: timeMajor(values('x'), B, T, E, source), b: values('kernel'), m: T * B, n: G, k: E, transposeA: false, transposeB: false });
  if (addBias) {
    const bias = values('bias');
    for (let r = 0; r < T * B; r++) for (let j = 0; j < G; j++) z[r * G + j] += bias[j];
  }
  return z;
}

/** From dZ (the pre-activations' gradient, time-major [T·B, G]): dx = dZ·Wᵀ in x's layout, dW = Xᵀ·dZ, db = Σ dZ. */
export function inputGradients(gemm: Gemm, call: SequenceCall, dz: Float32Array, G: number): { dx: tf.TensorInfo; dW: tf.TensorInfo; db: tf.TensorInfo } {
  const { B, T, E, source, values, output } = call;
  const dW = gemm.matMul({ a: timeMajor(values('x'), B, T, E, source), b: dz, m: E, n: G, k: T * B, transposeA: true, transposeB: false });
  const dxt = gemm.matMul({ a: dz, b: values('kernel'), m: T * B, n: E, k: G, transposeA: false, transposeB: true });
  const db = new Float32Array(G);
  for (let r = 0; r < T * B; r++) for (let j = 0; j < G; j++) db[j] += dz[r * G + j];
  return { dx: output([B, T, E], untimeMajor(dxt, B, T, E, source)), dW: output([E, G], dW), db: output([G], db) };
}
