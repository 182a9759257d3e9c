// Sentence-pair batches (engine/models/seq2seq/batches.ts): the decoder's input behind <bos>, its output before
// <eos>, padding and masks, the target-token count, bucketing by length, and pairs kept by length.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pairBatch, pairBatches, withinLength, type Pair } from '../../../../engine/models/seq2seq/batches.ts';
import { BOS, EOS, PAD } from '../../../../engine/models/rnn/vocab.ts';
import { seededRandom } from '../../../../engine/random.ts';

const pairs: Pair[] = [
  { source: [4, 5, 6], target: [7, 8] },
  { source: [9], target: [10, 11, 12, 13] },
];

test('a batch: source padded, target in behind <bos>, target out before <eos>, masks and token count', () => {
  const b = pairBatch(pairs, [0, 1]);
  assert.equal(b.batch, 2);
  assert.equal(b.sourceTime, 3);
  assert.equal(b.targetTime, 5); // the longest target (4) + 1
  assert.deepEqual([...b.source], [4, 5, 6, 9, PAD, PAD]);
  assert.deepEqual([...b.targetIn], [BOS, 7, 8, PAD, PAD, BOS, 10, 11, 12, 13]);
  assert.deepEqual([...b.targetOut], [7, 8, EOS, PAD, PAD, 10, 11, 12, 13, EOS]);
  assert.deepEqual([...b.targetMask], [1, 1, 1, 0, 0, 1, 1, 1, 1, 1]);
  assert.equal(b.tokens, 3 + 5); // targets with their <eos>, as the PyTorch anchor counts
  assert.deepEqual(b.indices, [0, 1]);
});

test('one-token sides are padded to two steps (tfjs cannot differentiate its recurrent layers over one)', () => {
  const b = pairBatch([{ source: [4], target: [] }], [0]);
  assert.equal(b.sourceTime, 2);
  assert.equal(b.targetTime, 2);
  assert.deepEqual([...b.targetIn], [BOS, PAD]);
  assert.deepEqual([...b.targetOut], [EOS, PAD]);
  assert.deepEqual([...b.targetMask], [1, 0]);
});

test('bucketing: every pair once, batches of similar source lengths, the same order for the same seed', () => {
  const random = seededRandom(4);
  const many: Pair[] = Array.from({ length: 500 }, () => ({
    source: Array.from({ length: 1 + Math.floor(random() * 30) }, () => 4),
    target: Array.from({ length: 1 + Math.floor(random() * 30) }, () => 5),
  }));
  const batches = pairBatches(many, 16, seededRandom(1));
  assert.deepEqual(batches.flatMap((b) => b.indices).sort((a, b) => a - b), many.map((_, i) => i));
  const spread = (b: { indices: number[] }) => Math.max(...b.indices.map((i) => many[i].source.length)) - Math.min(...b.indices.map((i) => many[i].source.length));
  const bucketed = batches.reduce((s, b) => s + spread(b), 0) / batches.length;
  const inOrder = pairBatches(many, 16, null);
  const unsorted = inOrder.reduce((s, b) => s + spread(b), 0) / inOrder.length;
  assert.ok(bucketed < unsorted / 4, `mean length spread per batch ${bucketed} bucketed vs ${unsorted} in file order`);
  assert.deepEqual(inOrder.flatMap((b) => b.indices), many.map((_, i) => i), 'no random: the given order');
  assert.deepEqual(pairBatches(many, 16, seededRandom(1)).map((b) => b.indices), batches.map((b) => b.indices));
});

test('withinLength keeps pairs whose sides have 1…maxLength tokens', () => {
  const edge = [{ source: [4, 4, 4, 4], target: [5] }, { source: [4], target: [5, 5, 5, 5] }];
  const out = [{ source: [], target: [4] }, { source: [4], target: [] }, { source: [4, 4, 4, 4, 4], target: [5] }, { source: [4], target: [5, 5, 5, 5, 5] }];
  assert.deepEqual(withinLength([...pairs, ...out, ...edge], 4), [...pairs, ...edge]);
});
