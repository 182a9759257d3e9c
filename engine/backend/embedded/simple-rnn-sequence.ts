/**
 * A whole SimpleRNN layer (Elman: h' = tanh(x·W + b + h·U), h' = h where the mask is 0) as one kernel forward
 * and one backward, as lstm-sequence.ts does for the LSTM (see there for why): per step one product each way,
 * the rest once over all steps. Exactly tfjs-layers' SimpleRNN with its default tanh.
 */
import * as tf from '@tensorflow/tfjs';
import type { Gemm } from './gemm.ts';
import { inputGradients, inputProjection, previousOutputs, registerSequenceGradient, runSequenceKernel, sequenceCall } from './recurrent-common.ts';

const FORWARD = 'StudioSimpleRnnSequence';
const BACKWARD = 'StudioSimpleRnnSequenceGrad';

export const simpleRnnSequenceAvailable = () => tf.getKernel(FORWARD, tf.getBackend()) !== undefined;

/** x [B, T, E], mask [B, T] or null, W [E, H], U [H, H], b [H] → outputs [B, T, H] in processing order. */
export function simpleRnnSequence(x: tf.Tensor3D, mask: tf.Tensor | null, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor1D, goBackwards: boolean): tf.Tensor3D {
  return runSequenceKernel(FORWARD, x, mask, kernel, recurrent, bias, goBackwards);
}

registerSequenceGradient(FORWARD, BACKWARD, ['x', 'mask', 'kernel', 'recurrent'], ['out', 'active']);

export function simpleRnnSequenceKernels(backendName: string, gemm: Gemm): tf.KernelConfig[] {
  return [
    {
      kernelName: FORWARD,
      backendName,
      kernelFunc: (args) => {
        const call = sequenceCall(args);
        const { B, T, H, on, values, output } = call;
        const U = values('recurrent');
        const z = inputProjection(gemm, call, H, true);
        const out = new Float32Array(B * T * H);
        const active = new Float32Array(T * B * H); // tanh of the step's pre-activation (time-major)
        const h = new Float32Array(B * H);
        const uKey = {};
        for (let t = 0; t < T; t++) {
          const hu = t > 0 ? gemm.matMul({ a: h, b: U, m: B, n: H, k: H, transposeA: false, transposeB: false, bKey: uKey }) : null;
          for (let b = 0; b < B; b++) {
            const real = on(b, t);
            const row = (t * B + b) * H;
            for (let j = 0; j < H; j++) {
              const a = (active[row + j] = Math.tanh(z[row + j] + (hu ? hu[b * H + j] : 0)));
              if (real) h[b * H + j] = a;
              out[(b * T + t) * H + j] = h[b * H + j];
            }
          }
        }
        return [output([B, T, H], out), output([T, B, H], active)];
      },
    },
    {
      kernelName: BACKWARD,
      backendName,
      kernelFunc: (args) => {
        const call = sequenceCall(args);
        const { B, T, H, on, values, output } = call;
        const dys = values('dy'), as = values('active'), U = values('recurrent');
        const dz = new Float32Array(T * B * H);
        const dh = new Float32Array(B * H);
        const through = new Float32Array(B * H);
        const uKey = {};
        for (let t = T - 1; t >= 0; t--) {
          for (let b = 0; b < B; b++) {
            const real = on(b, t);
            const row = (t * B + b) * H;
            for (let j = 0; j < H; j++) {
              const dht = dys[(b * T + t) * H + j] + dh[b * H + j];
              const a = as[row + j];
              if (real) dz[row + j] = dht * (1 - a * a);
              through[b * H + j] = real ? 0 : dht;
            }
          }
          if (t === 0) break;
          const back = gemm.matMul({ a: dz.subarray(t * B * H, (t + 1) * B * H), b: U, m: B, n: H, k: H, transposeA: false, transposeB: true, bKey: uKey });
          for (let q = 0; q < B * H; q++) dh[q] = back[q] + through[q];
        }
        const dU = gemm.matMul({ a: previousOutputs(values('out'), B, T, H), b: dz, m: H, n: H, k: T * B, transposeA: true, transposeB: false });
        const { dx, dW, db } = inputGradients(gemm, call, dz, H);
        return [dx, dW, output([H, H], dU), db];
      },
    },
  ];
}
