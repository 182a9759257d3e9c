/** The cross-entropy losses from logits: masked (tagger, LM) and per sequence (classifier), on hand-computed cases. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { crossEntropy, maskedCrossEntropy } from '../../../engine/training/losses.ts';

await tf.setBackend('cpu');

const close = (a: number, b: number, eps = 1e-5) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);

test('masked cross-entropy on a 2×3 batch counts only unmasked positions', () => {
  // Logits = log p, so softmax(logits) = p. Unmasked: −ln 0.5 = 0.693147, −ln 0.75 = 0.287682, −ln 0.2 = 1.609438; mean over 3 = 0.863422.
  const probs = tf.tensor3d([[[0.5, 0.5], [0.25, 0.75], [0.9, 0.1]], [[0.2, 0.8], [0.01, 0.99], [0.5, 0.5]]]);
  const targets = tf.tensor2d([[0, 1, 0], [0, 0, 1]], undefined, 'int32');
  const mask = tf.tensor2d([[1, 1, 0], [1, 0, 0]]);
  const loss = maskedCrossEntropy(tf.log(probs), targets, mask);
  close(loss.dataSync()[0], 0.863422);
  tf.dispose([probs, targets, mask, loss]);
});

test('sequence cross-entropy is the mean −log p(label)', () => {
  const probs = tf.tensor2d([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1]]);
  const loss = crossEntropy(tf.log(probs), tf.tensor1d([1, 0], 'int32'));
  close(loss.dataSync()[0], (-Math.log(0.7) - Math.log(0.6)) / 2);
  tf.dispose([probs, loss]);
});
