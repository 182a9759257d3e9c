/**
 * A whole GRU layer over a sequence as one kernel forward and one backward, as lstm-sequence.ts does for the LSTM
 * (see there for why). Exactly tfjs-layers' GRU (Cho et al. 2014 with the reset gate applied before the recurrent
 * product, Keras's default before `reset_after`): gates z, r, h in that order in W [E, 3H], U [H, 3H], b [3H];
 *
 *   z = σ(x·W_z + b_z + h·U_z)   r = σ(x·W_r + b_r + h·U_r)   ĥ = tanh(x·W_h + b_h + (r ⊙ h)·U_h)
 *   h' = z ⊙ h + (1 − z) ⊙ ĥ     (where the mask is 0, h' = h)
 *
 * Per step two products (h·[U_z U_r], (r ⊙ h)·U_h) forward and two back; the rest once over all steps.
 */
import * as tf from '@tensorflow/tfjs';
import type { Gemm } from './gemm.ts';
import { columns, inputGradients, inputProjection, previousOutputs, registerSequenceGradient, runSequenceKernel, sequenceCall, sigmoid } from './recurrent-common.ts';

const FORWARD = 'StudioGruSequence';
const BACKWARD = 'StudioGruSequenceGrad';

export const gruSequenceAvailable = () => tf.getKernel(FORWARD, tf.getBackend()) !== undefined;

/** x [B, T, E], mask [B, T] or null, W [E, 3H], U [H, 3H], b [3H] → outputs [B, T, H] in processing order. */
export function gruSequence(x: tf.Tensor3D, mask: tf.Tensor | null, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor1D, goBackwards: boolean): tf.Tensor3D {
  return runSequenceKernel(FORWARD, x, mask, kernel, recurrent, bias, goBackwards);
}

registerSequenceGradient(FORWARD, BACKWARD, ['x', 'mask', 'kernel', 'recurrent'], ['out', 'gates']);

