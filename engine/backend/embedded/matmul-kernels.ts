/**
 * BatchMatMul and _FusedMatMul (matMul + bias + activation, what every Dense layer runs) on the WebAssembly GEMM.
 * Shapes and broadcasting follow tfjs-backend-cpu's kernels exactly (a batch index wraps around a batch of 1);
 * what these do not cover — integer or complex operands, PReLU / leaky ReLU / ELU / ReLU6 activations, a bias that
 * is neither per-column nor a scalar — goes to the reference kernel unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import type { Gemm } from './gemm.ts';
import { type CpuBackend, valuesOf } from './cpu-backend.ts';

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

/** C = op(a) · op(b) over the broadcast batch dimensions, or null when the GEMM does not apply. */
function batchMatMul(gemm: Gemm, backend: CpuBackend, a: tf.TensorInfo, b: tf.TensorInfo, { transposeA, transposeB }: MatMulAttrs): tf.TensorInfo | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const ar = a.shape.length;
  const br = b.shape.length;
  const m = transposeA ? a.shape[ar - 1] : a.shape[ar - 2];
  const k = transposeA ? a.shape[ar - 2] : a.shape[ar - 1];
  const kb = transposeB ? b.shape[br - 1] : b.shape[br - 2];
  const n = transposeB ? b.shape[br - 2] : b.shape[br - 1];
  if (k !== kb) return null; // the reference kernel throws its usual error
  if (!gemm.fits(m, n, k)) return null; // beyond one WebAssembly memory: the reference kernel, slow but right
  const batchA = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  const batchB = b.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  let outer: number[];
  try {
    outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  } catch {
    return null;
  }
  const batches = Math.max(batchA, batchB);
  const av = valuesOf(backend, a) as Float32Array;
  const bv = valuesOf(backend, b) as Float32Array;
  const out = new Float32Array(batches * m * n);
  for (let i = 0; i < batches; i++) {
    const ai = i % batchA;
    const bi = i % batchB;
    const c = gemm.matMul({
      a: batches === 1 ? av : av.subarray(ai * m * k, (ai + 1) * m * k),
      b: batches === 1 ? bv : bv.subarray(bi * k * n, (bi + 1) * k * n),
      m, n, k, transposeA, transposeB,
      ...(batches === 1 && isVariableData(b) ? { bKey: b.dataId } : {}),
    });
    if (batches === 1) return backend.makeTensorInfo([...outer, m, n], 'float32', c);
    out.set(c, i * m * n);
  }
  return backend.makeTensorInfo([...outer, m, n], 'float32', out);
}

/** Whether `t` holds a variable's current values (a weight matrix: its packing can be reused, see gemm.ts). */
function isVariableData(t: tf.TensorInfo): boolean {
  for (const v of Object.values(tf.engine().registeredVariables)) if (v.dataId === t.dataId) return true;
  return false;
}

const ACTIVATIONS: Record<string, ((x: number) => number) | null> = {
  linear: null,
  relu: (x) => (x > 0 ? x : 0),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  tanh: Math.tanh,
};

export function matMulKernels(gemm: Gemm, backendName: string): tf.KernelConfig[] {
  const reference = (name: string) => tf.getKernel(name, 'cpu')!.kernelFunc;
  return [
    {
      kernelName: 'BatchMatMul',
      backendName,
      kernelFunc: (args) => {
        const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
        return batchMatMul(gemm, args.backend as CpuBackend, a, b, args.attrs as unknown as MatMulAttrs) ?? (reference('BatchMatMul')(args) as tf.TensorInfo);
      },
    },
    {
      kernelName: '_FusedMatMul',
      backendName,
      kernelFunc: (args) => {
        const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
        const attrs = args.attrs as unknown as MatMulAttrs & { activation: string };
        const backend = args.backend as CpuBackend;
        const activation = ACTIVATIONS[attrs.activation];
        const fallback = () => reference('_FusedMatMul')(args) as tf.TensorInfo;
        if (activation === undefined || preluActivationWeights) return fallback();
        const n = attrs.transposeB ? b!.shape[b!.shape.length - 2] : b!.shape[b!.shape.length - 1];
        const perColumn = !bias || (bias.dtype === 'float32' && bias.shape.length <= 1 && [undefined, 1, n].includes(bias.shape[0]));
        if (!perColumn) return fallback();
        const product = batchMatMul(gemm, backend, a!, b!, attrs);
        if (!product) return fallback();
        const c = valuesOf(backend, product) as Float32Array;
        if (bias) {
          const bv = valuesOf(backend, bias) as Float32Array;
          if (bv.length === 1) for (let i = 0; i < c.length; i++) c[i] += bv[0];
          else for (let i = 0; i < c.length; i += n) for (let j = 0; j < n; j++) c[i + j] += bv[j];
        }
        if (activation) for (let i = 0; i < c.length; i++) c[i] = activation(c[i]);
        return product;
      },
    },
  ];
}
