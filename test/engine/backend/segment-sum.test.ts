/** The scatter-add UnsortedSegmentSum (the embedding gradient) registered on the cpu backend. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { installFastCpuKernels } from '../../../engine/backend/embedded/embedded-backend.ts';

await tf.setBackend('cpu');

test('the linear-time UnsortedSegmentSum gives the segment sums', () => {
  installFastCpuKernels();
  const r = tf.unsortedSegmentSum(tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]), tf.tensor1d([2, 0, 2, 5], 'int32'), 4);
  assert.deepEqual(r.arraySync(), [[3, 4], [0, 0], [6, 8], [0, 0]]);
  r.dispose();
});
