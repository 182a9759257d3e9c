/**
 * The training settings every family shares (contract/training.ts) as the engine applies them: the inverse
 * square-root schedule, AdamW's decoupled weight decay, label smoothing, and the checks on their combinations.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { OptimizerConfig, TrainingConfig } from '../../../contract/training.ts';
import { AdamW, createOptimizer, learningRateAt } from '../../../engine/training/optimizer.ts';
import { crossEntropy, maskedCrossEntropy } from '../../../engine/training/losses.ts';

await tf.setBackend('cpu');
const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);

test('inverse square root: linear warm-up to lr, then lr·√(warmup/step)', () => {
  const c = OptimizerConfig.parse({ lr: 1, warmupSteps: 4, schedule: 'inverse-sqrt' });
  close(learningRateAt(c, 0, 100), 0.25);
  close(learningRateAt(c, 3, 100), 1); // the last warm-up step reaches lr
  close(learningRateAt(c, 15, 100), Math.sqrt(4 / 16));
  close(learningRateAt(c, 99, 100), Math.sqrt(4 / 100));
});

test('settings that do not go together are refused with the field named', () => {
  const decay = OptimizerConfig.safeParse({ name: 'adam', weightDecay: 0.01 });
  assert.equal(decay.success, false);
  assert.deepEqual(decay.error!.issues[0].path, ['weightDecay']);
  const sqrt = OptimizerConfig.safeParse({ schedule: 'inverse-sqrt' });
  assert.equal(sqrt.success, false);
  assert.deepEqual(sqrt.error!.issues[0].path, ['warmupSteps']);
  assert.equal(TrainingConfig.safeParse({ labelSmoothing: 0.6 }).success, false);
  assert.equal(TrainingConfig.safeParse({ minutes: 0 }).success, false);
});

test('AdamW: matrices shrink by lr·λ before the Adam update, vectors do not', () => {
  const w = tf.variable(tf.tensor2d([[1, -2], [3, 4]]), true, 'w_adamw_test');
  const b = tf.variable(tf.tensor1d([1, 1]), true, 'b_adamw_test');
  const zero = { w_adamw_test: tf.zerosLike(w), b_adamw_test: tf.zerosLike(b) };
  // With zero gradients Adam's own update is 0: what moves is the decay alone.
  const opt = createOptimizer(OptimizerConfig.parse({ name: 'adamw', lr: 0.1, weightDecay: 0.5 }));
  assert.ok(opt instanceof AdamW);
  opt.applyGradients(zero);
  assert.deepEqual(Array.from(w.dataSync()).map((x) => +x.toFixed(6)), [0.95, -1.9, 2.85, 3.8]);
  assert.deepEqual(Array.from(b.dataSync()), [1, 1]);
  // Adam (not W) with the same zero gradients leaves both alone.
  const adam = createOptimizer(OptimizerConfig.parse({ name: 'adam', lr: 0.1 }));
  adam.applyGradients(zero);
  assert.deepEqual(Array.from(w.dataSync()).map((x) => +x.toFixed(6)), [0.95, -1.9, 2.85, 3.8]);
  tf.dispose([w, b, ...Object.values(zero)]);
  opt.dispose();
  adam.dispose();
});

test('label smoothing: (1 − ε)·CE + ε·mean over classes of −log p, masked positions ignored', () => {
  const logits = tf.tensor2d([[2, 0, -1], [0.5, 0.5, 3]]);
  const targets = tf.tensor1d([0, 2], 'int32');
  const p = tf.softmax(logits).arraySync() as number[][];
  const eps = 0.2;
  const expected = [0, 1].map((r) => (1 - eps) * -Math.log(p[r][[0, 2][r]]) + (eps * p[r].reduce((s, x) => s - Math.log(x), 0)) / 3);
  close(crossEntropy(logits, targets, eps).dataSync()[0], (expected[0] + expected[1]) / 2, 1e-5);
  close(crossEntropy(logits, targets, 0).dataSync()[0], (-Math.log(p[0][0]) - Math.log(p[1][2])) / 2, 1e-5);
  // The same rows as a [1, 3, C] sequence with the last position padding.
  const seq = tf.tensor3d([[[2, 0, -1], [0.5, 0.5, 3], [9, -9, 0]]]);
  const masked = maskedCrossEntropy(seq, tf.tensor2d([[0, 2, 1]], [1, 3], 'int32'), tf.tensor2d([[1, 1, 0]]), eps);
  close(masked.dataSync()[0], (expected[0] + expected[1]) / 2, 1e-5);
});
