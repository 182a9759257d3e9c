import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber } from '../../../renderer/src/lib/format.ts';

test('formatNumber: significant digits below a million, powers of ten from there (a diverging loss stays readable)', () => {
  assert.equal(formatNumber(0.025), '0.025');
  assert.equal(formatNumber(1.23456), '1.235');
  assert.equal(formatNumber(1e-7), '1e-7');
  assert.equal(formatNumber(123456), '123500');
  assert.equal(formatNumber(999_999, 6), '999999');
  assert.equal(formatNumber(41_080_000_000_000_000), '4.108e16');
  assert.equal(formatNumber(-2_000_000), '-2e6');
  assert.equal(formatNumber(1.5e6, 6), '1.5e6');
  assert.equal(formatNumber(Number.NaN), 'NaN');
  assert.equal(formatNumber(Number.POSITIVE_INFINITY), 'Infinity');
});
