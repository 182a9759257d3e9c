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
 * else. Initial states are zeros. The gate math runs in WebAssembly SIMD in float32 op by op as tfjs does
 * (lstm-kernel.ts) when H is a multiple of 4, else in plain JS (float64, stored as float32).
 */
import * as tf from '@tensorflow/tfjs';
import type { Gemm } from './gemm.ts';
import { LstmWasm } from './lstm-kernel.ts';
import { inputGradients, inputProjection, previousOutputs, registerSequenceGradient, runSequenceKernel, sequenceCall, sigmoid, type SequenceCall } from './recurrent-common.ts';

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
  const simd = new LstmWasm();
  return [
    {
      kernelName: FORWARD,
      backendName,
      kernelFunc: (args) => {
        const call = sequenceCall(args);
        const { B, T, H, values, output } = call;
        const G = 4 * H;
        const z = inputProjection(gemm, call, G, true);
        const stepMask = stepMasks(call);
        const { out, gates, cells } = H % 4 === 0 ? forwardSimd(simd, gemm, z, values('recurrent'), stepMask, B, T, H) : forwardJs(gemm, z, values('recurrent'), stepMask, B, T, H);
        return [output([B, T, H], out), output([T, B, G], gates), output([T, B, H], cells)];
      },
    },
    {
      kernelName: BACKWARD,
      backendName,
      kernelFunc: (args) => {
        const call = sequenceCall(args);
        const { B, T, H, values, output } = call;
        const G = 4 * H;
        const dz = (H % 4 === 0 ? backwardSimd : backwardJs)(simd, gemm, values('dy'), values('gates'), values('cells'), values('recurrent'), stepMasks(call), B, T, H);
        // Over all steps at once: dU = Hₜ₋₁ᵀ·dZ, and the input projection's dX, dW, db.
        const dU = gemm.matMul({ a: previousOutputs(values('out'), B, T, H), b: dz, m: H, n: G, k: T * B, transposeA: true, transposeB: false });
        const { dx, dW, db } = inputGradients(gemm, call, dz, G);
        return [dx, dW, output([H, G], dU), db];
      },
    },
  ];
}


type StepMask = (t: number) => Float32Array;

/** Step t's mask over the batch as floats (1 = real, 0 = padding), the layout the SIMD kernel reads. */
const stepMasks = ({ B, on }: SequenceCall): StepMask => (t) => Float32Array.from({ length: B }, (_, b) => (on(b, t) ? 1 : 0));

/** The time loop with the gate math in WebAssembly (lstm-kernel.ts); z: x·W + b, time-major [T·B, 4H]. */
function forwardSimd(simd: LstmWasm, gemm: Gemm, z: Float32Array, U: Float32Array, stepMask: StepMask, B: number, T: number, H: number) {
  const G = 4 * H;
  // Float offsets: z (all steps) | hu | c | h | gates (all steps) | mask
  const zOff = 0, huOff = T * B * G, cOff = huOff + B * G, hOff = cOff + B * H, gOff = hOff + B * H, mOff = gOff + T * B * G;
  const heap = simd.reserve(mOff + B);
  heap.set(z, zOff);
  heap.fill(0, huOff, gOff); // h·U before the first step, c and h
  const out = new Float32Array(B * T * H);
  const cells = new Float32Array(T * B * H);
  const uKey = {}; // U is packed once for all the steps of this call
  for (let t = 0; t < T; t++) {
    if (t > 0) heap.set(gemm.matMul({ a: heap.subarray(hOff, hOff + B * H), b: U, m: B, n: G, k: H, transposeA: false, transposeB: false, bKey: uKey }), huOff);
    heap.set(stepMask(t), mOff);
    simd.forward((zOff + t * B * G) * 4, huOff * 4, cOff * 4, hOff * 4, (gOff + t * B * G) * 4, mOff * 4, B, H);
    cells.set(heap.subarray(cOff, cOff + B * H), t * B * H);
    for (let b = 0; b < B; b++) out.set(heap.subarray(hOff + b * H, hOff + (b + 1) * H), (b * T + t) * H);
  }
  return { out, gates: heap.slice(gOff, gOff + T * B * G), cells };
}

