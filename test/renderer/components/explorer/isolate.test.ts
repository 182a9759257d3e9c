import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isolateRows, pickEach, pickRows } from '../../../../renderer/src/components/explorer/isolate.ts';

test('isolating a word and its neighbours keeps exactly those rows, in the order asked, and names the missing ones', () => {
  const index = new Map(['a', 'b', 'c', 'd', 'e'].map((w, i) => [w, i] as const));
  const { rows, missing } = isolateRows(index, ['c', 'a', 'zz', 'e', 'a']);
  assert.deepEqual(rows, [2, 0, 4]);
  assert.deepEqual(missing, ['zz']);
});

test('the subset keeps its coordinates from the full picture (2-D and 3-D) and its per-point values', () => {
  const coords2 = [0, 1, 10, 11, 20, 21, 30, 31];
  assert.deepEqual(pickRows(coords2, 2, [3, 1]), [30, 31, 10, 11]);
  const coords3 = Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(pickRows(coords3, 3, [2]), [6, 7, 8]);
  assert.deepEqual(pickEach(Uint8Array.from([5, 6, 7]), [2, 0]), [7, 5]);
});
