/**
 * A whole LSTM layer over a sequence as one kernel forward and one backward (backpropagation through time), for
 * the embedded backend. tfjs runs an LSTM as ~20 ops per time step (two products, bias, split, three sigmoids,
 * two tanhs, the cell update, the mask blend), and its gradient as ~40 more: for 35 steps, ~2,000 kernel calls a
 * training step, 210 of them small matrix products and 34 gradient additions per weight matrix. Fused:
 *
 *   forward:  X·W for every step in one product; then per step h·U (U packed once) and the gate math in one loop
 *   backward: per step the gate gradients in one loop and dZ·Uᵀ; then dW = Xᵀ·dZ, dU = Hₜ₋₁ᵀ·dZ, dX = dZ·Wᵀ and
 *             db = Σ dZ once each, over all steps
 *
 * Exactly tfjs-layers' LSTM (Keras gate order i, f, c, o; sigmoid gates, tanh; recurrent masking: where the mask
 * is 0 the step keeps the previous output and states; `goBackwards` reads the sequence from the end and returns
 * the outputs in the order they were computed), so fused-lstm.ts can swap it in and fall back to tfjs anywhere
 * else. Initial states are zeros. Gate math runs in float64 and stores float32.
 */
import * as tf from '@tensorflow/tfjs';
import type { Gemm } from './gemm.ts';
import { type CpuBackend, valuesOf } from './cpu-backend.ts';
import { previousOutputs, registerSequenceGradient, runSequenceKernel, sigmoid, timeMajor, untimeMajor } from './recurrent-common.ts';

const FORWARD = 'StudioLstmSequence';
const BACKWARD = 'StudioLstmSequenceGrad';

/** Whether the current backend runs LSTMs fused. */
export const lstmSequenceAvailable = () => tf.getKernel(FORWARD, tf.getBackend()) !== undefined;

/**
 * x [B, T, E], mask [B, T] (1 = real, 0 = padding) or null, kernel W [E, 4H], recurrent kernel U [H, 4H], bias
 * [4H] → the outputs [B, T, H], in processing order.
 */
export function lstmSequence(x: tf.Tensor3D, mask: tf.Tensor | null, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor1D, goBackwards: boolean): tf.Tensor3D {
  return runSequenceKernel(FORWARD, x, mask, kernel, recurrent, bias, goBackwards);
}

registerSequenceGradient(FORWARD, BACKWARD, ['x', 'mask', 'kernel', 'recurrent'], ['out', 'gates', 'cells']);

