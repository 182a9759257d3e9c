/**
 * The embedded backend's numeric kernels — the WebAssembly SIMD GEMM behind BatchMatMul and _FusedMatMul
 * (gemm.ts, matmul-kernels.ts), the fused softmax cross-entropy (softmax-cross-entropy.ts, softmax-kernel.ts), the
 * fused Adam update and sumOfSquares (adam.ts) and the scatter-add UnsortedSegmentSum (segment-sum.ts) — against
 * tfjs's stock pure-JS kernels, forward and through tf.grad, on seeded random inputs.
 *
 * The reference is a third backend, 'stock-cpu': tfjs-backend-cpu with a copy of every stock cpu kernel taken
 * before registerEmbeddedBackend() runs installFastCpuKernels() (which replaces UnsortedSegmentSum on 'cpu' and adds
 * the fused kernels there). So 'stock-cpu' is tfjs as shipped, 'cpu' is tfjs plus our plain-JS kernels, and 'wasm'
 * is the embedded backend; on 'stock-cpu' the fused ops take their composite / tfjs paths.
 *
 * Unlike the shape and elementwise kernels, these do not reproduce the reference bit for bit: they add float32
 * products in another order (k-blocked SIMD lanes), accumulate in float64 where tfjs rounds every op to float32, or
 * take exp by a polynomial. Tolerances, per element:
 *  - a sum of k products: |Δ| ≤ 1e-5 · √k · Σ|aᵢ·bᵢ| — rounding errors of a float32 sum of k terms grow like √k · u ·
 *    Σ|terms| (u = 6e-8) for either order, so 1e-5·√k leaves ~100× headroom yet catches a single dropped, doubled or
 *    misplaced term (~Σ/k, far above 1e-5·√k·Σ for every k tested here). The scale Σ|aᵢ·bᵢ| is |A|·|B|, computed
 *    by the reference on the absolute values, so cancellation cannot make the bound vanish.
 *  - others are stated where they are used. Each section records its worst |Δ| / tolerance and prints it at the end.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { FusedAdam, sumOfSquares } from '../../../engine/backend/embedded/adam.ts';
import { EMBEDDED_BACKEND, registerEmbeddedBackend } from '../../../engine/backend/embedded/embedded-backend.ts';
import { softmaxCrossEntropy } from '../../../engine/backend/embedded/softmax-cross-entropy.ts';
import { seededRandom } from '../../../engine/random.ts';

// The reference backend, with the stock kernels (copied before installFastCpuKernels replaces any on 'cpu').
const STOCK = 'stock-cpu';
const stockKernels = tf.getKernelsForBackend('cpu');
tf.registerBackend(STOCK, tf.findBackendFactory('cpu')!, 0);
for (const kernel of stockKernels) tf.registerKernel({ ...kernel, backendName: STOCK });

// At least 3 GEMM threads, so that products above 2^18 multiply-adds really split (unevenly) across workers.
process.env.NLP_STUDIO_THREADS ??= '3';
const { threads } = registerEmbeddedBackend();

const rand = seededRandom(20261129);
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
/** Uniform in (−scale, scale). */
const randArr = (n: number, scale = 1) => Float32Array.from({ length: n }, () => (2 * rand() - 1) * scale);

interface Out { shape: number[]; values: Float32Array }

/** Runs fn on `backend` (inputs made inside fn live there) and reads back every output. */
function on(backend: string, fn: () => tf.Tensor | tf.Tensor[]): Out[] {
  tf.setBackend(backend);
  assert.equal(tf.getBackend(), backend);
  const before = tf.memory().numTensors;
  const outs = tf.tidy(fn);
  const list = Array.isArray(outs) ? outs : [outs];
  const read = list.map((t) => ({ shape: t.shape, values: Float32Array.from(t.dataSync() as Float32Array) }));
  tf.dispose(list);
  assert.equal(tf.memory().numTensors, before, `${backend}: tensors leaked`);
  return read;
}

/** Worst |Δ| / tolerance and worst relative |Δ| seen per section, printed at the end. */
const worst = new Map<string, { ratio: number; diff: number; rel: number; where: string }>();
after(() => {
  for (const [section, w] of worst) console.log(`# ${section}: worst |Δ|/tol ${w.ratio.toExponential(2)}, worst |Δ| ${w.diff.toExponential(2)}, worst |Δ|/|ref| ${w.rel.toExponential(2)} (${w.where})`);
});

/** actual ≈ expected element by element: |Δ| ≤ tol[i]; same shapes; no NaN unless both. */
function close(section: string, what: string, actual: Out, expected: Out, tol: (i: number) => number): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const w = worst.get(section) ?? { ratio: 0, diff: 0, rel: 0, where: '' };
  for (let i = 0; i < expected.values.length; i++) {
    const x = actual.values[i];
    const y = expected.values[i];
    if (Number.isNaN(y) || Number.isNaN(x)) assert.ok(Number.isNaN(x) && Number.isNaN(y), `${what}[${i}]: ${x} vs ${y}`);
    const diff = Math.abs(x - y);
    const t = tol(i);
    assert.ok(diff <= t, `${what}[${i}]: ${x} vs ${y} (|Δ| ${diff.toExponential(2)} > tol ${t.toExponential(2)})`);
    if (t > 0 && diff / t > w.ratio) Object.assign(w, { ratio: diff / t, where: `${what}[${i}]` });
    w.diff = Math.max(w.diff, diff);
    if (y !== 0) w.rel = Math.max(w.rel, diff / Math.abs(y));
  }
  worst.set(section, w);
}

