/**
 * The embedded backend's copy and reduction kernels (engine/backend/embedded/shape-kernels.ts) against the stock
 * tfjs-backend-cpu ones: the same op on the same random data under 'cpu' and 'wasm' must give the same shape, dtype
 * and values, bit for bit (NaN and −0 included), or throw the same error — over ranks 0–4, size-1 and zero-size
 * dims, negative axes, keepDims and every dtype the kernels handle or delegate.
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
const rand = rng(7);
const int = (n: number) => Math.floor(rand() * n);

type Dtype = 'float32' | 'int32' | 'bool';
interface Input { shape: number[]; dtype: Dtype; values: number[] }

/** Random data. With `special`, float32 inputs get NaN, −0, repeated values and ±2^80, so that Max's tie and NaN rules and the summation order must all be the reference's. */
function input(shape: number[], dtype: Dtype = 'float32', special = false): Input {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, () => {
    if (dtype === 'bool') return int(2);
    if (dtype === 'int32') return int(2001) - 1000;
    const r = rand();
    if (special && r < 0.05) return NaN;
    if (special && r < 0.1) return -0;
    if (special && r < 0.2) return 0.5;
    if (special && r < 0.35) return rand() < 0.5 ? 2 ** 80 : -(2 ** 80); // cancels what was summed before it: order shows
    // Magnitudes 2^-30..2^30: float64 sums of these are inexact, so a summation order unlike the reference's shows.
    return (rand() - 0.5) * 2 ** (int(61) - 30);
  });
  return { shape, dtype, values };
}
const make = (i: Input) => tf.tensor(i.values, i.shape, i.dtype);

interface Outcome { shape?: number[]; dtype?: string; values?: number[]; error?: string }

function runOn(backend: string, fn: () => tf.Tensor | tf.Tensor[]): Outcome[] {
  tf.setBackend(backend);
  assert.equal(tf.getBackend(), backend);
  try {
    const out = tf.tidy(fn);
    const list = Array.isArray(out) ? out : [out];
    const res = list.map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync() as ArrayLike<number>) }));
    tf.dispose(list);
    return res;
  } catch (e) {
    return [{ error: (e as Error).message }];
  }
}

let compared = 0;
/** Same outcome on the reference and on the embedded backend. */
function same(label: string, fn: () => tf.Tensor | tf.Tensor[]): void {
  const want = runOn('cpu', fn);
  const got = runOn(EMBEDDED_BACKEND, fn);
  assert.deepEqual(got, want, label);
  compared++;
}

const shapes: number[][] = [[], [1], [5], [0], [3, 4], [1, 7], [6, 1], [0, 3], [3, 0], [2, 3, 4], [4, 1, 5], [1, 1, 1], [2, 0, 3], [3, 2, 4, 5], [2, 1, 3, 1], [5, 4, 1, 3]];
const dtypes: Dtype[] = ['float32', 'int32', 'bool'];

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}
/** Every non-empty axis subset, in ascending order and some shuffled (the reference's reduction order follows it). */
function axisSets(rank: number): number[][] {
  const sets: number[][] = [];
  for (let m = 1; m < 1 << rank; m++) {
    const axes = [...Array(rank).keys()].filter((a) => m & (1 << a));
    sets.push(axes);
    if (axes.length > 1) sets.push([...axes].reverse());
  }
  return sets;
}

test('the embedded backend uses the replacement kernels', () => {
  for (const name of ['Transpose', 'Slice', 'SplitV', 'Unpack', 'Concat', 'Pack', 'Tile', 'GatherV2', 'Reverse', 'Sum', 'Mean', 'Max']) {
    assert.notEqual(tf.getKernel(name, EMBEDDED_BACKEND)!.kernelFunc, tf.getKernel(name, 'cpu')!.kernelFunc, name);
  }
});