/** The same in plain JS (H not a multiple of 4), in float64 with float32 stores. */
function forwardJs(gemm: Gemm, z: Float32Array, U: Float32Array, stepMask: StepMask, B: number, T: number, H: number) {
  const G = 4 * H;
  const out = new Float32Array(B * T * H); // [B, T, H]
  const gates = new Float32Array(T * B * G); // [T, B, 4H]: i, f, g, o after their activations
  const cells = new Float32Array(T * B * H); // [T, B, H]: c after step t (masked)
  const h = new Float32Array(B * H);
  const c = new Float32Array(B * H);
  const uKey = {};
  for (let t = 0; t < T; t++) {
    const hu = t > 0 ? gemm.matMul({ a: h, b: U, m: B, n: G, k: H, transposeA: false, transposeB: false, bKey: uKey }) : null;
    const mask = stepMask(t);
    for (let b = 0; b < B; b++) {
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
        if (mask[b]) {
          const cn = Math.fround(f * c[b * H + j] + i * g);
          c[b * H + j] = cn;
          h[b * H + j] = o * Math.tanh(cn);
        }
        cells[(t * B + b) * H + j] = c[b * H + j];
        out[(b * T + t) * H + j] = h[b * H + j];
      }
    }
  }
  return { out, gates, cells };
}

/** Backpropagation through time with the gate gradients in WebAssembly; returns dZ, time-major [T·B, 4H]. */
function backwardSimd(simd: LstmWasm, gemm: Gemm, dys: ArrayLike<number>, gates: Float32Array, cells: Float32Array, U: Float32Array, stepMask: StepMask, B: number, T: number, H: number): Float32Array {
  const G = 4 * H;
  // Float offsets: gates | cells | dz | dh | dc | through | zeros (c before the first step) | mask
  const gOff = 0, cOff = T * B * G, dzOff = cOff + T * B * H, dhOff = dzOff + T * B * G;
  const dcOff = dhOff + B * H, thOff = dcOff + B * H, zeroOff = thOff + B * H, mOff = zeroOff + B * H;
  const heap = simd.reserve(mOff + B);
  heap.set(gates, gOff);
  heap.set(cells, cOff);
  heap.fill(0, dhOff, mOff);
  const next = new Float32Array(B * H); // the gradient reaching h after step t from later steps
  const uKey = {};
  for (let t = T - 1; t >= 0; t--) {
    for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) heap[dhOff + b * H + j] = dys[(b * T + t) * H + j] + next[b * H + j];
    heap.set(stepMask(t), mOff);
    simd.backward(dhOff * 4, dcOff * 4, (gOff + t * B * G) * 4, (cOff + t * B * H) * 4, (t > 0 ? cOff + (t - 1) * B * H : zeroOff) * 4, mOff * 4, (dzOff + t * B * G) * 4, thOff * 4, B, H);
    if (t === 0) break; // h before the first step is the constant 0
    const back = gemm.matMul({ a: heap.subarray(dzOff + t * B * G, dzOff + (t + 1) * B * G), b: U, m: B, n: H, k: G, transposeA: false, transposeB: true, bKey: uKey });
    for (let q = 0; q < B * H; q++) next[q] = back[q] + heap[thOff + q];
  }
  return heap.slice(dzOff, dzOff + T * B * G);
}

/** The same in plain JS. */
function backwardJs(_simd: LstmWasm, gemm: Gemm, dys: ArrayLike<number>, gs: Float32Array, cs: Float32Array, U: Float32Array, stepMask: StepMask, B: number, T: number, H: number): Float32Array {
  const G = 4 * H;
  const dz = new Float32Array(T * B * G); // [T·B, 4H], time-major
  const dh = new Float32Array(B * H); // gradient reaching h after step t from later steps
  const dc = new Float32Array(B * H);
  const through = new Float32Array(B * H); // dh of padded rows, which pass it on unchanged
  const uKey = {};
  for (let t = T - 1; t >= 0; t--) {
    const mask = stepMask(t);
    for (let b = 0; b < B; b++) {
      const zr = (t * B + b) * G;
      for (let j = 0; j < H; j++) {
        const dht = dys[(b * T + t) * H + j] + dh[b * H + j];
        if (!mask[b]) {
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
    if (t === 0) break;
    const back = gemm.matMul({ a: dz.subarray(t * B * G, (t + 1) * B * G), b: U, m: B, n: H, k: G, transposeA: false, transposeB: true, bKey: uKey });
    for (let q = 0; q < B * H; q++) dh[q] = back[q] + through[q];
  }
  return dz;
}
