/**
 * The fused additive-attention op (engine/backend/embedded/additive-attention.ts: one kernel forward, one backward;
 * WebAssembly SIMD on the embedded backend, attention-kernel.wat; plain JS on cpu) against the composite of stock
 * tfjs ops (tanh, add, mul, sum, softmax, matMul and tfjs's autodiff through them), forward and the gradients of
 * every input, on seeded random inputs and edge shapes.
 *
 * The reference runs on 'stock-cpu': tfjs-backend-cpu with a copy of the stock kernels taken before
 * registerEmbeddedBackend() adds the fused ones to 'cpu', so there the op takes its composite path.
 *
 * Tolerance, per output tensor: |Δ| ≤ 5e-6 · max|reference| + 5e-6 · |referenceᵢ|. The kernels differ from the
 * composite by float32 rounding in another order (sums over A, M and S in SIMD lanes) and, on the embedded backend,
 * by simd-math.wat's tanh and exp (absolute error ~1e-7): each a few 1e-7 of the tensor's scale. A dropped, doubled
 * or misplaced term of a sum, a wrong row or a missing (1 − tanh²) moves an element by far more.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { additiveAttention } from '../../../engine/backend/embedded/additive-attention.ts';
import { EMBEDDED_BACKEND, registerEmbeddedBackend } from '../../../engine/backend/embedded/embedded-backend.ts';
import { seededRandom } from '../../../engine/random.ts';

const STOCK = 'stock-cpu';
const stockKernels = tf.getKernelsForBackend('cpu');
tf.registerBackend(STOCK, tf.findBackendFactory('cpu')!, 0);
for (const kernel of stockKernels) tf.registerKernel({ ...kernel, backendName: STOCK });
registerEmbeddedBackend();

const rand = seededRandom(20260611);
const randArr = (n: number, scale = 1) => Float32Array.from({ length: n }, () => (2 * rand() - 1) * scale);

interface Case {
  name: string;
  B: number; S: number; A: number; M: number;
  keys: Float32Array; query: Float32Array; v: Float32Array; maskBias: Float32Array; memory: Float32Array;
  /** Weights of the scalar the gradients are taken of: Σ context · rc + Σ weights · rw (rw null: context only). */
  rc: Float32Array; rw: Float32Array | null;
}

/** `lengths[b]`: real source positions of row b (the rest padding, maskBias −1e9); default all S. */
function makeCase(name: string, B: number, S: number, A: number, M: number, opts: { lengths?: number[]; keyScale?: number; contextOnly?: boolean } = {}): Case {
  const maskBias = new Float32Array(B * S);
  opts.lengths?.forEach((n, b) => maskBias.fill(-1e9, b * S + n, (b + 1) * S));
  return {
    name, B, S, A, M,
    keys: randArr(B * S * A, opts.keyScale ?? 1.5), query: randArr(B * A, 1.5), v: randArr(A, 1), maskBias, memory: randArr(B * S * M, 2),
    rc: randArr(B * M), rw: opts.contextOnly ? null : randArr(B * S),
  };
}

interface Out { shape: number[]; values: Float32Array }

/** Runs fn on `backend` and reads back every output; no tensor may outlive it. */
function on(backend: string, fn: () => tf.Tensor[]): Out[] {
  tf.setBackend(backend);
  assert.equal(tf.getBackend(), backend);
  const before = tf.memory().numTensors;
  const outs = tf.tidy(fn);
  const read = outs.map((t) => ({ shape: t.shape, values: Float32Array.from(t.dataSync() as Float32Array) }));
  tf.dispose(outs);
  assert.equal(tf.memory().numTensors, before, `${backend}: tensors leaked`);
  return read;
}