/** The sum tolerance above: 1e-5 · √k · scale[i] (plus the smallest normal float, for all-zero scales). */
const sumTol = (k: number, scale: Float32Array) => (i: number) => 1e-5 * Math.sqrt(Math.max(k, 1)) * scale[i] + 1e-38;

// ---------------------------------------------------------------------------------------------------------------
// 1. matMul

interface MatMulCase { a: number[]; b: number[]; tA: boolean; tB: boolean }

/** Operand shapes for op(A) = [..., m, k], op(B) = [..., k, n]. */
function mmCase(m: number, k: number, n: number, tA: boolean, tB: boolean, batchA: number[] = [], batchB: number[] = []): MatMulCase {
  return { a: [...batchA, ...(tA ? [k, m] : [m, k])], b: [...batchB, ...(tB ? [n, k] : [k, n])], tA, tB };
}

const TRANSPOSES: [boolean, boolean][] = [[false, false], [false, true], [true, false], [true, true]];

function checkMatMul({ a, b, tA, tB }: MatMulCase, section = 'matMul forward'): void {
  const av = randArr(size(a));
  const bv = randArr(size(b));
  const k = tA ? a[a.length - 2] : a[a.length - 1];
  const what = `matMul ${JSON.stringify(a)}${tA ? 'ᵀ' : ''} · ${JSON.stringify(b)}${tB ? 'ᵀ' : ''}`;
  const product = (x: Float32Array, y: Float32Array) => () => tf.matMul(tf.tensor(x, a), tf.tensor(y, b), tA, tB);
  const [expected] = on(STOCK, product(av, bv));
  const [scale] = on(STOCK, product(av.map(Math.abs), bv.map(Math.abs)));
  const [actual] = on(EMBEDDED_BACKEND, product(av, bv));
  close(section, what, actual, expected, sumTol(k, scale.values));
}

/** Sizes around the tile (4 × 8), unroll (4) and k-block (256) boundaries. */
const SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 17, 255, 256, 257, 300];

test('matMul: m, n, k each over the edge sizes, all four transpose combinations', () => {
  const shapes: [number, number, number][] = [];
  for (const s of SIZES) shapes.push([s, 9, 17], [5, s, 7], [8, 3, s]);
  for (const s of SIZES.filter((s) => s <= 17)) shapes.push([s, s, s]);
  shapes.push([255, 257, 9], [257, 255, 31], [17, 256, 255], [3, 300, 257]);
  for (const [m, k, n] of shapes) for (const [tA, tB] of TRANSPOSES) checkMatMul(mmCase(m, k, n, tA, tB));
});

test('matMul: batched rank 3 (equal batches, a batch of 1 broadcast either side) and rank 4', () => {
  for (const [tA, tB] of TRANSPOSES) {
    checkMatMul(mmCase(5, 9, 7, tA, tB, [3], [3]));
    checkMatMul(mmCase(17, 33, 12, tA, tB, [1], [4]));
    checkMatMul(mmCase(6, 3, 9, tA, tB, [4], [1]));
    checkMatMul(mmCase(4, 5, 10, tA, tB, [2, 3], [2, 3]));
    checkMatMul(mmCase(9, 8, 3, tA, tB, [2, 1], [1, 1]));
  }
  // A rank-3 operand against a rank-2 one (tf.matMul broadcasts the missing batch dims).
  checkMatMul({ a: [3, 7, 5], b: [5, 6], tA: false, tB: false });
});

test('matMul: k = 0 gives zeros; m = 0 / n = 0 give empty results', () => {
  for (const [tA, tB] of TRANSPOSES) {
    const c = mmCase(3, 0, 5, tA, tB);
    const [expected] = on(STOCK, () => tf.matMul(tf.zeros(c.a), tf.zeros(c.b), tA, tB));
    const [actual] = on(EMBEDDED_BACKEND, () => tf.matMul(tf.zeros(c.a), tf.zeros(c.b), tA, tB));
    assert.deepEqual(actual.shape, [3, 5]);
    assert.deepEqual(actual, expected);
    assert.ok(actual.values.every((v) => v === 0));
    checkMatMul(mmCase(0, 4, 5, tA, tB));
    checkMatMul(mmCase(3, 4, 0, tA, tB));
  }
});

test('matMul: parallel products (split along n and along m) and several k blocks', () => {
  assert.ok(threads >= 2, `the GEMM runs ${threads} thread(s): the parallel path is not exercised`);
  for (const [tA, tB] of TRANSPOSES) {
    checkMatMul(mmCase(64, 300, 300, tA, tB), 'matMul parallel'); // 5.8 M multiply-adds, split along n
    checkMatMul(mmCase(300, 300, 8, tA, tB), 'matMul parallel'); // split along m
    checkMatMul(mmCase(9, 600, 17, tA, tB), 'matMul k blocks'); // k = 256 + 256 + 88
    checkMatMul(mmCase(70, 600, 33, tA, tB), 'matMul k blocks'); // parallel and 3 k blocks
  }
  checkMatMul(mmCase(4, 300, 300, false, false), 'matMul parallel'); // one A panel, fewer than the threads
  checkMatMul(mmCase(3, 300, 300, false, false, [2], [1]), 'matMul parallel');
});