export function lstmSequenceKernels(backendName: string, gemm: Gemm): tf.KernelConfig[] {
  return [
    {
      kernelName: FORWARD,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const cpu = backend as unknown as CpuBackend;
        const { x, mask, kernel, recurrent, bias } = inputs as Record<string, tf.TensorInfo>;
        const goBackwards = Boolean((attrs as { goBackwards: boolean }).goBackwards);
        const [B, T, E] = x.shape;
        const H = recurrent.shape[0];
        const G = 4 * H;
        const xs = valuesOf(cpu, x) as Float32Array, ms = valuesOf(cpu, mask), bs = valuesOf(cpu, bias);
        const U = valuesOf(cpu, recurrent) as Float32Array;
        const source = (t: number) => (goBackwards ? T - 1 - t : t); // the input step processed at step t

        // X·W + b for every step at once, time-major in processing order: row t·B + b.
        const xt = timeMajor(xs, B, T, E, source);
        const z = gemm.matMul({ a: xt, b: valuesOf(cpu, kernel) as Float32Array, m: T * B, n: G, k: E, transposeA: false, transposeB: false });
        for (let r = 0; r < T * B; r++) for (let j = 0; j < G; j++) z[r * G + j] += bs[j];

        const out = new Float32Array(B * T * H); // [B, T, H]
        const gates = new Float32Array(T * B * G); // [T, B, 4H]: i, f, g, o after their activations
        const cells = new Float32Array(T * B * H); // [T, B, H]: c after step t (masked)
        const h = new Float32Array(B * H);
        const c = new Float32Array(B * H);
        const uKey = {}; // U is packed once for all the steps of this call
        for (let t = 0; t < T; t++) {
          const hu = t > 0 ? gemm.matMul({ a: h, b: U, m: B, n: G, k: H, transposeA: false, transposeB: false, bKey: uKey }) : null;
          for (let b = 0; b < B; b++) {
            const on = ms[b * T + source(t)] !== 0;
            const zr = (t * B + b) * G;
            for (let j = 0; j < H; j++) {
              const u = hu ? b * G + j : -1;
              const i = sigmoid(z[zr + j] + (hu ? hu[u] : 0));
              const f = sigmoid(z[zr + H + j] + (hu ? hu[u + H] : 0));
              const g = Math.tanh(z[zr + 2 * H + j] + (hu ? hu[u + 2 * H] : 0));
              const o = sigmoid(z[zr + 3 * H + j] + (hu ? hu[u + 3 * H] : 0));
              gates[zr + j] = i;
              gates[zr + H + j] = f;
              gates[zr + 2 * H + j] = g;
              gates[zr + 3 * H + j] = o;
              if (on) {
                const cn = Math.fround(f * c[b * H + j] + i * g);
                c[b * H + j] = cn;
                h[b * H + j] = o * Math.tanh(cn);
              }
              cells[(t * B + b) * H + j] = c[b * H + j];
              out[(b * T + t) * H + j] = h[b * H + j];
            }
          }
        }
        return [cpu.makeTensorInfo([B, T, H], 'float32', out), cpu.makeTensorInfo([T, B, G], 'float32', gates), cpu.makeTensorInfo([T, B, H], 'float32', cells)];
      },
    },
    {
      kernelName: BACKWARD,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const cpu = backend as unknown as CpuBackend;
        const { dy, x, mask, kernel, recurrent, out, gates, cells } = inputs as Record<string, tf.TensorInfo>;
        const goBackwards = Boolean((attrs as { goBackwards: boolean }).goBackwards);
        const [B, T, E] = x.shape;
        const H = recurrent.shape[0];
        const G = 4 * H;
        const dys = valuesOf(cpu, dy), ms = valuesOf(cpu, mask), os = valuesOf(cpu, out), gs = valuesOf(cpu, gates), cs = valuesOf(cpu, cells);
        const U = valuesOf(cpu, recurrent) as Float32Array;
        const source = (t: number) => (goBackwards ? T - 1 - t : t);

        const dz = new Float32Array(T * B * G); // [T·B, 4H], time-major
        const dh = new Float32Array(B * H); // gradient reaching h after step t from later steps
        const dc = new Float32Array(B * H);
        const through = new Float32Array(B * H); // dh of padded rows, which pass it on unchanged
        const uKey = {};
        for (let t = T - 1; t >= 0; t--) {
          for (let b = 0; b < B; b++) {
            const on = ms[b * T + source(t)] !== 0;
            const zr = (t * B + b) * G;
            for (let j = 0; j < H; j++) {
              const dht = dys[(b * T + t) * H + j] + dh[b * H + j];
              if (!on) {
                through[b * H + j] = dht; // h and c carried over: their gradients too (dc unchanged)
                continue;
              }
              const i = gs[zr + j], f = gs[zr + H + j], g = gs[zr + 2 * H + j], o = gs[zr + 3 * H + j];
              const ct = cs[(t * B + b) * H + j];
              const cPrev = t > 0 ? cs[((t - 1) * B + b) * H + j] : 0;
              const tc = Math.tanh(ct);
              const dct = dht * o * (1 - tc * tc) + dc[b * H + j];
              dz[zr + j] = dct * g * i * (1 - i);
              dz[zr + H + j] = dct * cPrev * f * (1 - f);
              dz[zr + 2 * H + j] = dct * i * (1 - g * g);
              dz[zr + 3 * H + j] = dht * tc * o * (1 - o);
              dc[b * H + j] = dct * f;
              through[b * H + j] = 0;
            }
          }
          if (t === 0) break; // h before the first step is the constant 0
          const back = gemm.matMul({ a: dz.subarray(t * B * G, (t + 1) * B * G), b: U, m: B, n: H, k: G, transposeA: false, transposeB: true, bKey: uKey });
          for (let q = 0; q < B * H; q++) dh[q] = back[q] + through[q];
        }

        // Over all steps at once: dW = Xᵀ·dZ, dU = Hₜ₋₁ᵀ·dZ, dX = dZ·Wᵀ, db = Σ dZ.
        const xt = timeMajor(valuesOf(cpu, x) as Float32Array, B, T, E, source);
        const hPrev = previousOutputs(os as Float32Array, B, T, H);
        const dW = gemm.matMul({ a: xt, b: dz, m: E, n: G, k: T * B, transposeA: true, transposeB: false });
        const dU = gemm.matMul({ a: hPrev, b: dz, m: H, n: G, k: T * B, transposeA: true, transposeB: false });
        const dxt = gemm.matMul({ a: dz, b: valuesOf(cpu, kernel) as Float32Array, m: T * B, n: E, k: G, transposeA: false, transposeB: true });
        const db = new Float32Array(G);
        for (let r = 0; r < T * B; r++) for (let j = 0; j < G; j++) db[j] += dz[r * G + j];
        return [
          cpu.makeTensorInfo([B, T, E], 'float32', untimeMajor(dxt, B, T, E, source)),
          cpu.makeTensorInfo([E, G], 'float32', dW),
          cpu.makeTensorInfo([H, G], 'float32', dU),
          cpu.makeTensorInfo([G], 'float32', db),
        ];
      },
    },
  ];
}

