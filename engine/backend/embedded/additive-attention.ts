/**
 * Additive attention's step as one op: Bahdanau, Cho & Bengio, "Neural Machine Translation by Jointly Learning to
 * Align and Translate" (2015), with the source side of the scores precomputed (engine/models/seq2seq/attention.ts):
 *
 *   scores  = vᵀ tanh(keys + q) + maskBias      keys [B, S, A], q [B, A] (W_query h + b), v [A], maskBias [B, S]
 *   weights = softmax(scores) over the source   [B, S]
 *   context = Σₛ weights · memory               memory [B, S, M] → [B, M]
 *
 * Composed from tfjs ops it is ~10 kernels forward and ~20 backward at every decoder step (a broadcast add over
 * [B, S, A], tanh, multiply, sum, add, softmax, a batched product, and their gradients), a quarter of a Seq2Seq
 * training step's kernel calls. Where the backend has the fused kernels it is one forward, keeping the tanh for the
 * backward pass, and one backward giving the gradients of keys, q, v, memory and the mask bias together. The embedded
 * backend runs them in WebAssembly SIMD (attention-kernel.wat: its tanh and exp are simd-math.wat's), the cpu
 * backend in plain JS (Math.tanh, Math.exp); elsewhere (native TensorFlow) the composite runs instead.
 */
import * as tf from '@tensorflow/tfjs';
import type { AttentionWasm } from './attention-kernel.ts';
import { type CpuBackend, valuesOf } from './cpu-backend.ts';

const FORWARD = 'StudioAdditiveAttention';
const BACKWARD = 'StudioAdditiveAttentionGrad';

/**
 * keys [B, S, A], query [B, A] (already projected: W_query h + b), v [A], maskBias [B, S] (0 on real positions, a
 * large negative number on padding), memory [B, S, M] → the attention weights [B, S] (rows sum to 1) and the
 * context [B, M].
 */
export function additiveAttention(keys: tf.Tensor3D, query: tf.Tensor2D, v: tf.Tensor1D, maskBias: tf.Tensor2D, memory: tf.Tensor3D): { weights: tf.Tensor2D; context: tf.Tensor2D } {
  checkShapes(keys, query, v, maskBias, memory);
  return tf.tidy(() => {
    if (tf.getKernel(FORWARD, tf.getBackend())) {
      const [weights, context] = tf.engine().runKernel(FORWARD, { keys, query, v, maskBias, memory }, {}) as tf.Tensor[];
      return { weights: weights as tf.Tensor2D, context: context as tf.Tensor2D };
    }
    return additiveAttentionComposite(keys, query, v, maskBias, memory);
  });
}

/** The same in tfjs ops (their gradients by tfjs's autodiff): the fallback, and the reference the kernels are tested against. */
export function additiveAttentionComposite(keys: tf.Tensor3D, query: tf.Tensor2D, v: tf.Tensor1D, maskBias: tf.Tensor2D, memory: tf.Tensor3D): { weights: tf.Tensor2D; context: tf.Tensor2D } {
  return tf.tidy(() => {
    const hidden = tf.tanh(tf.add(keys, tf.expandDims(query, 1))); // [B, S, A]
    const scores = tf.sum(tf.mul(hidden, v), 2); // [B, S]
    const weights = tf.softmax(tf.add(scores, maskBias)) as tf.Tensor2D; // [B, S]
    const context = tf.squeeze(tf.matMul(tf.expandDims(weights, 1), memory), [1]) as tf.Tensor2D; // [B, 1, S]·[B, S, M] → [B, M]
    return { weights, context };
  });
}

function checkShapes(keys: tf.Tensor, query: tf.Tensor, v: tf.Tensor, maskBias: tf.Tensor, memory: tf.Tensor): void {
  const shape = (t: tf.Tensor) => `[${t.shape.join(', ')}]`;
  const fail = (why: string) => {
    throw new Error(`additiveAttention: ${why} (keys ${shape(keys)}, query ${shape(query)}, v ${shape(v)}, maskBias ${shape(maskBias)}, memory ${shape(memory)})`);
  };
  if (keys.rank !== 3 || query.rank !== 2 || v.rank !== 1 || maskBias.rank !== 2 || memory.rank !== 3) fail('expected keys [B, S, A], query [B, A], v [A], maskBias [B, S], memory [B, S, M]');
  const [B, S, A] = keys.shape;
  if (S === 0) fail('no source positions');
  if (query.shape[0] !== B || query.shape[1] !== A) fail('query must be [B, A]');
  if (v.shape[0] !== A) fail('v must be [A]');
  if (maskBias.shape[0] !== B || maskBias.shape[1] !== S) fail('maskBias must be [B, S]');
  if (memory.shape[0] !== B || memory.shape[1] !== S) fail('memory must be [B, S, M]');
  for (const t of [keys, query, v, maskBias, memory]) if (t.dtype !== 'float32') fail(`every input must be float32, got ${t.dtype}`);
}

tf.registerGradient({
  kernelName: FORWARD,
  inputsToSave: ['v', 'memory'],
  outputsToSave: [true, false, true],
  gradFunc: (dys, saved) => {
    const [v, memory, weights, hidden] = saved;
    const [dWeights, dContext] = dys as tf.Tensor[]; // (unused outputs arrive as zeros)
    // One kernel gives every input's gradient: computed here, once, and handed out by the closures.
    const [keys, query, dv, dMemory, maskBias] = tf.engine().runKernel(BACKWARD, { dWeights, dContext, v, memory, weights, hidden }, {}) as tf.Tensor[];
    return { keys: () => keys, query: () => query, v: () => dv, memory: () => dMemory, maskBias: () => maskBias };
  },
});

