/**
 * The embedded backend's elementwise kernels (engine/backend/embedded/elementwise-kernels.ts) against the stock
 * tfjs-backend-cpu ones: the same kernel on the same random data under 'cpu' and 'wasm' must give the same shape,
 * dtype and values, bit for bit (NaN, ±Infinity and −0 included), or throw the same error — over same shapes,
 * scalars on either side, row/column/outer broadcasts, ranks 3–4, size-1 and zero-size dims, and the dtypes the
 * kernels handle or delegate. Kernels are run directly (runKernel), so that mixed input dtypes are covered too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { EMBEDDED_BACKEND, registerEmbeddedBackend } from '../../../engine/backend/embedded/embedded-backend.ts';

registerEmbeddedBackend();

/** mulberry32: the same inputs on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(11);
const int = (n: number) => Math.floor(rand() * n);

type Dtype = 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
interface Input { shape: number[]; dtype: Dtype; values: number[] | string[] }

const SPECIAL = [NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 2 ** 100, -(2 ** -100)];

/** Random data; float32 gets specials (NaN, ±∞, ±0, ties, over/underflowing magnitudes), int32 zeros and overflow. */
function input(shape: number[], dtype: Dtype = 'float32'): Input {
  const n = shape.reduce((a, b) => a * b, 1);
  if (dtype === 'string') return { shape, dtype, values: Array.from({ length: n }, () => 'ab'[int(2)]) };
  const len = dtype === 'complex64' ? 2 * n : n;
  const values = Array.from({ length: len }, () => {
    if (dtype === 'bool') return int(2);
    if (dtype === 'int32') return rand() < 0.1 ? 0 : rand() < 0.1 ? 2 ** 31 - 1 - int(3) : int(201) - 100;
    if (rand() < 0.2) return SPECIAL[int(SPECIAL.length)];
    return (rand() - 0.5) * 2 ** (int(21) - 10);
  });
  return { shape, dtype, values };
}

function make(i: Input): tf.Tensor {
  if (i.dtype !== 'complex64') return tf.tensor(i.values as never, i.shape, i.dtype);
  const v = i.values as number[];
  return tf.complex(v.filter((_, k) => k % 2 === 0), v.filter((_, k) => k % 2 === 1)).reshape(i.shape);
}

interface Outcome { shape?: number[]; dtype?: string; values?: unknown[]; error?: string }