export function gruSequenceKernels(backendName: string, gemm: Gemm): tf.KernelConfig[] {
  return [
    {
      kernelName: FORWARD,
      backendName,
      kernelFunc: (args) => {
        const call = sequenceCall(args);
        const { B, T, H, on, values, output } = call;
        const G = 3 * H;
        const U = values('recurrent');
        const uZR = columns(U, H, G, 0, 2 * H); // [H, 2H]
        const uH = columns(U, H, G, 2 * H, G); // [H, H]
        const z = inputProjection(gemm, call, G, true);

        const out = new Float32Array(B * T * H);
        const gates = new Float32Array(T * B * G); // z, r, ĥ
        const h = new Float32Array(B * H);
        const rh = new Float32Array(B * H);
        const keys = { zr: {}, h: {} };
        for (let t = 0; t < T; t++) {
          const inner = t > 0 ? gemm.matMul({ a: h, b: uZR, m: B, n: 2 * H, k: H, transposeA: false, transposeB: false, bKey: keys.zr }) : null;
          for (let b = 0; b < B; b++) {
            const row = (t * B + b) * G;
            for (let j = 0; j < H; j++) {
              const zg = sigmoid(z[row + j] + (inner ? inner[b * 2 * H + j] : 0));
              const rg = sigmoid(z[row + H + j] + (inner ? inner[b * 2 * H + H + j] : 0));
              gates[row + j] = zg;
              gates[row + H + j] = rg;
              rh[b * H + j] = rg * h[b * H + j];
            }
          }
          const recurrentH = t > 0 ? gemm.matMul({ a: rh, b: uH, m: B, n: H, k: H, transposeA: false, transposeB: false, bKey: keys.h }) : null;
          for (let b = 0; b < B; b++) {
            const real = on(b, t);
            const row = (t * B + b) * G;
            for (let j = 0; j < H; j++) {
              const hh = Math.tanh(z[row + 2 * H + j] + (recurrentH ? recurrentH[b * H + j] : 0));
              gates[row + 2 * H + j] = hh;
              const zg = gates[row + j];
              if (real) h[b * H + j] = zg * h[b * H + j] + (1 - zg) * hh;
              out[(b * T + t) * H + j] = h[b * H + j];
            }
          }
        }
        return [output([B, T, H], out), output([T, B, G], gates)];
      },
    },
    {
      kernelName: BACKWARD,
      backendName,
      kernelFunc: (args) => {
        const call = sequenceCall(args);
        const { B, T, H, on, values, output } = call;
        const G = 3 * H;
        const dys = values('dy'), gs = values('gates');
        const U = values('recurrent');
        const uZR = columns(U, H, G, 0, 2 * H);
        const uH = columns(U, H, G, 2 * H, G);
        const hPrev = previousOutputs(values('out'), B, T, H);

        const dz = new Float32Array(T * B * G); // gradients of the pre-activations z, r, ĥ; time-major
        const dh = new Float32Array(B * H);
        const through = new Float32Array(B * H); // what reaches h before the step other than via the products
        const dpH = new Float32Array(B * H);
        const dZR = new Float32Array(B * 2 * H);
        const keys = { zr: {}, h: {} };
        for (let t = T - 1; t >= 0; t--) {
          for (let b = 0; b < B; b++) {
            const real = on(b, t);
            const row = (t * B + b) * G;
            for (let j = 0; j < H; j++) {
              const dht = dys[(b * T + t) * H + j] + dh[b * H + j];
              if (!real) {
                through[b * H + j] = dht;
                dpH[b * H + j] = 0;
                continue;
              }
              const zg = gs[row + j], hh = gs[row + 2 * H + j];
              const hp = hPrev[(t * B + b) * H + j];
              dz[row + j] = dht * (hp - hh) * zg * (1 - zg);
              dpH[b * H + j] = dz[row + 2 * H + j] = dht * (1 - zg) * (1 - hh * hh);
              through[b * H + j] = dht * zg;
            }
          }
          if (t === 0) break; // h before the first step is the constant 0: no r gradient, nothing further back
          const dRh = gemm.matMul({ a: dpH, b: uH, m: B, n: H, k: H, transposeA: false, transposeB: true, bKey: keys.h }); // d(r ⊙ h)
          for (let b = 0; b < B; b++) {
            const row = (t * B + b) * G;
            const real = on(b, t);
            for (let j = 0; j < H; j++) {
              const rg = gs[row + H + j];
              const d = real ? dRh[b * H + j] : 0;
              dz[row + H + j] = d * hPrev[(t * B + b) * H + j] * rg * (1 - rg);
              through[b * H + j] += d * rg;
              dZR[b * 2 * H + j] = dz[row + j];
              dZR[b * 2 * H + H + j] = dz[row + H + j];
            }
          }
          const back = gemm.matMul({ a: dZR, b: uZR, m: B, n: H, k: 2 * H, transposeA: false, transposeB: true, bKey: keys.zr });
          for (let q = 0; q < B * H; q++) dh[q] = back[q] + through[q];
        }

        // Over all steps: dU = [Hₜ₋₁ᵀ·dZ_zr | (r ⊙ Hₜ₋₁)ᵀ·dZ_h], and the input projection's dX, dW, db.
        const rhAll = new Float32Array(T * B * H);
        for (let r = 0; r < T * B; r++) for (let j = 0; j < H; j++) rhAll[r * H + j] = gs[r * G + H + j] * hPrev[r * H + j];
        const dUzr = gemm.matMul({ a: hPrev, b: columns(dz, T * B, G, 0, 2 * H), m: H, n: 2 * H, k: T * B, transposeA: true, transposeB: false });
        const dUh = gemm.matMul({ a: rhAll, b: columns(dz, T * B, G, 2 * H, G), m: H, n: H, k: T * B, transposeA: true, transposeB: false });
        const dU = new Float32Array(H * G);
        for (let i = 0; i < H; i++) {
          dU.set(dUzr.subarray(i * 2 * H, (i + 1) * 2 * H), i * G);
          dU.set(dUh.subarray(i * H, (i + 1) * H), i * G + 2 * H);
        }
        const { dx, dW, db } = inputGradients(gemm, call, dz, G);
        return [dx, dW, output([H, G], dU), db];
      },
    },
  ];
}