test('Transpose: every permutation of ranks 0–4 and all dtypes', () => {
  for (const shape of shapes)
    for (const perm of permutations(shape.length))
      for (const dtype of dtypes) {
        const x = input(shape, dtype);
        same(`transpose ${shape} ${perm} ${dtype}`, () => tf.transpose(make(x), perm));
      }
  const big = input([32, 35, 128]);
  same('transpose [32,35,128] [1,0,2]', () => tf.transpose(make(big), [1, 0, 2]));
  const five = input([2, 3, 1, 4, 2]);
  same('transpose rank 5', () => tf.transpose(make(five), [4, 0, 3, 2, 1]));
  // Permutations that move no data (only size-1 axes change place) share the input's data instead of copying it,
  // except for a float32 cast of int32 data, whose copy the reference rounds to float32.
  const ints = { shape: [3, 4], dtype: 'int32' as const, values: Array.from({ length: 12 }, () => 16777217 + int(1000)) };
  same('identity transpose of a float32 cast of large ints', () => tf.transpose(tf.cast(make(ints), 'float32'), [0, 1]));
  tf.setBackend(EMBEDDED_BACKEND);
  const xIn = input([3, 1, 4]);
  const x = make(xIn);
  const before = tf.memory().numTensors;
  for (const perm of [[0, 1, 2], [1, 0, 2], [0, 2, 1]]) {
    const y = tf.transpose(x, perm);
    assert.ok(y.dataId === x.dataId, `transpose [3,1,4] by ${perm} shares its input's data`);
    y.dispose();
  }
  const moved = tf.transpose(x, [2, 1, 0]);
  assert.notEqual(moved.dataId, x.dataId, 'a transpose that moves data copies');
  moved.dispose();
  // Shared data lives until its last tensor goes.
  const kept = tf.transpose(x, [1, 0, 2]);
  x.dispose();
  assert.deepEqual(Array.from(kept.dataSync()), Array.from(Float32Array.from(xIn.values)));
  kept.dispose();
  assert.equal(tf.memory().numTensors, before - 1);
  assert.throws(() => x.dataSync());
});

test('Slice: random blocks, -1 sizes, views and copies', () => {
  for (const shape of shapes)
    for (const dtype of dtypes)
      for (let k = 0; k < 6; k++) {
        const x = input(shape, dtype);
        const begin = shape.map((d) => int(d + 1));
        const size = shape.map((d, a) => (rand() < 0.25 ? -1 : int(d - begin[a] + 1)));
        same(`slice ${shape} ${begin} ${size} ${dtype}`, () => tf.slice(make(x), begin, size));
      }
  const x = input([4, 5]);
  same('slice with a scalar begin', () => tf.slice(make(x), 1, 2));
  same('slice out of range throws alike', () => tf.slice(make(x), [3, 0], [2, 5]));
  same('slice of a string tensor', () => tf.slice(tf.tensor(['a', 'b', 'c', 'd'], [2, 2]), [0, 1], [2, 1]));
});

test('SplitV: counts, sizes with -1, negative axes', () => {
  const lstm = input([32, 1024]);
  same('LSTM gates', () => tf.split(make(lstm), 4, 1));
  for (const shape of shapes.filter((s) => s.length > 0))
    for (let axis = -shape.length; axis < shape.length; axis++) {
      const d = shape[(axis + shape.length) % shape.length];
      const x = input(shape, dtypes[int(3)]);
      same(`split ${shape} 1 on ${axis}`, () => tf.split(make(x), 1, axis));
      if (d > 1) {
        const cut = 1 + int(d - 1);
        same(`split ${shape} [${cut}, -1] on ${axis}`, () => tf.split(make(x), [cut, -1], axis));
        same(`split ${shape} [0, ${cut}, ${d - cut}] on ${axis}`, () => tf.split(make(x), [0, cut, d - cut], axis));
      }
      if (d % 2 === 0 && d > 0) same(`split ${shape} 2 on ${axis}`, () => tf.split(make(x), 2, axis));
    }
  const x = input([3, 4]);
  same('split sizes that do not add up throw alike', () => tf.split(make(x), [1, 1], 1));
});

test('Unpack: every axis, negative too', () => {
  for (const shape of shapes.filter((s) => s.length > 0))
    for (let axis = -shape.length; axis < shape.length; axis++) {
      const x = input(shape, dtypes[int(3)]);
      same(`unstack ${shape} on ${axis}`, () => tf.unstack(make(x), axis));
    }
  const big = input([35, 32, 16]);
  same('unstack [35,32,16]', () => tf.unstack(make(big), 0));
});