/** A new array: `from` scaled by `by`. */
const randArrFrom = (from: Float32Array, by: number) => from.map((v) => v * by);

test('matMul: one B reused by several products (as a recurrent layer does), and a refilled input array', () => {
  const bv = randArr(37 * 29);
  const as = [randArr(5 * 37), randArr(64 * 37), randArr(300 * 37)];
  const products = (refill: boolean) => () => {
    const b = tf.tensor(bv, [37, 29]);
    const outs = as.flatMap((av) => {
      const a = tf.tensor(av, [av.length / 37, 37]);
      return [tf.matMul(a, b), tf.matMul(b, tf.transpose(a), true, false), tf.matMul(tf.transpose(b), tf.transpose(a), false, false)];
    });
    if (!refill) return outs;
    // tf.tensor keeps the caller's Float32Array as the tensor's storage (no copy): a caller that refills its
    // buffer and makes a new tensor from it must get products of the new values.
    const buf = Float32Array.from(bv);
    const first = tf.matMul(tf.tensor(as[0], [5, 37]), tf.tensor(buf, [37, 29]));
    buf.set(randArrFrom(bv, 3));
    return [...outs, first, tf.matMul(tf.tensor(as[0], [5, 37]), tf.tensor(buf, [37, 29]))];
  };
  for (const refill of [false, true]) {
    const expected = on(STOCK, products(refill));
    const actual = on(EMBEDDED_BACKEND, products(refill));
    // k = 37 products of magnitude < 1 (< 3 after the refill): Σ|aᵢbᵢ| < 3·37, so 1e-5·√37·3·37 bounds every entry.
    expected.forEach((e, i) => close('matMul forward', `reused B, product ${i}${refill ? ' (refilled)' : ''}`, actual[i], e, () => 1e-5 * Math.sqrt(37) * 3 * 37));
  }
});

/** Gradients of Σ W ⊙ matMul(A, B) w.r.t. A and B, W random. */
function checkMatMulGrad({ a, b, tA, tB }: MatMulCase): void {
  const av = randArr(size(a));
  const bv = randArr(size(b));
  const [yShape] = on(STOCK, () => tf.matMul(tf.zeros(a), tf.zeros(b), tA, tB)).map((o) => o.shape);
  const wv = randArr(size(yShape));
  const grads = (x: Float32Array, y: Float32Array, w: Float32Array) => () =>
    tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(tf.matMul(p, q, tA, tB), tf.tensor(w, yShape))))([tf.tensor(x, a), tf.tensor(y, b)]);
  const expected = on(STOCK, grads(av, bv, wv));
  const scale = on(STOCK, grads(av.map(Math.abs), bv.map(Math.abs), wv.map(Math.abs)));
  const actual = on(EMBEDDED_BACKEND, grads(av, bv, wv));
  // dA sums over n (and broadcast batches), dB over m: bound by the longest such sum.
  const terms = Math.max(...yShape) * Math.max(1, size(yShape.slice(0, -2)));
  const what = `∂ matMul ${JSON.stringify(a)}${tA ? 'ᵀ' : ''} · ${JSON.stringify(b)}${tB ? 'ᵀ' : ''}`;
  close('matMul gradient', `${what} / ∂a`, actual[0], expected[0], sumTol(terms, scale[0].values));
  close('matMul gradient', `${what} / ∂b`, actual[1], expected[1], sumTol(terms, scale[1].values));
}

test('matMul gradients w.r.t. both operands', () => {
  for (const [tA, tB] of TRANSPOSES) {
    for (const [m, k, n] of [[1, 1, 1], [5, 7, 3], [17, 9, 8], [33, 257, 20], [64, 300, 40]] as const) checkMatMulGrad(mmCase(m, k, n, tA, tB));
    // (Not with a broadcast batch of 1: tfjs 4.22's BatchMatMul gradient does not reduce it, on any backend.)
    checkMatMulGrad(mmCase(5, 6, 7, tA, tB, [3], [3]));
    checkMatMulGrad(mmCase(4, 3, 9, tA, tB, [2, 2], [2, 2]));
  }
});

// ---------------------------------------------------------------------------------------------------------------
// 2. fused matMul

type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'elu' | 'leakyrelu';
/** tfjs's Activation type lacks 'tanh', which the embedded kernel implements (and tfjs-backend-cpu rejects). */
type TfActivation = Parameters<typeof tf.fused.matMul>[0]['activation'];

