/** Learning-rate schedules and global-norm clipping. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { OptimizerConfig } from '../../../contract/training.ts';
import { clipByGlobalNorm, learningRateAt } from '../../../engine/training/optimizer.ts';

await tf.setBackend('cpu');

const close = (a: number, b: number, eps = 1e-5) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);

test('learning-rate schedules: warm-up, then constant, linear or cosine decay', () => {
  const c = (o: object) => OptimizerConfig.parse({ lr: 1, warmupSteps: 10, ...o });
  close(learningRateAt(c({}), 0, 110), 0.1);
  close(learningRateAt(c({}), 9, 110), 1);
  close(learningRateAt(c({}), 60, 110), 1);
  close(learningRateAt(c({ schedule: 'linear' }), 60, 110), 0.5);
  close(learningRateAt(c({ schedule: 'cosine' }), 60, 110), 0.5);
  close(learningRateAt(c({ schedule: 'cosine' }), 35, 110), 0.5 * (1 + Math.cos(Math.PI / 4)));
});

test('global-norm clipping rescales all gradients together', () => {
  const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) }; // norm 5
  const { grads: clipped, norm } = clipByGlobalNorm(grads, 1);
  close(norm, 5);
  close(clipped.a.dataSync()[0], 0.6, 1e-4);
  close(clipped.b.dataSync()[1], 0.8, 1e-4);
  tf.dispose(clipped);
});
