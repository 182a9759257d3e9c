import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from '../../../../engine/models/word2vec/hogwild.ts';
import { jsKernels } from '../../../../engine/models/word2vec/kernels.ts';
import { createModel, mergeHotRows } from '../../../../engine/models/word2vec/sgns.ts';
import type { ModelParts } from '../../../../engine/models/word2vec/sgns.ts';

test('splitSentences: contiguous shares of about equal words, every sentence once', () => {
  // sentence lengths 10, 10, 10, 70, 10, 10, 10, 10 (140 words)
  const starts = Int32Array.from([0, 10, 20, 30, 100, 110, 120, 130, 140]);
  assert.deepEqual(splitSentences(starts, 1), [0, 8]);
  assert.deepEqual(splitSentences(starts, 2), [0, 4, 8]); // first sentence starting at >= 70 words
  assert.deepEqual(splitSentences(starts, 4), [0, 4, 4, 5, 8]); // an empty share when one sentence is long
  assert.deepEqual(splitSentences(Int32Array.from([0, 5]), 3), [0, 1, 1, 1]);
});

test('mergeHotRows: a worker adds its own change to the shared rows and takes the others\' back', () => {
  const parts: ModelParts = {
    dim: 2, window: 1, negative: 1, cbow: false,
    noise: new Uint32Array(4), keep: new Uint32Array(2), tokens: new Int32Array(0), sentenceStarts: Int32Array.from([0]),
  };
  const syn1neg = Float32Array.from([1, 2, 3, 4]); // V = 2 rows; row 0 is hot
  const worker = () =>
    createModel(parts, { syn0: new Float32Array(4), syn1neg, syn1hot: new Float32Array(2), neu1: new Float32Array(2), neu1e: new Float32Array(2) }, jsKernels, 1, 8);
  const a = worker();
  const b = worker();
  assert.deepEqual([...a.syn1hot], [1, 2]); // starts as a copy of the shared row
  a.syn1hot[0] += 0.5;
  b.syn1hot[1] -= 1;
  assert.deepEqual([...syn1neg], [1, 2, 3, 4]); // private until merged
  mergeHotRows(a);
  assert.deepEqual([...syn1neg], [1.5, 2, 3, 4]);
  mergeHotRows(b);
  assert.deepEqual([...syn1neg], [1.5, 1, 3, 4]);
  assert.deepEqual([...b.syn1hot], [1.5, 1]);
  mergeHotRows(a); // no change of its own since the last merge: just takes b's
  assert.deepEqual([...a.syn1hot], [1.5, 1]);
  assert.deepEqual([...syn1neg], [1.5, 1, 3, 4]);
});
