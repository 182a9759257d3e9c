/**
 * A whole SimpleRNN layer (Elman: h' = tanh(x·W + b + h·U), h' = h where the mask is 0) as one kernel forward
 * and one backward, as lstm-sequence.ts does for the LSTM (see there for why): per step one product each way,
 * the rest once over all steps. Exactly tfjs-layers' SimpleRNN with its default tanh.
 */
import * as tf from '@tensorflow/tfjs';
import type { Gemm } from './gemm.ts';
import { type CpuBackend, valuesOf } from './cpu-backend.ts';
import { previousOutputs, registerSequenceGradient, runSequenceKernel, timeMajor, untimeMajor } from './recurrent-common.ts';

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
      kernelFunc: ({ inputs, backend, attrs }) => {
        const cpu = backend as unknown as CpuBackend;
        const { x, mask, kernel, recurrent, bias } = inputs as Record<string, tf.TensorInfo>;
        const goBackwards = Boolean((attrs as { goBackwards: boolean }).goBackwards);
        const [B, T, E] = x.shape;
        const H = recurrent.shape[0];
        const ms = valuesOf(cpu, mask), bs = valuesOf(cpu, bias);
        const U = valuesOf(cpu, recurrent) as Float32Array;
        const source = (t: number) => (goBackwards ? T - 1 - t : t);
        const z = gemm.matMul({ a: timeMajor(valuesOf(cpu, x) as Float32Array, B, T, E, source), b: valuesOf(cpu, kernel) as Float32Array, m: T * B, n: H, k: E, transposeA: false, transposeB: false });
        const out = new Float32Array(B * T * H);
        const active = new Float32Array(T * B * H); // tanh of the step's pre-activation (time-major)
        const h = new Float32Array(B * H);
        const uKey = {};
        for (let t = 0; t < T; t++) {
          const hu = t > 0 ? gemm.matMul({ a: h, b: U, m: B, n: H, k: H, transposeA: false, transposeB: false, bKey: uKey }) : null;
          for (let b = 0; b < B; b++) {
            const on = ms[b * T + source(t)] !== 0;
            const row = (t * B + b) * H;
            for (let j = 0; j < H; j++) {
              const a = (active[row + j] = Math.tanh(z[row + j] + bs[j] + (hu ? hu[b * H + j] : 0)));
              if (on) h[b * H + j] = a;
              out[(b * T + t) * H + j] = h[b * H + j];
            }
          }
        }
        return [cpu.makeTensorInfo([B, T, H], 'float32', out), cpu.makeTensorInfo([T, B, H], 'float32', active)];
      },
    },
    {
      kernelName: BACKWARD,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const cpu = backend as unknown as CpuBackend;
        const { dy, x, mask, kernel, recurrent, out, active } = inputs as Record<string, tf.TensorInfo>;
        const goBackwards = Boolean((attrs as { goBackwards: boolean }).goBackwards);
        const [B, T, E] = x.shape;
        const H = recurrent.shape[0];
        const dys = valuesOf(cpu, dy), ms = valuesOf(cpu, mask), as = valuesOf(cpu, active);
        const U = valuesOf(cpu, recurrent) as Float32Array;
        const source = (t: number) => (goBackwards ? T - 1 - t : t);
        const dz = new Float32Array(T * B * H);
        const dh = new Float32Array(B * H);
        const through = new Float32Array(B * H);
        const uKey = {};
        for (let t = T - 1; t >= 0; t--) {
          for (let b = 0; b < B; b++) {
            const on = ms[b * T + source(t)] !== 0;
            const row = (t * B + b) * H;
            for (let j = 0; j < H; j++) {
              const dht = dys[(b * T + t) * H + j] + dh[b * H + j];
              const a = as[row + j];
              if (on) dz[row + j] = dht * (1 - a * a);
              through[b * H + j] = on ? 0 : dht;
            }
          }
          if (t === 0) break;
          const back = gemm.matMul({ a: dz.subarray(t * B * H, (t + 1) * B * H), b: U, m: B, n: H, k: H, transposeA: false, transposeB: true, bKey: uKey });
          for (let q = 0; q < B * H; q++) dh[q] = back[q] + through[q];
        }
        const xt = timeMajor(valuesOf(cpu, x) as Float32Array, B, T, E, source);
        const dW = gemm.matMul({ a: xt, b: dz, m: E, n: H, k: T * B, transposeA: true, transposeB: false });
        const dU = gemm.matMul({ a: previousOutputs(valuesOf(cpu, out) as Float32Array, B, T, H), b: dz, m: H, n: H, k: T * B, transposeA: true, transposeB: false });
        const dxt = gemm.matMul({ a: dz, b: valuesOf(cpu, kernel) as Float32Array, m: T * B, n: E, k: H, transposeA: false, transposeB: true });
        const db = new Float32Array(H);
        for (let r = 0; r < T * B; r++) for (let j = 0; j < H; j++) db[j] += dz[r * H + j];
        return [
          cpu.makeTensorInfo([B, T, E], 'float32', untimeMajor(dxt, B, T, E, source)),
          cpu.makeTensorInfo([E, H], 'float32', dW),
          cpu.makeTensorInfo([H, H], 'float32', dU),
          cpu.makeTensorInfo([H], 'float32', db),
        ];
      },
    },
  ];
}