function checkFused(c: MatMulCase, bias: 'none' | 'column' | 'scalar', activation: Activation, gradient: boolean): void {
  const { a, b, tA, tB } = c;
  const n = tB ? b[b.length - 2] : b[b.length - 1];
  const k = tA ? a[a.length - 2] : a[a.length - 1];
  const biasShape = bias === 'column' ? [n] : [];
  const av = randArr(size(a));
  const bv = randArr(size(b));
  const cv = randArr(bias === 'column' ? n : 1);
  const what = `fused ${activation} bias:${bias} ${JSON.stringify(a)}${tA ? 'ᵀ' : ''} · ${JSON.stringify(b)}${tB ? 'ᵀ' : ''}`;
  const fused = (p: tf.Tensor, q: tf.Tensor, r?: tf.Tensor) =>
    tf.fused.matMul({ a: p, b: q, transposeA: tA, transposeB: tB, bias: r, activation: activation as TfActivation, leakyreluAlpha: 0.2 });
  // tfjs-backend-cpu's _FusedMatMul has no tanh (it throws): the reference composes it.
  const reference = (p: tf.Tensor, q: tf.Tensor, r?: tf.Tensor) =>
    activation === 'tanh' ? tf.tanh(r ? tf.add(tf.matMul(p, q, tA, tB), r) : tf.matMul(p, q, tA, tB)) : fused(p, q, r);
  const inputs = (x: Float32Array, y: Float32Array, z: Float32Array) => [tf.tensor(x, a), tf.tensor(y, b), ...(bias === 'none' ? [] : [tf.tensor(z, biasShape)])];
  const [expected] = on(STOCK, () => reference(...(inputs(av, bv, cv) as [tf.Tensor, tf.Tensor])));
  const [actual] = on(EMBEDDED_BACKEND, () => fused(...(inputs(av, bv, cv) as [tf.Tensor, tf.Tensor])));
  // Every activation here has slope ≤ 1, so the pre-activation's error bound (|A|·|B| + |bias|) carries over.
  const [scale] = on(STOCK, () => {
    const [p, q, r] = inputs(av.map(Math.abs), bv.map(Math.abs), cv.map(Math.abs));
    return r ? tf.add(tf.matMul(p, q, tA, tB), r) : tf.matMul(p, q, tA, tB);
  });
  close('fused matMul forward', what, actual, expected, sumTol(k + 1, scale.values));
  if (!gradient) return;
  const wv = randArr(size(expected.shape));
  const grads = (x: Float32Array, y: Float32Array, z: Float32Array, w: Float32Array) => () =>
    tf.grads((...ts: tf.Tensor[]) => tf.sum(tf.mul(fused(ts[0], ts[1], ts[2]), tf.tensor(w, expected.shape))))(inputs(x, y, z));
  const eg = on(STOCK, grads(av, bv, cv, wv));
  const ag = on(EMBEDDED_BACKEND, grads(av, bv, cv, wv));
  // Scale: the linear product's gradient on absolute values (|W|·|B|ᵀ, …), which bounds the activation's (slope ≤ 1).
  // Besides the gradient's own sums, the activation's slope is taken at a pre-activation that is itself off by up
  // to 1e-5·√k·max(|A|·|B| + |bias|) (curvature ≤ 1 for all of them): that adds √k·max(scale) to the √terms.
  const linear = (p: tf.Tensor, q: tf.Tensor, r?: tf.Tensor) => tf.fused.matMul({ a: p, b: q, transposeA: tA, transposeB: tB, bias: r });
  const sg = on(STOCK, () =>
    tf.grads((...ts: tf.Tensor[]) => tf.sum(tf.mul(linear(ts[0], ts[1], ts[2]), tf.tensor(wv.map(Math.abs), expected.shape))))(inputs(av.map(Math.abs), bv.map(Math.abs), cv.map(Math.abs))),
  );
  const terms = Math.max(...expected.shape) * Math.max(1, size(expected.shape.slice(0, -2)));
  const yMax = activation === 'linear' ? 0 : scale.values.reduce((x, y) => Math.max(x, y), 0);
  eg.forEach((e, i) => {
    const sums = i === 2 ? size(expected.shape) : terms;
    close('fused matMul gradient', `∂ ${what} / ∂${'abc'[i]}`, ag[i], e, (j) => 1e-5 * (Math.sqrt(sums) + Math.sqrt(k) * yMax) * sg[i].values[j] + 1e-38);
  });
}

/**
 * Under tf.grad, tfjs fuses only 'linear' (its custom gradient); other activations run unfused (matMul, add,
 * activation ops), and 'tanh' throws ("Unknown fused activation") on every backend — tfjs-core has no unfused tanh.
 */
test('fused matMul: bias [n] / scalar / none × activations, forward and gradient', () => {
  const cases = [mmCase(5, 9, 7, false, false), mmCase(17, 33, 12, true, false), mmCase(8, 257, 9, false, true), mmCase(3, 4, 10, true, true), mmCase(4, 6, 5, false, false, [3], [3])];
  for (const c of cases) {
    for (const bias of ['none', 'column', 'scalar'] as const) {
      // linear / relu / sigmoid / tanh run on the GEMM; elu / leakyrelu fall back to the reference kernel.
      for (const act of ['linear', 'relu', 'sigmoid', 'tanh', 'elu', 'leakyrelu'] as const) checkFused(c, bias, act, act !== 'tanh');
    }
  }
  checkFused(mmCase(64, 300, 300, false, false), 'column', 'relu', true); // parallel
});

test('fused matMul: tanh has no gradient in tfjs, on either backend; forward tanh runs on the embedded one only', () => {
  for (const backend of [STOCK, EMBEDDED_BACKEND]) {
    tf.setBackend(backend);
    assert.throws(
      () => tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.fused.matMul({ a: x, b: tf.ones([3, 2]), activation: 'tanh' as TfActivation })))(tf.ones([2, 3]))),
      /Unknown fused activation tanh/,
    );
  }
  tf.setBackend(STOCK);
  assert.throws(() => tf.tidy(() => tf.fused.matMul({ a: tf.ones([2, 3]), b: tf.ones([3, 2]), activation: 'tanh' as TfActivation })), /tanh/);
});