/** [weights, context, ∂keys, ∂query, ∂v, ∂maskBias, ∂memory] of the op on `backend`. */
function run(backend: string, c: Case): Out[] {
  return on(backend, () => {
    const inputs = [tf.tensor3d(c.keys, [c.B, c.S, c.A]), tf.tensor2d(c.query, [c.B, c.A]), tf.tensor1d(c.v), tf.tensor2d(c.maskBias, [c.B, c.S]), tf.tensor3d(c.memory, [c.B, c.S, c.M])];
    const f = (...xs: tf.Tensor[]) => additiveAttention(xs[0] as tf.Tensor3D, xs[1] as tf.Tensor2D, xs[2] as tf.Tensor1D, xs[3] as tf.Tensor2D, xs[4] as tf.Tensor3D);
    const { weights, context } = f(...inputs);
    const loss = (...xs: tf.Tensor[]) => {
      const out = f(...xs);
      const fromContext = tf.sum(tf.mul(out.context, tf.tensor2d(c.rc, [c.B, c.M])));
      return (c.rw ? tf.add(fromContext, tf.sum(tf.mul(out.weights, tf.tensor2d(c.rw, [c.B, c.S])))) : fromContext) as tf.Scalar;
    };
    return [weights, context, ...tf.grads(loss)(inputs)];
  });
}

const NAMES = ['weights', 'context', '∂keys', '∂query', '∂v', '∂maskBias', '∂memory'];
const worst = new Map<string, number>();
after(() => {
  for (const [path, w] of worst) console.log(`# ${path}: worst |Δ|/tol ${w.toExponential(2)}`);
});

function close(path: string, what: string, actual: Out, expected: Out): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const scale = expected.values.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  for (let i = 0; i < expected.values.length; i++) {
    const x = actual.values[i];
    const y = expected.values[i];
    assert.ok(Number.isFinite(x), `${what}[${i}]: ${x}`);
    const tol = 5e-6 * scale + 5e-6 * Math.abs(y) + 1e-30;
    assert.ok(Math.abs(x - y) <= tol, `${what}[${i}]: ${x} vs ${y} (|Δ| ${Math.abs(x - y).toExponential(2)} > tol ${tol.toExponential(2)})`);
    worst.set(path, Math.max(worst.get(path) ?? 0, Math.abs(x - y) / tol));
  }
}

/** The kernels on both backends against the composite; returns the embedded backend's outputs. */
function check(c: Case): Out[] {
  const expected = run(STOCK, c);
  let embedded: Out[] = [];
  for (const backend of [EMBEDDED_BACKEND, 'cpu']) {
    const actual = run(backend, c);
    const path = backend === 'cpu' ? 'plain-JS kernel' : 'SIMD kernel';
    actual.forEach((out, i) => close(path, `${c.name}: ${NAMES[i]} on ${backend}`, out, expected[i]));
    // Padding beside real positions: weight exactly 0, so no gradient reaches its memory, and the score's gradient is 0 too.
    for (let b = 0; b < c.B; b++)
      for (let s = 0; s < c.S; s++) {
        if (c.maskBias[b * c.S + s] === 0 || c.maskBias[b * c.S] !== 0) continue;
        assert.ok(actual[0].values[b * c.S + s] === 0, `${c.name} on ${backend}: padding (${b}, ${s}) has weight ${actual[0].values[b * c.S + s]}`);
        assert.ok(actual[6].values.subarray((b * c.S + s) * c.M, (b * c.S + s + 1) * c.M).every((x) => x === 0), `${c.name} on ${backend}: padding (${b}, ${s}) gets memory gradient`);
        assert.ok(actual[5].values[b * c.S + s] === 0, `${c.name} on ${backend}: padding (${b}, ${s}) gets a score gradient`);
      }
    if (backend === EMBEDDED_BACKEND) embedded = actual;
  }
  return embedded;
}

test('the fused kernels are registered on the embedded and cpu backends, not on the reference', () => {
  for (const name of ['StudioAdditiveAttention', 'StudioAdditiveAttentionGrad']) {
    assert.ok(tf.getKernel(name, EMBEDDED_BACKEND) && tf.getKernel(name, 'cpu'), name);
    assert.equal(tf.getKernel(name, STOCK), undefined);
    assert.notEqual(tf.getKernel(name, EMBEDDED_BACKEND)!.kernelFunc, tf.getKernel(name, 'cpu')!.kernelFunc);
  }
});

test('additive attention: sizes around the SIMD width (A, M not multiples of 4), B = 1, S = 1', () => {
  for (const A of [1, 3, 4, 5, 7, 8, 9]) check(makeCase(`A=${A}`, 3, 4, A, 6));
  for (const M of [1, 2, 4, 5, 11, 16]) check(makeCase(`M=${M}`, 2, 5, 8, M));
  check(makeCase('B=1', 1, 6, 12, 10));
  const one = check(makeCase('S=1', 4, 1, 7, 9));
  assert.ok(one[0].values.every((w) => w === 1), 'S = 1: every weight is 1');
  check(makeCase('B=1 S=1 A=1 M=1', 1, 1, 1, 1));
});