function runOn(backend: string, fn: () => tf.Tensor): Outcome {
  tf.setBackend(backend);
  assert.equal(tf.getBackend(), backend);
  try {
    const out = tf.tidy(fn);
    const res = { shape: out.shape, dtype: out.dtype, values: Array.from(out.dataSync() as ArrayLike<unknown>) };
    out.dispose();
    return res;
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Same outcome on both backends; deepEqual compares with Object.is, so NaN = NaN and −0 ≠ 0. */
function same(what: string, fn: () => tf.Tensor): Outcome {
  const expected = runOn('cpu', fn);
  const actual = runOn(EMBEDDED_BACKEND, fn);
  assert.deepEqual(actual, expected, what);
  return expected;
}

const binary = (name: string, a: Input, b: Input) => () =>
  tf.engine().runKernel(name, { a: make(a), b: make(b) }, {}) as tf.Tensor;

/** [a, b] shape pairs: every case of the kernels' planner. */
const PAIRS: [number[], number[]][] = [
  [[], []],
  [[7], [7]],
  [[32, 256], [32, 256]],
  [[], [5, 3]],
  [[5, 3], []],
  [[1], [4, 6]],
  [[4, 6], [1, 1]],
  [[1, 1, 1], [2, 3]],
  [[5, 3], [3]],
  [[3], [5, 3]],
  [[32, 256], [32, 1]],
  [[32, 1], [32, 256]],
  [[1, 6], [4, 1]],
  [[4, 1], [1, 6]],
  [[6], [4, 1]],
  [[2, 3, 4], [3, 1]],
  [[2, 3, 4], [2, 1, 4]],
  [[2, 1, 4], [1, 3, 1]],
  [[2, 3, 4, 5], [3, 1, 5]],
  [[2, 3, 1, 5], [1, 3, 4, 1]],
  [[1, 3, 4, 1], [2, 1, 1, 5]],
  [[2, 3, 4, 5], [2, 3, 4, 5]],
  [[1, 2, 3], [2, 3]],
  [[4, 1, 3], [1, 1, 3]],
  [[0], [0]],
  [[0, 3], [3]],
  [[3, 0], [1, 1]],
  [[2, 0, 3], [2, 1, 3]],
  [[0], []],
  [[3], [4]], // incompatible: both throw the same error
  [[2, 3], [3, 2]],
];

const ARITHMETIC = ['Add', 'Sub', 'Multiply', 'RealDiv', 'Maximum', 'Minimum', 'SquaredDifference', 'Pow', 'FloorDiv'];
const COMPARISON = ['Equal', 'NotEqual', 'Greater', 'GreaterEqual', 'Less', 'LessEqual'];
const LOGICAL = ['LogicalAnd', 'LogicalOr'];

test('binary arithmetic kernels match the reference on float32 and int32, every broadcast', () => {
  for (const name of ARITHMETIC) {
    for (const [sa, sb] of PAIRS) {
      for (const dtype of ['float32', 'int32'] as const) {
        same(`${name} ${dtype} ${JSON.stringify([sa, sb])}`, binary(name, input(sa, dtype), input(sb, dtype)));
      }
    }
  }
});

test('comparison and logical kernels match the reference, output bool', () => {
  for (const [sa, sb] of PAIRS) {
    for (const name of COMPARISON) {
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        const out = same(`${name} ${dtype} ${JSON.stringify([sa, sb])}`, binary(name, input(sa, dtype), input(sb, dtype)));
        if (!out.error) assert.equal(out.dtype, 'bool');
      }
    }
    for (const name of LOGICAL) same(`${name} ${JSON.stringify([sa, sb])}`, binary(name, input(sa, 'bool'), input(sb, 'bool')));
  }
});

test('mixed and unhandled dtypes give what the reference gives (output dtype is a’s, or delegated)', () => {
  const combos: [Dtype, Dtype][] = [
    ['float32', 'int32'],
    ['int32', 'float32'],
    ['bool', 'bool'],
    ['bool', 'float32'],
    ['float32', 'bool'],
    ['complex64', 'complex64'],
  ];
  for (const name of [...ARITHMETIC, ...COMPARISON]) {
    for (const [da, db] of combos) {
      for (const [sa, sb] of [[[3, 4], [3, 4]], [[3, 4], [4]], [[], [2, 2]]] as [number[], number[]][]) {
        same(`${name} ${da}/${db} ${JSON.stringify([sa, sb])}`, binary(name, input(sa, da), input(sb, db)));
      }
    }
  }
  same('Equal on strings', binary('Equal', input([2, 3], 'string'), input([3], 'string')));
  same('Add on strings', binary('Add', input([2, 3], 'string'), input([3], 'string')));
});

test('the ops built on these kernels agree: tf.add, tf.div (int32 → FloorDiv), tf.maximum, the RNN mask blend', () => {
  const a = input([6, 5]);
  const b = input([5]);
  const [ia, ib] = [input([6, 5], 'int32'), input([6, 1], 'int32')];
  const [out, mask, state] = [input([32, 256]), input([32, 1]), input([32, 256])];
  same('add', () => tf.add(make(a), make(b)));
  same('div int32', () => tf.div(make(ia), make(ib)));
  same('squaredDifference', () => tf.squaredDifference(make(a), make(b)));
  same('maximum scalar', () => tf.maximum(make(a), 0));
  same('mask blend', () => tf.add(tf.mul(make(out), make(mask)), tf.mul(make(state), tf.sub(1, make(mask)))));
});

const UNARY: [string, Record<string, number>][] = [
  ['Sigmoid', {}],
  ['Tanh', {}],
  ['Exp', {}],
  ['Log', {}],
  ['Sqrt', {}],
  ['Square', {}],
  ['Neg', {}],
  ['Relu', {}],
  ['Floor', {}],
  ['Reciprocal', {}],
  ['ClipByValue', { clipValueMin: -0.5, clipValueMax: 0.75 }],
  ['ClipByValue', { clipValueMin: 0, clipValueMax: 1 }],
  ['Step', { alpha: 0 }],
  ['Step', { alpha: 0.3 }],
];

test('unary kernels match the reference on float32 (and delegate int32, bool)', () => {
  for (const [name, attrs] of UNARY) {
    for (const shape of [[], [1], [7], [3, 0], [32, 256], [2, 3, 4]]) {
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        const x = input(shape, dtype);
        same(`${name} ${dtype} ${JSON.stringify(shape)}`, () => tf.engine().runKernel(name, { x: make(x) }, attrs) as tf.Tensor);
      }
    }
  }
});

test('gradients of a broadcasting LSTM-like expression match across backends', () => {
  const x = input([4, 3, 6]);
  const m = input([4, 1, 6]);
  const w = input([6]);
  const xs = (x.values as number[]).map((v) => (Number.isFinite(v) ? v : 0.25)); // finite, so the grads are informative
  const f = (a: tf.Tensor, mask: tf.Tensor, bias: tf.Tensor) => {
    const z = tf.add(tf.mul(a, mask), bias);
    const gate = tf.sigmoid(z);
    const h = tf.mul(gate, tf.tanh(tf.sub(z, tf.scalar(0.5))));
    return tf.sum(tf.div(tf.maximum(h, tf.clipByValue(z, -1, 1)), tf.add(tf.square(bias), 1)));
  };
  const g = tf.grads(f);
  const args = () => [tf.tensor(xs, x.shape), tf.tensor((m.values as number[]).map((v) => (v > 0 ? 1 : 0)), m.shape), tf.tensor((w.values as number[]).map((v) => (Number.isFinite(v) ? v : 1)), w.shape)];
  for (let k = 0; k < 3; k++) same(`grad ${k}`, () => g(args())[k]);
});