test('Concat: any axis, zero-size parts, a single part, mixed dtypes', () => {
  for (const shape of shapes.filter((s) => s.length > 0))
    for (let axis = -shape.length; axis < shape.length; axis++) {
      const a = (axis + shape.length) % shape.length;
      const dtype = dtypes[int(3)];
      const parts = [shape, shape.map((d, i) => (i === a ? 0 : d)), shape.map((d, i) => (i === a ? d + 2 : d)), shape.map((d, i) => (i === a ? 1 : d))].map((s) => input(s, dtype));
      same(`concat ${shape} on ${axis}`, () => tf.concat(parts.map(make), axis));
      same(`concat ${shape} on ${axis}, two`, () => tf.concat([make(parts[0]), make(parts[3])], axis));
      same(`concat ${shape} one part`, () => tf.concat([make(parts[0])], axis));
      same(`concat ${shape} with an empty part`, () => tf.concat([make(parts[1]), make(parts[0])], axis));
    }
  const f = input([2, 3]);
  const i = input([2, 2], 'int32');
  same('concat float32 with int32', () => tf.concat([make(f), make(i)], 1));
  same('concat of mismatched shapes throws alike', () => tf.concat([make(f), make(i)], 0));
  same('concat of strings', () => tf.concat([tf.tensor(['a', 'b'], [1, 2]), tf.tensor(['c', 'd'], [1, 2])], 1));
  same('concat of complex64', () => tf.concat([tf.complex([1, 2], [3, 4]), tf.complex([5], [6])]));
});

test('Pack: every axis, negative too, one input', () => {
  for (const shape of shapes)
    for (let axis = -shape.length - 1; axis <= shape.length; axis++) {
      const dtype = dtypes[int(3)];
      const xs = [input(shape, dtype), input(shape, dtype), input(shape, dtype)];
      same(`stack ${shape} on ${axis}`, () => tf.stack(xs.map(make), axis));
      same(`stack ${shape} one`, () => tf.stack([make(xs[0])], axis));
    }
  const [p, q] = [input([2, 3]), input([3, 2])];
  same('stack of mismatched shapes throws alike', () => tf.stack([make(p), make(q)]));
});

test('Tile: reps of 0, 1 and more on ranks 0–4', () => {
  for (const shape of shapes)
    for (let k = 0; k < 4; k++) {
      const reps = shape.map(() => int(4));
      if (k === 0) reps.fill(1);
      const x = input(shape, dtypes[int(3)]);
      same(`tile ${shape} ${reps}`, () => tf.tile(make(x), reps));
    }
  const x = input([3, 2, 5]);
  same('tile [3,2,5] by [2,3,2]', () => tf.tile(make(x), [2, 3, 2]));
});

test('GatherV2: axes, batch dims, repeated and out-of-range indices', () => {
  const emb = input([100, 16]);
  const ids = Array.from({ length: 1120 }, () => int(100));
  same('embedding lookup', () => tf.gather(make(emb), tf.tensor(ids, [32, 35], 'int32')));
  for (const shape of shapes.filter((s) => s.length > 0))
    for (let axis = -shape.length; axis < shape.length; axis++) {
      const d = shape[(axis + shape.length) % shape.length];
      const x = input(shape, dtypes[int(3)]);
      const idx = Array.from({ length: 5 }, () => int(Math.max(d, 1)));
      same(`gather ${shape} on ${axis}`, () => tf.gather(make(x), tf.tensor1d(d > 0 ? idx : [], 'int32'), axis));
      if (d > 0) same(`gather ${shape} on ${axis}, 2-D indices`, () => tf.gather(make(x), tf.tensor(idx.slice(0, 4), [2, 2], 'int32'), axis));
    }
  const x = input([3, 4, 5]);
  same('gather with batchDims 1', () => tf.gather(make(x), tf.tensor([[0, 3], [1, 1], [2, 0]], [3, 2], 'int32'), 1, 1));
  same('gather out of range throws alike', () => tf.gather(make(x), tf.tensor1d([0, 3], 'int32'), 0));
  same('gather of strings', () => tf.gather(tf.tensor(['a', 'b', 'c']), tf.tensor1d([2, 0], 'int32')));
});