test('additive attention: padding, a row with one real position, a fully masked row', () => {
  check(makeCase('padded rows', 4, 7, 6, 5, { lengths: [7, 3, 1, 5] }));
  const single = check(makeCase('one real position', 3, 5, 9, 7, { lengths: [1, 5, 2] }));
  assert.equal(single[0].values[0], 1, 'the only real position takes all the weight');
  // Every position padded: the scores tie at −1e9 and the weights are uniform, as the composite gives.
  const masked = check(makeCase('fully masked row', 2, 4, 5, 3, { lengths: [0, 4] }));
  for (let s = 0; s < 4; s++) assert.ok(Math.abs(masked[0].values[s] - 0.25) < 1e-6);
});

test('additive attention: only the context used (the weights get zero gradient), saturated tanh', () => {
  check(makeCase('context only', 3, 6, 10, 8, { contextOnly: true }));
  check(makeCase('saturated tanh', 2, 5, 6, 4, { keyScale: 30 }));
});

test('additive attention: the benchmark widths (A 256, M 512) and source length (S 12)', () => {
  check(makeCase('benchmark widths', 9, 12, 256, 512, { lengths: Array.from({ length: 9 }, (_, b) => 4 + b) }));
});

test('additive attention: the embedded kernel reuses memory and keys it holds only while they are the same data', () => {
  tf.setBackend(EMBEDDED_BACKEND);
  const c = makeCase('reuse', 2, 3, 5, 6);
  const d = makeCase('other', 2, 3, 5, 6);
  const wide = makeCase('other shape', 2, 3, 5, 7);
  const ref = (x: Case) => run(STOCK, x).slice(0, 2);
  const [rc, rd, rw, rcd] = [ref(c), ref(d), ref(wide), ref({ ...c, memory: d.memory })];
  on(EMBEDDED_BACKEND, () => {
    const tensors = (x: Case) => [tf.tensor3d(x.keys, [x.B, x.S, x.A]), tf.tensor2d(x.query, [x.B, x.A]), tf.tensor1d(x.v), tf.tensor2d(x.maskBias, [x.B, x.S]), tf.tensor3d(x.memory, [x.B, x.S, x.M])] as const;
    const [tc, td, tw] = [tensors(c), tensors(d), tensors(wide)];
    const step = (t: typeof tc, expected: Out[], what: string) => {
      const { weights, context } = additiveAttention(...t);
      close('SIMD kernel', `${what}: weights`, { shape: weights.shape, values: weights.dataSync() as Float32Array }, expected[0]);
      close('SIMD kernel', `${what}: context`, { shape: context.shape, values: context.dataSync() as Float32Array }, expected[1]);
    };
    step(tc, rc, 'first');
    step(tc, rc, 'same data again');
    step(td, rd, 'other data, same shape');
    step([tc[0], tc[1], tc[2], tc[3], td[4]], rcd, 'keys kept, memory changed');
    step(tw, rw, 'another shape');
    step(tc, rc, 'back to the first');
    return [];
  });
});

test('additive attention: mismatched shapes are refused by name', () => {
  const t = (shape: number[]) => tf.zeros(shape);
  assert.throws(() => additiveAttention(t([2, 3, 4]) as tf.Tensor3D, t([2, 5]) as tf.Tensor2D, t([4]) as tf.Tensor1D, t([2, 3]) as tf.Tensor2D, t([2, 3, 6]) as tf.Tensor3D), /additiveAttention: query must be \[B, A\] \(keys \[2, 3, 4\], query \[2, 5\]/);
  assert.throws(() => additiveAttention(t([2, 3, 4]) as tf.Tensor3D, t([2, 4]) as tf.Tensor2D, t([4]) as tf.Tensor1D, t([2, 3]) as tf.Tensor2D, t([2, 2, 6]) as tf.Tensor3D), /memory must be \[B, S, M\]/);
  assert.throws(() => additiveAttention(t([2, 0, 4]) as tf.Tensor3D, t([2, 4]) as tf.Tensor2D, t([4]) as tf.Tensor1D, t([2, 0]) as tf.Tensor2D, t([2, 0, 6]) as tf.Tensor3D), /no source positions/);
});
