import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchBounds } from '../../../../engine/models/word2vec/hogwild.ts';

test('batchBounds: batches of at least 10000 words as sentence boundaries, every sentence once', () => {
  const starts = Int32Array.from([0, 6000, 9000, 12000, 25000, 25001]);
  const bounds = batchBounds(starts);
  assert.deepEqual([...bounds], [0, 3, 4, 5]);
  assert.ok(bounds.buffer instanceof SharedArrayBuffer, 'shared with the workers');
  assert.deepEqual([...batchBounds(Int32Array.from([0, 5]))], [0, 1]);
});