test('Reverse: every axis set, negative and repeated axes, all dtypes', () => {
  for (const shape of shapes)
    for (const dtype of dtypes) {
      const x = input(shape, dtype, dtype === 'float32');
      const sets: (number | number[] | undefined)[] = [undefined, [], ...axisSets(shape.length)];
      if (shape.length > 0) sets.push(-1, [-shape.length], [0, 0], [0, -shape.length, shape.length - 1]);
      for (const axes of sets) same(`reverse ${shape} ${dtype} axes ${JSON.stringify(axes)}`, () => tf.reverse(make(x), axes));
    }
  // A bidirectional layer's backward outputs [B, T, H] reversed on T, and runs of every length around copyRun's cut.
  const seq = input([64, 12, 256]);
  same('reverse [64,12,256] on 1', () => tf.reverse(make(seq), 1));
  for (const run of [1, 2, 47, 48, 49]) {
    const x = input([3, 5, run]);
    same(`reverse [3,5,${run}] on [0, 1]`, () => tf.reverse(make(x), [0, 1]));
    same(`reverse [3,5,${run}] on [1, 2]`, () => tf.reverse(make(x), [1, 2]));
  }
  const five = input([2, 3, 1, 4, 2]);
  same('reverse rank 5', () => tf.reverse(make(five), [0, 2, 3]));
  const x = input([3, 4]);
  same('reverse on an axis out of range throws alike', () => tf.reverse(make(x), 2));
  same('reverse of strings', () => tf.reverse(tf.tensor(['a', 'b', 'c', 'd'], [2, 2]), 1));
  same('reverse of complex64 throws alike', () => tf.reverse(tf.complex([1, 2], [3, 4])));
  const [p, q] = [input([2, 3, 4]), input([2, 3, 4])];
  same('reverse gradient', () => tf.grad((y: tf.Tensor) => tf.sum(tf.mul(tf.reverse(y, [0, 2]), make(q))))(make(p)));
});

test('Sum, Mean, Max: every axis set and order, negative axes, keepDims, dtypes', () => {
  for (const shape of shapes)
    for (const dtype of dtypes) {
      const x = input(shape, dtype, true);
      const sets: (number | number[] | undefined)[] = [undefined, [], ...axisSets(shape.length)];
      if (shape.length > 0) sets.push(-1, [-shape.length]);
      for (const axes of sets)
        for (const keep of [false, true]) {
          const label = `${shape} ${dtype} axes ${JSON.stringify(axes)} keepDims ${keep}`;
          same(`sum ${label}`, () => tf.sum(make(x), axes, keep));
          if (dtype !== 'bool') same(`mean ${label}`, () => tf.mean(make(x), axes, keep));
          same(`max ${label}`, () => tf.max(make(x), axes, keep));
        }
    }
  // Ties between 0 and −0 (the reference keeps the first), and NaN in the middle of a run.
  const zeros = { shape: [3, 4, 5], dtype: 'float32' as const, values: Array.from({ length: 60 }, () => [0, -0, -1, -0][int(4)]) };
  const nans = { ...zeros, values: zeros.values.map((v) => (rand() < 0.1 ? NaN : v)) };
  for (const axes of axisSets(3)) {
    same(`max of ±0 on ${axes}`, () => tf.max(make(zeros), axes));
    same(`max with NaN on ${axes}`, () => tf.max(make(nans), axes));
  }
  const grad = input([1120, 100]);
  same('bias gradient sum over axis 0', () => tf.sum(make(grad), 0));
  // A float32 cast of int32 data keeps the Int32Array: the reference rounds it to float32 only when it transposes.
  const ints = { shape: [3, 4], dtype: 'int32' as const, values: Array.from({ length: 12 }, () => 16777217 + int(1000)) };
  for (const axes of [0, 1, [0, 1], [1, 0]]) {
    same(`sum of a float32 cast of large ints on ${axes}`, () => tf.sum(tf.cast(make(ints), 'float32'), axes));
    same(`mean of large ints on ${axes}`, () => tf.mean(make(ints), axes));
    same(`max of a float32 cast of large ints on ${axes}`, () => tf.max(tf.cast(make(ints), 'float32'), axes));
  }
  const small = input([2, 3]);
  same('sum with a repeated axis', () => tf.sum(make(small), [0, 0]));
  same('sum of complex64 throws alike', () => tf.sum(tf.complex([1, 2], [3, 4])));
});

test('gradients through split, concat, transpose and sum match', () => {
  const a = input([4, 12]);
  const b = input([4, 12]);
  const f = (x: tf.Tensor, y: tf.Tensor) => {
    const [p, q, r] = tf.split(x, [3, -1, 4], 1);
    const c = tf.concat([q, tf.transpose(p).reshape([4, 3]), y], 1);
    const t = tf.transpose(c.reshape([2, 2, 20]), [2, 0, 1]);
    return tf.sum(tf.mul(tf.sum(t, 0), tf.sum(t, [1, 2]).sum()).add(tf.mean(r, 0, true).sum()));
  };
  same('grads', () => tf.grads(f)([make(a), make(b)]));
});

test('enough cases were compared', () => {
  assert.ok(compared > 1000, `${compared}`);
});
