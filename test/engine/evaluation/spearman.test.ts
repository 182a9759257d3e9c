import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { averageRanks, pearson, spearman } from '../../../engine/evaluation/spearman.ts';

const expected = JSON.parse(readFileSync(new URL('../../fixtures/vectors/expected.json', import.meta.url), 'utf8'));

test('ties share the average of the ranks they span (scipy rankdata "average")', () => {
  assert.deepEqual([...averageRanks([10, 20, 20, 30])], [1, 2.5, 2.5, 4]);
  assert.deepEqual([...averageRanks([5, 5, 5])], [2, 2, 2]);
  assert.deepEqual([...averageRanks([3, 1, 2])], [3, 1, 2]);
});

test('Spearman with ties matches scipy.stats.spearmanr', () => {
  // By hand: ranks x = [1, 2.5, 2.5, 4, 6, 6, 6], y = [4, 1, 2.5, 2.5, 6.5, 5, 6.5]; their Pearson r is ρ.
  // scipy.stats.spearmanr gives 0.7145774380937868 (fixtures/vectors/make_fixtures.py → expected.json).
  const rho = spearman([1, 2, 2, 3, 5, 5, 5], [0.3, 0.1, 0.2, 0.2, 0.9, 0.4, 0.9]);
  assert.ok(Math.abs(rho - expected.spearman_ties) < 1e-12, String(rho));
  assert.ok(Math.abs(rho - 0.7145774380937868) < 1e-12);
  assert.equal(spearman([1, 2, 3], [30, 20, 10]), -1);
  assert.equal(spearman([1, 2, 3], [1, 4, 9]), 1);
});

test('undefined correlations are NaN: fewer than 2 values, or a constant sample', () => {
  assert.ok(Number.isNaN(spearman([1], [2])));
  assert.ok(Number.isNaN(spearman([1, 1, 1], [1, 2, 3])));
  assert.ok(Number.isNaN(pearson([], [])));
});
