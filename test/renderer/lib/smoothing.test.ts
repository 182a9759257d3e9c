// TensorBoard's debiased exponential moving average, against values worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmaSmoother, smoothEma } from '../../../renderer/src/lib/smoothing.ts';

const close = (actual: (number | undefined)[], expected: (number | undefined)[]) => {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (e === undefined || !Number.isFinite(e)) assert.deepEqual(a, e, `value ${i}`);
    else assert.ok(Math.abs((a as number) - e) < 1e-12, `value ${i}: ${a} ≠ ${e}`);
  });
};

test('weight 0.5 over 4, 2, 8: debiased averages 4, 8/3, 40/7', () => {
  // n=1: last = 2,    debiased 2 / 0.5    = 4
  // n=2: last = 2,    2*0.5 + 0.5*2 = 2;   debiased 2 / 0.75 = 8/3
  // n=3: last = 1 + 4 = 5;                 debiased 5 / 0.875 = 40/7
  close(smoothEma([4, 2, 8], 0.5), [4, 8 / 3, 40 / 7]);
});

test('weight 0.9: the first value is kept (debiasing), a constant stays constant', () => {
  close(smoothEma([3], 0.9), [3]);
  close(smoothEma([7, 7, 7, 7], 0.9), [7, 7, 7, 7]);
});

test('weight 0 returns the values unchanged', () => {
  close(smoothEma([1, 5, -2, 0.25], 0), [1, 5, -2, 0.25]);
});

test('gaps and non-finite values pass through and do not count', () => {
  // Same as [4, 2, 8] with holes: 4, 8/3, 40/7 at the finite places.
  close(smoothEma([4, undefined, NaN, 2, Infinity, 8], 0.5), [4, undefined, NaN, 8 / 3, Infinity, 40 / 7]);
});

test('the streaming smoother gives the same values as the whole-array one', () => {
  const values = [0.9, 0.7, 0.75, 0.4, 0.45, 0.3];
  const s = new EmaSmoother(0.8);
  assert.deepEqual(values.map((x) => s.push(x)), smoothEma(values, 0.8));
  assert.notDeepEqual(smoothEma(values, 0.8), values);
});

test('a weight outside [0, 1) is refused', () => {
  assert.throws(() => new EmaSmoother(1), RangeError);
  assert.throws(() => new EmaSmoother(-0.1), RangeError);
});