/** `simd`: the WebAssembly kernel (the embedded backend); without it, plain JS (the cpu backend). */
export function additiveAttentionKernels(backendName: string, simd?: AttentionWasm): tf.KernelConfig[] {
  return [
    {
      kernelName: FORWARD,
      backendName,
      kernelFunc: ({ inputs, backend }) => {
        const cpu = backend as unknown as CpuBackend;
        const { keys, query, v, maskBias, memory } = inputs as Record<string, tf.TensorInfo>;
        const [B, S, A] = keys.shape;
        const M = memory.shape[2];
        const f32 = (t: tf.TensorInfo) => valuesOf(cpu, t) as Float32Array;
        const out = simd?.fits(B, S, A, M)
          ? simd.forward(B, S, A, M, { id: keys.dataId, values: f32(keys) }, f32(query), f32(v), f32(maskBias), { id: memory.dataId, values: f32(memory) })
          : forwardJs(B, S, A, M, f32(keys), f32(query), f32(v), f32(maskBias), f32(memory));
        return [cpu.makeTensorInfo([B, S], 'float32', out.weights), cpu.makeTensorInfo([B, M], 'float32', out.context), cpu.makeTensorInfo([B, S, A], 'float32', out.hidden)];
      },
    },
    {
      kernelName: BACKWARD,
      backendName,
      kernelFunc: ({ inputs, backend }) => {
        const cpu = backend as unknown as CpuBackend;
        const { dWeights, dContext, v, memory, weights, hidden } = inputs as Record<string, tf.TensorInfo>;
        const [B, S, A] = hidden.shape;
        const M = memory.shape[2];
        const f32 = (t: tf.TensorInfo) => valuesOf(cpu, t) as Float32Array;
        const g = simd?.fits(B, S, A, M)
          ? simd.backward(B, S, A, M, f32(dWeights), f32(dContext), f32(v), { id: memory.dataId, values: f32(memory) }, f32(weights), f32(hidden))
          : backwardJs(B, S, A, M, f32(dWeights), f32(dContext), f32(v), f32(memory), f32(weights), f32(hidden));
        return [
          cpu.makeTensorInfo([B, S, A], 'float32', g.dKeys), cpu.makeTensorInfo([B, A], 'float32', g.dQ), cpu.makeTensorInfo([A], 'float32', g.dV),
          cpu.makeTensorInfo([B, S, M], 'float32', g.dMemory), cpu.makeTensorInfo([B, S], 'float32', g.dScores),
        ];
      },
    },
  ];
}

/** The forward pass in plain JS: attention-kernel.wat's arithmetic, with Math.tanh and Math.exp. */
function forwardJs(B: number, S: number, A: number, M: number, keys: Float32Array, q: Float32Array, v: Float32Array, maskBias: Float32Array, memory: Float32Array) {
  const hidden = new Float32Array(B * S * A);
  const weights = new Float32Array(B * S);
  const context = new Float32Array(B * M);
  for (let b = 0; b < B; b++) {
    const row = b * S;
    let max = -Infinity;
    for (let s = 0; s < S; s++) {
      const k = (row + s) * A;
      let score = 0;
      for (let a = 0; a < A; a++) {
        const h = Math.tanh(keys[k + a] + q[b * A + a]);
        hidden[k + a] = h;
        score += v[a] * hidden[k + a];
      }
      weights[row + s] = score + maskBias[row + s];
      if (weights[row + s] > max) max = weights[row + s];
    }
    let sum = 0;
    for (let s = 0; s < S; s++) sum += weights[row + s] = Math.exp(weights[row + s] - max);
    for (let s = 0; s < S; s++) weights[row + s] /= sum;
    for (let s = 0; s < S; s++) {
      const w = weights[row + s];
      const m = (row + s) * M;
      for (let j = 0; j < M; j++) context[b * M + j] += w * memory[m + j];
    }
  }
  return { hidden, weights, context };
}

/** The backward pass in plain JS (the formulas are in attention-kernel.wat). */
function backwardJs(B: number, S: number, A: number, M: number, dWeights: Float32Array, dContext: Float32Array, v: Float32Array, memory: Float32Array, weights: Float32Array, hidden: Float32Array) {
  const dKeys = new Float32Array(B * S * A);
  const dQ = new Float32Array(B * A);
  const dV = new Float32Array(A);
  const dMemory = new Float32Array(B * S * M);
  const dScores = new Float32Array(B * S);
  for (let b = 0; b < B; b++) {
    const row = b * S;
    let dot = 0;
    for (let s = 0; s < S; s++) {
      const w = weights[row + s];
      const m = (row + s) * M;
      let g = dWeights[row + s];
      for (let j = 0; j < M; j++) {
        g += dContext[b * M + j] * memory[m + j];
        dMemory[m + j] = w * dContext[b * M + j];
      }
      dScores[row + s] = g;
      dot += w * dScores[row + s]; // g as stored (float32), so that S = 1 gives exactly 0 as the composite does
    }
    for (let s = 0; s < S; s++) {
      const d = (dScores[row + s] = weights[row + s] * (dScores[row + s] - dot));
      const k = (row + s) * A;
      for (let a = 0; a < A; a++) {
        const h = hidden[k + a];
        const dk = d * v[a] * (1 - h * h);
        dKeys[k + a] = dk;
        dQ[b * A + a] += dk;
        dV[a] += d * h;
      }
    }
  }
  return { dKeys, dQ, dV, dMemory, dScores };
}
