/**
 * One step of a GRU cell as one op, as PyTorch's GRUCell computes it (Cho et al. 2014, "Learning Phrase
 * Representations using RNN Encoder–Decoder", with the reset gate applied after the recurrent product, as cuDNN and
 * PyTorch do): from gi = x·W_ih + b_ih and gh = h·W_hh + b_hh [B, 3H] (gates r, z, n) and h [B, H],
 *
 *   r = σ(gi_r + gh_r)   z = σ(gi_z + gh_z)   n = tanh(gi_n + r ⊙ gh_n)   h' = n + z ⊙ (h − n)   [B, H]
 *
 * A decoder steps its cell once per target token; composed from tfjs ops that is ~11 kernels forward and ~25
 * backward a step (splits, adds, sigmoid, tanh, products and their gradients). Where the backend has the fused
 * kernels it is one forward, keeping r, z, n, and one backward giving the gradients of gi, gh and h. The embedded
 * backend runs them in WebAssembly SIMD (gru-cell-kernel.wat, simd-math.wat's sigmoid and tanh), the cpu backend
 * in plain JS; elsewhere (native TensorFlow) the composite runs instead.
 */
import * as tf from '@tensorflow/tfjs';
import { type CpuBackend, valuesOf } from './cpu-backend.ts';
import type { GruCellWasm } from './gru-cell-kernel.ts';

const FORWARD = 'StudioGruCell';
const BACKWARD = 'StudioGruCellGrad';

/** gi, gh [B, 3H] (gates r, z, n; biases included), h [B, H] → h' [B, H]. */
export function gruCell(gi: tf.Tensor2D, gh: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
  const [B, H] = h.shape;
  if (gi.rank !== 2 || gh.rank !== 2 || h.rank !== 2 || gi.shape[0] !== B || gh.shape[0] !== B || gi.shape[1] !== 3 * H || gh.shape[1] !== 3 * H) {
    throw new Error(`gruCell: expected gi and gh [B, 3H] and h [B, H], got gi [${gi.shape}], gh [${gh.shape}], h [${h.shape}]`);
  }
  for (const t of [gi, gh, h]) if (t.dtype !== 'float32') throw new Error(`gruCell: every input must be float32, got ${t.dtype}`);
  return tf.tidy(() => {
    if (tf.getKernel(FORWARD, tf.getBackend())) return (tf.engine().runKernel(FORWARD, { gi, gh, h }, {}) as tf.Tensor[])[0] as tf.Tensor2D;
    return gruCellComposite(gi, gh, h);
  });
}

/** The same in tfjs ops (their gradients by tfjs's autodiff): the fallback, and the reference the kernels are tested against. */
export function gruCellComposite(gi: tf.Tensor2D, gh: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const H = h.shape[1];
    const [giRZ, giN] = tf.split(gi, [2 * H, H], 1);
    const [ghRZ, ghN] = tf.split(gh, [2 * H, H], 1);
    const [r, z] = tf.split(tf.sigmoid(tf.add(giRZ, ghRZ)), 2, 1); // [B, H] each
    const n = tf.tanh(tf.add(giN, tf.mul(r, ghN))); // [B, H]
    return tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D; // (1 − z) n + z h
  });
}

tf.registerGradient({
  kernelName: FORWARD,
  inputsToSave: ['gh', 'h'],
  outputsToSave: [false, true],
  gradFunc: (dys, saved) => {
    const [gh, h, gates] = saved;
    const dy = (dys as tf.Tensor[])[0];
    // One kernel gives every input's gradient: computed here, once, and handed out by the closures.
    const [dgi, dgh, dh] = tf.engine().runKernel(BACKWARD, { dy, gh, h, gates }, {}) as tf.Tensor[];
    return { gi: () => dgi, gh: () => dgh, h: () => dh };
  },
});

/** `simd`: the WebAssembly kernel (the embedded backend); without it, plain JS (the cpu backend). */
export function gruCellKernels(backendName: string, simd?: GruCellWasm): tf.KernelConfig[] {
  return [
    {
      kernelName: FORWARD,
      backendName,
      kernelFunc: ({ inputs, backend }) => {
        const cpu = backend as unknown as CpuBackend;
        const { gi, gh, h } = inputs as Record<string, tf.TensorInfo>;
        const [B, H] = h.shape;
        const f32 = (t: tf.TensorInfo) => valuesOf(cpu, t) as Float32Array;
        const r = simd?.fits(B, H) ? simd.forward(B, H, f32(gi), f32(gh), f32(h)) : forwardJs(B, H, f32(gi), f32(gh), f32(h));
        return [cpu.makeTensorInfo([B, H], 'float32', r.out), cpu.makeTensorInfo([B, 3 * H], 'float32', r.gates)];
      },
    },
    {
      kernelName: BACKWARD,
      backendName,
      kernelFunc: ({ inputs, backend }) => {
        const cpu = backend as unknown as CpuBackend;
        const { dy, gh, h, gates } = inputs as Record<string, tf.TensorInfo>;
        const [B, H] = h.shape;
        const f32 = (t: tf.TensorInfo) => valuesOf(cpu, t) as Float32Array;
        const g = simd?.fits(B, H) ? simd.backward(B, H, f32(dy), f32(gh), f32(h), f32(gates)) : backwardJs(B, H, f32(dy), f32(gh), f32(h), f32(gates));
        return [cpu.makeTensorInfo([B, 3 * H], 'float32', g.dgi), cpu.makeTensorInfo([B, 3 * H], 'float32', g.dgh), cpu.makeTensorInfo([B, H], 'float32', g.dh)];
      },
    },
  ];
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The forward pass in plain JS: gru-cell-kernel.wat's arithmetic, with Math.exp and Math.tanh. */
function forwardJs(B: number, H: number, gi: Float32Array, gh: Float32Array, h: Float32Array) {
  const gates = new Float32Array(B * 3 * H);
  const out = new Float32Array(B * H);
  for (let b = 0; b < B; b++)
    for (let j = 0; j < H; j++) {
      const pr = b * 3 * H + j, pz = pr + H, pn = pz + H;
      const r = (gates[pr] = sigmoid(gi[pr] + gh[pr]));
      const z = (gates[pz] = sigmoid(gi[pz] + gh[pz]));
      const n = (gates[pn] = Math.tanh(gi[pn] + r * gh[pn]));
      out[b * H + j] = n + z * (h[b * H + j] - n);
    }
  return { gates, out };
}

/** The backward pass in plain JS (the formulas are in gru-cell-kernel.wat). */
function backwardJs(B: number, H: number, dy: Float32Array, gh: Float32Array, h: Float32Array, gates: Float32Array) {
  const dgi = new Float32Array(B * 3 * H);
  const dgh = new Float32Array(B * 3 * H);
  const dh = new Float32Array(B * H);
  for (let b = 0; b < B; b++)
    for (let j = 0; j < H; j++) {
      const pr = b * 3 * H + j, pz = pr + H, pn = pz + H, q = b * H + j;
      const r = gates[pr], z = gates[pz], n = gates[pn], d = dy[q];
      const dn = d * (1 - z) * (1 - n * n);
      const dz = d * (h[q] - n) * z * (1 - z);
      const dr = dn * gh[pn] * r * (1 - r);
      dgi[pr] = dgh[pr] = dr;
      dgi[pz] = dgh[pz] = dz;
      dgi[pn] = dn;
      dgh[pn] = dn * r;
      dh[q] = d * z;
    }
  return { dgi, dgh, dh };
}
