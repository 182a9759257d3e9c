/** Batches of the recurrent family: padding and masks, bucketing, LM windows, seeded splits. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifierBatches, encodeExamples, lmBatches, lmStream, splitExamples } from '../../../../engine/models/rnn/batches.ts';
import { Vocab } from '../../../../engine/models/rnn/vocab.ts';

test('batches are padded with 0 and masked; bucketing groups similar lengths; LM windows shift by one', () => {
  const vocab = Vocab.build([['a', 'b', 'c', 'd']], 'word', 100);
  const examples = [{ words: ['a'], label: 'x' }, { words: ['a', 'b', 'c'], label: 'y' }, { words: ['a', 'b'], label: 'x' }];
  const enc = encodeExamples(examples, 'classifier', vocab, ['x', 'y'], 10);
  const [batch] = classifierBatches(enc, 'classifier', 3, null);
  assert.equal(batch.time, 3);
  assert.deepEqual([...batch.x], [4, 0, 0, 4, 5, 6, 4, 5, 0]);
  assert.deepEqual([...batch.mask], [1, 0, 0, 1, 1, 1, 1, 1, 0]);
  assert.deepEqual([...batch.y], [0, 1, 0]);
  const stream = lmStream([{ words: ['a', 'b'] }], vocab); // <bos> a b <eos>
  const [lm] = lmBatches(stream, 2, 4, null);
  assert.deepEqual([...lm.x], [2, 4, 5, 0]);
  assert.deepEqual([...lm.y], [4, 5, 3, 0]);
  assert.deepEqual([...lm.mask], [1, 1, 1, 0]);
  const split = splitExamples([...Array(100).keys()], 0.1, 0.2, 7);
  assert.deepEqual([split.train.length, split.val.length, split.test.length], [70, 10, 20]);
  assert.deepEqual(splitExamples([...Array(100).keys()], 0.1, 0.2, 7), split);
});
