/**
 * Softmax cross-entropy from logits with integer targets, as one op: loss = Σᵢ wᵢ · (logsumexp(zᵢ) − zᵢ[tᵢ]).
 * The weights carry the mean and the padding mask (wᵢ = maskᵢ / Σ mask), and are constants (no gradient).
 *
 * Composed from tfjs ops, a language model's loss over a [tokens × vocabulary] matrix is a dozen passes over it
 * forward and backward (max, subtract, exp, sum, divide, log, gather, and their gradients). Where the backend has
 * the fused kernels (the embedded and cpu backends), it is one pass forward, keeping only each row's logsumexp,
 * and one pass backward that writes the gradient wᵢ · dy · (softmax(zᵢ) − onehot(tᵢ)) straight away. Rows with
 * weight 0 (padding) are skipped both ways. The embedded backend takes the exponentials in WebAssembly SIMD
 * (softmax-kernel.ts), the cpu backend with Math.exp. Elsewhere (native TensorFlow) the composite runs instead.
 */
import * as tf from '@tensorflow/tfjs';
import { type CpuBackend, valuesOf } from './cpu-backend.ts';
import type { SoftmaxWasm } from './softmax-kernel.ts';

const FORWARD = 'StudioSoftmaxCrossEntropy';
const BACKWARD = 'StudioSoftmaxCrossEntropyGrad';

/** logits [..., C], targets [...] (int32), weights [...] → a scalar. */
export function softmaxCrossEntropy(logits: tf.Tensor, targets: tf.Tensor, weights: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const C = logits.shape[logits.rank - 1];
    const n = targets.size;
    const z = tf.reshape(logits, [n, C]);
    const t = tf.cast(tf.reshape(targets, [n]), 'int32');
    const w = tf.reshape(weights, [n]);
    if (tf.getKernel(FORWARD, tf.getBackend())) {
      const [loss] = tf.engine().runKernel(FORWARD, { logits: z, labels: t, weights: w }, {}) as tf.Tensor[];
      return loss as tf.Scalar;
    }
    const picked = tf.gather(tf.reshape(z, [n * C]), tf.add(tf.mul(tf.range(0, n, 1, 'int32'), tf.scalar(C, 'int32')), t)); // zᵢ[tᵢ]
    return tf.sum(tf.mul(w, tf.sub(tf.logSumExp(z, 1), picked))) as tf.Scalar;
  });
}

tf.registerGradient({
  kernelName: FORWARD,
  inputsToSave: ['logits', 'labels', 'weights'],
  outputsToSave: [false, true],
  gradFunc: (dys, saved) => {
    const [logits, labels, weights, lse] = saved;
    const dy = (Array.isArray(dys) ? dys[0] : dys) ?? tf.scalar(0);
    return {
      logits: () => tf.engine().runKernel(BACKWARD, { dy, logits, labels, weights, lse }, {}) as tf.Tensor,
      labels: () => tf.zerosLike(labels),
      weights: () => tf.zerosLike(weights),
    };
  },
});

/** `simd`: take the exponentials in WebAssembly (the embedded backend); without it, Math.exp (the cpu backend). */
export function softmaxCrossEntropyKernels(backendName: string, wasm?: SoftmaxWasm): tf.KernelConfig[] {
  return [
    {
      kernelName: FORWARD,
      backendName,
      kernelFunc: ({ inputs, backend }) => {
        const cpu = backend as unknown as CpuBackend;
        const { logits, labels, weights } = inputs as Record<string, tf.TensorInfo>;
        const [n, C] = logits.shape;
        const simd = wasm?.fits(n, C) ? wasm : undefined;
        const z = valuesOf(cpu, logits) as Float32Array;
        const t = valuesOf(cpu, labels);
        const w = valuesOf(cpu, weights);
        const lse = simd ? simd.logSumExp(z, n, C) : new Float32Array(n);
        let loss = 0;
        for (let i = 0; i < n; i++) {
          if (w[i] === 0) continue;
          const target = t[i];
          if (!(target >= 0 && target < C)) throw new Error(`softmaxCrossEntropy: target ${target} at row ${i} is outside [0, ${C})`);
          const row = i * C;
          if (!simd) {
            let max = -Infinity;
            for (let c = 0; c < C; c++) if (z[row + c] > max) max = z[row + c];
            let sum = 0;
            for (let c = 0; c < C; c++) sum += Math.exp(z[row + c] - max);
            lse[i] = max + Math.log(sum);
          }
          loss += w[i] * (lse[i] - z[row + target]);
        }
        return [cpu.makeTensorInfo([], 'float32', new Float32Array([loss])), cpu.makeTensorInfo([n], 'float32', lse)];
      },
    },
    {
      kernelName: BACKWARD,
      backendName,
      kernelFunc: ({ inputs, backend }) => {
        const cpu = backend as unknown as CpuBackend;
        const { dy, logits, labels, weights, lse } = inputs as Record<string, tf.TensorInfo>;
        const [n, C] = logits.shape;
        const simd = wasm?.fits(n, C) ? wasm : undefined;
        const z = valuesOf(cpu, logits) as Float32Array;
        const t = valuesOf(cpu, labels);
        const w = valuesOf(cpu, weights);
        const m = valuesOf(cpu, lse);
        const g0 = valuesOf(cpu, dy)[0];
        const scale = Float32Array.from(w, (wi) => g0 * wi);
        const out = simd ? simd.scaledExp(z, n, C, m as Float32Array, scale) : new Float32Array(n * C);
        for (let i = 0; i < n; i++) {
          const g = scale[i];
          if (g === 0) continue;
          const row = i * C;
          if (!simd) for (let c = 0; c < C; c++) out[row + c] = g * Math.exp(z[row + c] - m[i]);
          out[row + t[i]] -= g;
        }
        return cpu.makeTensorInfo([n, C], 'float32', out);
      },
    },
  ];
}