// ---------------------------------------------------------------------------------------------------------------
// 3. softmax cross-entropy

interface SceCase { name: string; shape: number[]; logits: Float32Array; targets: Int32Array; weights: Float32Array; dy: number }

function sceCase(name: string, rows: number[], C: number, opts: { spread?: number; weights?: (i: number) => number; edit?: (z: Float32Array, t: Int32Array) => void; dy?: number } = {}): SceCase {
  const n = size(rows);
  const logits = randArr(n * C, opts.spread ?? 3);
  const targets = Int32Array.from({ length: n }, () => Math.floor(rand() * C));
  const weights = Float32Array.from({ length: n }, (_, i) => (opts.weights ? opts.weights(i) : 1 / n));
  opts.edit?.(logits, targets);
  return { name, shape: [...rows, C], logits, targets, weights, dy: opts.dy ?? 0.75 };
}

/** The independent reference: Σᵢ wᵢ · (logSumExp(zᵢ) − Σ_c zᵢc · onehot(tᵢ)c), in stock tf ops. */
function referenceLoss(z: tf.Tensor, t: tf.Tensor, w: tf.Tensor): tf.Scalar {
  const C = z.shape[z.rank - 1];
  const picked = tf.sum(tf.mul(z, tf.cast(tf.equal(tf.expandDims(t, -1), tf.range(0, C, 1, 'int32')), 'float32')), -1); // (oneHot wants C ≥ 2)
  return tf.sum(tf.mul(w, tf.sub(tf.logSumExp(z, -1), picked)));
}

const tensorsOf = (c: SceCase) => [tf.tensor(c.logits, c.shape), tf.tensor(c.targets, c.shape.slice(0, -1), 'int32'), tf.tensor(c.weights, c.shape.slice(0, -1))] as const;

/**
 * The reference gradient, analytic in stock tf ops: dy · wᵢ · (softmax(zᵢ) − onehot(tᵢ)). (Not tfjs's autodiff of
 * referenceLoss: that routes a residual dy·wᵢ·(1 − Σ softmax) through max's gradient to each row's argmax, float32
 * rounding of a C-term sum — 5e-5 relative at C = 10000, where the fused kernels are exact to ~1e-7.)
 */
function referenceGrad(z: tf.Tensor, t: tf.Tensor, w: tf.Tensor, dy: number): tf.Tensor {
  const C = z.shape[z.rank - 1];
  const onehot = tf.cast(tf.equal(tf.expandDims(t, -1), tf.range(0, C, 1, 'int32')), 'float32');
  return tf.mul(tf.mul(tf.expandDims(w, -1), dy), tf.sub(tf.softmax(z), onehot));
}

/** [loss, ∂loss/∂logits · dy] of `loss` on `backend`. */
function sceRun(backend: string, c: SceCase, loss: (z: tf.Tensor, t: tf.Tensor, w: tf.Tensor) => tf.Scalar): Out[] {
  return on(backend, () => {
    const [z, t, w] = tensorsOf(c);
    const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => loss(x, t, w))(z, tf.scalar(c.dy));
    return [value, grad];
  });
}

/**
 * Tolerances, from float64 row statistics: each row's loss term wᵢ(lseᵢ − zᵢ[tᵢ]) carries float32 rounding of lse and
 * z (~u·(|lse| + |z|)) plus the relative error of Σ exp over C terms (~√C·u; the SIMD exp adds ≤ 2e-7), so
 * |Δ loss| ≤ 3e-7 · Σᵢ |wᵢ| (|lseᵢ| + |zᵢ[tᵢ]| + √C) (3e-7 = 5u: tight enough that a 1e-5 error in exp shows).
 * Gradient entries wᵢ·dy·(pᵢc − δ): pᵢc = exp(zᵢc − lseᵢ) is off relatively by the error of zᵢc − lseᵢ, so
 * |Δ| ≤ |wᵢ dy| · (3e-7 · (|zᵢc| + |lseᵢ| + √C) · max(pᵢc, δ) + 2e-38) —
 * the last term because the SIMD exp clamps its argument at −87.3 (documented): exp(−100) comes out ≈ 1.2e-38,
 * not 3.7e-44.
 */
function sceTolerances(c: SceCase): { loss: number; grad: (i: number) => number } {
  const C = c.shape[c.shape.length - 1];
  const n = c.targets.length;
  const lse = new Float64Array(n);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const row = c.logits.subarray(i * C, (i + 1) * C);
    const max = row.reduce((a, b) => Math.max(a, b), -Infinity);
    lse[i] = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
    loss += Math.abs(c.weights[i]) * (Math.abs(lse[i]) + Math.abs(row[c.targets[i]]) + Math.sqrt(C));
  }
  return {
    loss: 3e-7 * loss,
    grad: (j) => {
      const i = Math.floor(j / C);
      const p = Math.exp(c.logits[j] - lse[i]);
      const delta = j % C === c.targets[i] ? 1 : 0;
      return Math.abs(c.weights[i] * c.dy) * (3e-7 * (Math.abs(c.logits[j]) + Math.abs(lse[i]) + Math.sqrt(C)) * Math.max(p, delta) + 2e-38);
    },
  };
}

