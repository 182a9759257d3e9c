import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APPLY_E, jsLearnKernels, SKIP_OUTSIDE, ZERO_E } from '../../../../engine/models/word2vec/learn-kernels.ts';
import type { LearnKernels } from '../../../../engine/models/word2vec/learn-kernels.ts';
import { SIGMOID_TABLE_FLOATS, simdLearnKernels, writeSigmoidTables } from '../../../../engine/models/word2vec/learn-simd.ts';

/**
 * The same memory image for both kernel sets: 20 pseudo-random rows starting at an odd address (rows need not
 * be 16-byte aligned), a target list, labels and a row list. h = row 0, e = row 1.
 */
function setup(dim: number, scale: number) {
  const memory = new WebAssembly.Memory({ initial: 4 });
  writeSigmoidTables(memory.buffer, 0);
  const floats = new Float32Array(memory.buffer);
  const ints = new Int32Array(memory.buffer);
  const base = SIGMOID_TABLE_FLOATS + 3;
  let s = 7;
  for (let i = base; i < base + 20 * dim; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    floats[i] = (s / 2 ** 32 - 0.5) * scale;
  }
  const after = base + 20 * dim + 3;
  const lists = { targets: after, labels: after + 100, rows: after + 200, loss: after + 301 + ((after + 301) & 1) };
  for (let k = 0; k < 6; k++) {
    ints[lists.targets + k] = base + (2 + k) * dim;
    floats[lists.labels + k] = k % 3 === 0 ? 1 : 0;
  }
  for (let k = 0; k < 4; k++) ints[lists.rows + k] = base + (10 + k) * dim;
  return { memory, floats, base, ...lists };
}

function exercise(k: LearnKernels, m: ReturnType<typeof setup>, dim: number): number[] {
  const h = m.base, e = m.base + dim;
  const lossAt = m.loss;
  const loss = new Float64Array(m.memory.buffer, lossAt * 4, 1);
  const losses = [];
  k.learn(h, e, m.targets, m.labels, 6, 0.3, ZERO_E, lossAt);
  losses.push(loss[0]);
  k.learn(h, e, m.targets, m.labels, 6, 0.3, SKIP_OUTSIDE | APPLY_E, lossAt);
  losses.push(loss[0]);
  k.learn(h, e, m.targets, m.labels, 0, 0.3, ZERO_E, lossAt); // an empty list only clears e
  losses.push(loss[0] - losses[1]);
  k.mean(m.base + 18 * dim, m.rows, 4);
  k.spread(e, m.rows, 3);
  return [...losses, ...m.floats.subarray(m.base, m.base + 20 * dim)];
}

for (const dim of [1, 3, 4, 7, 8, 13, 100, 101, 1000]) {
  test(`learn/mean/spread: WebAssembly SIMD and TypeScript kernels agree (dim ${dim}, including |u·h| beyond 6)`, () => {
    // Large values make some dot products fall outside ±6, so both the clamped and the skipped paths run.
    const scale = dim < 8 ? 6 : 1.2;
    const a = setup(dim, scale), b = setup(dim, scale);
    const js = exercise(jsLearnKernels(a.memory.buffer, dim), a, dim);
    const simd = exercise(simdLearnKernels(b.memory, dim, 0), b, dim);
    js.forEach((x, i) => assert.ok(Math.abs(x - simd[i]) <= 1e-5 * Math.max(1, Math.abs(x)), `value ${i}: ${x} vs ${simd[i]}`));
    assert.equal(js[2], 0);
    assert.ok(js.slice(3 + dim, 3 + 2 * dim).every((x) => x === 0), 'e cleared');
  });
}

test('learn on an empty list with APPLY_E leaves h as it was', () => {
  const m = setup(4, 1);
  const before = [...m.floats.subarray(m.base, m.base + 4)];
  simdLearnKernels(m.memory, 4, 0).learn(m.base, m.base + 4, m.targets, m.labels, 0, 0.3, ZERO_E | APPLY_E, m.loss);
  assert.deepEqual([...m.floats.subarray(m.base, m.base + 4)], before);
});