/** Every implementation against the independent reference: wasm (SIMD kernel), cpu (plain-JS kernel), stock (composite). */
function checkSce(c: SceCase): Out[][] {
  const C = c.shape[c.shape.length - 1];
  const expected = [
    sceRun(STOCK, c, referenceLoss)[0],
    on(STOCK, () => referenceGrad(...tensorsOf(c), c.dy))[0],
  ];
  const argmax = Array.from({ length: c.targets.length }, (_, i) => c.logits.subarray(i * C, (i + 1) * C).reduce((best, v, j, row) => (v > row[best] ? j : best), 0));
  const tol = sceTolerances(c);
  const results: Out[][] = [];
  for (const backend of [EMBEDDED_BACKEND, 'cpu', STOCK]) {
    const path = backend === STOCK ? 'composite' : backend === 'cpu' ? 'plain-JS kernel' : 'SIMD kernel';
    const actual = sceRun(backend, c, softmaxCrossEntropy);
    close(`softmaxCrossEntropy ${path}`, `${c.name} loss on ${backend}`, actual[0], expected[0], () => tol.loss);
    // The composite's gradient is tfjs's autodiff, with the argmax residual above: C·u·|wᵢ dy| there.
    const gradTol = backend !== STOCK ? tol.grad : (j: number) => tol.grad(j) + (j % C === argmax[Math.floor(j / C)] ? 1e-7 * C * Math.abs(c.weights[Math.floor(j / C)] * c.dy) : 0);
    close(`softmaxCrossEntropy ${path}`, `${c.name} ∂logits on ${backend}`, actual[1], expected[1], gradTol);
    // Rows of weight 0 (padding) get exactly zero gradient.
    c.weights.forEach((w, i) => {
      if (w === 0) for (let j = i * C; j < (i + 1) * C; j++) assert.ok(actual[1].values[j] === 0, `${c.name} on ${backend}: padding row ${i} has gradient ${actual[1].values[j]}`);
    });
    results.push(actual);
  }
  return results;
}

test('softmaxCrossEntropy kernels are registered where expected (the test would otherwise compare a path with itself)', () => {
  assert.ok(tf.getKernel('StudioSoftmaxCrossEntropy', EMBEDDED_BACKEND) && tf.getKernel('StudioSoftmaxCrossEntropyGrad', EMBEDDED_BACKEND));
  assert.ok(tf.getKernel('StudioSoftmaxCrossEntropy', 'cpu') && tf.getKernel('StudioSoftmaxCrossEntropyGrad', 'cpu'));
  assert.equal(tf.getKernel('StudioSoftmaxCrossEntropy', STOCK), undefined);
  assert.notEqual(tf.getKernel('StudioSoftmaxCrossEntropy', EMBEDDED_BACKEND)!.kernelFunc, tf.getKernel('StudioSoftmaxCrossEntropy', 'cpu')!.kernelFunc);
});

test('softmaxCrossEntropy: batch 1, rank 3, C tails 1–13, weights with zeros, negative dy', () => {
  checkSce(sceCase('batch 1', [1], 10));
  checkSce(sceCase('rank 3', [3, 5], 11));
  for (const C of [2, 3, 4, 5, 7, 8, 9, 13, 16, 17]) checkSce(sceCase(`C=${C}`, [6], C));
  checkSce(sceCase('padding', [4, 6], 9, { weights: (i) => (i % 6 >= 4 ? 0 : 1 / 16) }));
  checkSce(sceCase('padding, all rows', [3], 5, { weights: () => 0 }));
  checkSce(sceCase('negative dy, mixed-sign weights', [5], 7, { dy: -1.5, weights: (i) => (i - 2) / 3 }));
});

test('softmaxCrossEntropy: a single class gives loss 0 and gradient 0', () => {
  for (const rows of [[1], [7], [2, 3]]) {
    for (const actual of checkSce(sceCase(`C=1 ${JSON.stringify(rows)}`, rows, 1, { spread: 50 }))) {
      assert.equal(actual[0].values[0], 0);
      assert.ok(actual[1].values.every((v) => v === 0), `C=1 gradient ${actual[1].values}`);
    }
  }
});

test('softmaxCrossEntropy: large vocabulary (C = 10000)', () => {
  checkSce(sceCase('C=10000', [3], 10000, { spread: 8 }));
  checkSce(sceCase('C=10001', [2], 10001, { spread: 8, weights: (i) => i }));
});

test('softmaxCrossEntropy: extreme logits (±80, one logit ahead by 100)', () => {
  checkSce(sceCase('±80', [4], 13, { edit: (z) => z.forEach((_, j) => (z[j] = j % 2 ? 80 : -80)) }));
  checkSce(sceCase('uniform ±80', [4], 9, { spread: 80 }));
  checkSce(sceCase('dominant target', [3], 6, { edit: (z, t) => t.forEach((ti, i) => (z[i * 6 + ti] += 100)) }));
  checkSce(sceCase('dominant non-target', [3], 7, { edit: (z, t) => t.forEach((ti, i) => (z[i * 7 + ((ti + 1) % 7)] += 100)) }));
  checkSce(sceCase('shifted by 1e4', [2], 5, { edit: (z) => z.forEach((_, j) => (z[j] += 1e4)) }));
});

test('softmaxCrossEntropy: a target outside [0, C) on a weighted row throws on the kernel backends', () => {
  const c = sceCase('bad target', [2], 4);
  c.targets[1] = 4;
  for (const backend of [EMBEDDED_BACKEND, 'cpu']) assert.throws(() => sceRun(backend, c, softmaxCrossEntropy), /outside \[0, 4\)/);
});

// ---------------------------------------------------------------------------------------------------------------
// 4. Adam

/** Runs `steps` updates of `optimizer` on variables of `shapes`, with the same seeded gradients on every backend. */
async function runAdam(backend: string, make: () => tf.Optimizer, inits: Float32Array[], shapes: number[][], grads: Float32Array[][]) {
  tf.setBackend(backend);
  const vars = inits.map((v, i) => tf.variable(tf.tensor(v, shapes[i]), true, `adam_test_w${i}`));
  const optimizer = make();
  for (const step of grads) {
    // A map keyed by variable name, as minimize passes; a null gradient (skipped update) for variable 2 on step 2.
    const map: Record<string, tf.Tensor | null> = {};
    step.forEach((g, i) => (map[vars[i].name] = step === grads[2] && i === 2 ? null : tf.tensor(g, shapes[i])));
    optimizer.applyGradients(map as tf.NamedTensorMap);
    tf.dispose(Object.values(map).filter((t) => t !== null));
  }
  const values = vars.map((v) => Float32Array.from(v.dataSync() as Float32Array));
  const weights = await optimizer.getWeights();
  const slots = weights.map((w) => ({ name: w.name, shape: w.tensor.shape, values: Float32Array.from(w.tensor.dataSync() as Float32Array) }));
  optimizer.dispose();
  tf.dispose(vars);
  return { values, slots };
}

test('FusedAdam matches tf.train.adam: variables over 5 steps, slot names and order', async () => {
  const shapes = [[7, 5], [13], [3, 4, 2], []];
  const inits = shapes.map((s) => randArr(size(s), 2));
  // Gradients of very different magnitudes, and a few exact zeros.
  const grads = Array.from({ length: 5 }, (_, s) => shapes.map((sh, i) => randArr(size(sh), 10 ** (i - 2)).map((g, j) => ((j + s) % 7 === 0 ? 0 : g))));
  const reference = await runAdam(STOCK, () => tf.train.adam(0.01, 0.9, 0.999), inits, shapes, grads);
  const reference2 = await runAdam(STOCK, () => new FusedAdam(0.01, 0.9, 0.999), inits, shapes, grads); // no kernel: tfjs's update
  for (const backend of [EMBEDDED_BACKEND, 'cpu']) {
    const fused = await runAdam(backend, () => new FusedAdam(0.01, 0.9, 0.999), inits, shapes, grads);
    assert.deepEqual(fused.slots.map((s) => [s.name, s.shape]), reference.slots.map((s) => [s.name, s.shape]));
    // tfjs rounds every op of the update to float32, the kernel one float64 expression: 1e-6 relative (a variable
    // moves by ≤ lr = 0.01 a step, so no cancellation to speak of; the floor only covers values that cross 0).
    fused.values.forEach((v, i) => close('FusedAdam variables', `${backend} w${i}`, { shape: shapes[i], values: v }, { shape: shapes[i], values: reference.values[i] }, (j) => 1e-6 * Math.max(Math.abs(reference.values[i][j]), 1e-3)));
    // Moments: m = β₁m + (1 − β₁)g may cancel, so 1e-6 relative to the largest term that went in (|m| or (1 − β₁)|g|,
    // and (1 − β₂)g² for v); the iteration count exactly.
    fused.slots.forEach((s, i) => {
      const first = i <= shapes.length;
      const v = (i - 1) % shapes.length;
      const terms = (j: number) => Math.max(...grads.map((step) => (first ? 0.1 * Math.abs(step[v][j]) : 0.001 * step[v][j] ** 2)));
      close('FusedAdam slots', `${backend} ${s.name}`, s, reference.slots[i], (j) => (i === 0 ? 0 : 1e-6 * Math.max(Math.abs(reference.slots[i].values[j]), terms(j))));
    });
  }
  assert.deepEqual(reference2.slots.map((s) => s.name), reference.slots.map((s) => s.name));
  assert.ok(reference.slots[0].name === 'iter' && reference.slots[1].name === 'adam_test_w0/m', reference.slots.map((s) => s.name).join());
});

test('FusedAdam checkpoints interoperate with tf.train.adam (setWeights either way, then continue)', async () => {
  tf.setBackend(EMBEDDED_BACKEND);
  const init = randArr(12);
  const steps = Array.from({ length: 4 }, () => randArr(12));
  const run = async (first: () => tf.Optimizer, second: () => tf.Optimizer) => {
    const w = tf.variable(tf.tensor(init, [3, 4]), true, 'adam_ckpt_w');
    const a = first();
    for (const g of steps.slice(0, 2)) tf.tidy(() => a.applyGradients({ adam_ckpt_w: tf.tensor(g, [3, 4]) }));
    const b = second();
    await b.setWeights(await a.getWeights());
    for (const g of steps.slice(2)) tf.tidy(() => b.applyGradients({ adam_ckpt_w: tf.tensor(g, [3, 4]) }));
    const out = { shape: [3, 4], values: Float32Array.from(w.dataSync() as Float32Array) };
    a.dispose();
    b.dispose();
    w.dispose();
    return out;
  };
  const adam = () => tf.train.adam(0.05);
  const fused = () => new FusedAdam(0.05, 0.9, 0.999);
  const expected = await run(adam, adam);
  for (const [x, y] of [[fused, adam], [adam, fused], [fused, fused]]) {
    close('FusedAdam variables', 'checkpoint round trip', await run(x, y), expected, (j) => 1e-6 * Math.max(Math.abs(expected.values[j]), 1));
  }
});

// ---------------------------------------------------------------------------------------------------------------
// 5. sumOfSquares

test('sumOfSquares matches tf.sum(tf.square(x))', () => {
  assert.ok(tf.getKernel('StudioSumOfSquares', EMBEDDED_BACKEND) && tf.getKernel('StudioSumOfSquares', 'cpu'));
  for (const shape of [[], [1], [7], [3, 5], [1000, 33], [0], [2, 0, 3]]) {
    const v = randArr(size(shape), 10);
    const [expected] = on(STOCK, () => tf.sum(tf.square(tf.tensor(v, shape))));
    // Σx² of n terms, all positive: float32 sums differ by ≤ √n · u relative; 1e-6·√n is ~16× that.
    for (const backend of [EMBEDDED_BACKEND, 'cpu', STOCK]) {
      const [actual] = on(backend, () => sumOfSquares(tf.tensor(v, shape)));
      close('sumOfSquares', `${JSON.stringify(shape)} on ${backend}`, actual, expected, () => 1e-6 * Math.sqrt(Math.max(v.length, 1)) * expected.values[0]);
    }
  }
});

// ---------------------------------------------------------------------------------------------------------------
// 6. embedding gradient (gather → UnsortedSegmentSum)

test('embedding gradient: tf.grad through tf.gather with vocabulary 1, repeated and unused ids', () => {
  assert.notEqual(tf.getKernel('UnsortedSegmentSum', 'cpu')!.kernelFunc, tf.getKernel('UnsortedSegmentSum', STOCK)!.kernelFunc);
  const cases: { vocab: number; dim: number; ids: number[]; idShape: number[] }[] = [
    { vocab: 1, dim: 4, ids: [0, 0, 0, 0, 0], idShape: [5] },
    { vocab: 1, dim: 3, ids: [0], idShape: [1] },
    { vocab: 1, dim: 1, ids: [0, 0, 0, 0, 0, 0], idShape: [2, 3] },
    { vocab: 6, dim: 5, ids: [3, 3, 0, 3, 1, 1, 5, 3], idShape: [8] },
    { vocab: 6, dim: 5, ids: [2, 2, 2, 0, 4, 2], idShape: [2, 3] }, // 1, 3, 5 unused: zero rows
    { vocab: 50, dim: 16, ids: Array.from({ length: 200 }, () => Math.floor(rand() * 7) * 7), idShape: [10, 20] },
    { vocab: 4, dim: 3, ids: [], idShape: [0] },
  ];
  for (const { vocab, dim, ids, idShape } of cases) {
    const table = randArr(vocab * dim);
    const w = randArr(ids.length * dim);
    const grad = (backend: string) =>
      on(backend, () => {
        const ws = tf.tensor(w, [...idShape, dim]);
        return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor(ids, idShape, 'int32')), ws)))(tf.tensor(table, [vocab, dim]));
      })[0];
    const expected = grad(STOCK);
    // The sums run in row order on every backend, in float32 (scatter-add) or float64 (stock): ≤ 1e-6·√count·Σ|w| apart.
    const count = new Float64Array(vocab);
    const scale = new Float64Array(vocab * dim);
    ids.forEach((id, r) => {
      count[id]++;
      for (let j = 0; j < dim; j++) scale[id * dim + j] += Math.abs(w[r * dim + j]);
    });
    for (const backend of [EMBEDDED_BACKEND, 'cpu']) {
      const actual = grad(backend);
      close('embedding gradient', `vocab ${vocab} ids ${JSON.stringify(idShape)} on ${backend}`, actual, expected, (j) => 1e-6 * Math.sqrt(count[Math.floor(j / dim)]) * scale[j]);
      count.forEach((c, id) => {
        if (c === 0) for (let j = 0; j < dim; j++) assert.equal(actual.values[id * dim + j], 0);
      });
    }
  }
});

test('products and softmaxes beyond one WebAssembly memory (4 GiB) are left to the plain-JS kernels', async () => {
  const { Gemm } = await import('../../../engine/backend/embedded/gemm.ts');
  const { SoftmaxWasm } = await import('../../../engine/backend/embedded/softmax-kernel.ts');
  const gemm = new Gemm(1);
  assert.equal(gemm.fits(1120, 10000, 256), true); // the benchmark's softmax layer
  assert.equal(gemm.fits(40000, 50000, 512), false); // C alone is 8 GB
  gemm.dispose();
  const softmax = new SoftmaxWasm();
  assert.equal(softmax.fits(1120, 10000), true);
  assert.equal(softmax.fits(20000, 50000), false);
});
