import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { orthogonal } from '../../../../engine/models/rnn/orthogonal.ts';

const maxAbs = (t: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(t)).dataSync()[0]);

/** Warnings tfjs printed while `fn` ran. */
function warningsDuring(fn: () => void): string[] {
  const seen: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void seen.push(args.join(' '));
  try {
    fn();
  } finally {
    console.warn = warn;
  }
  return seen;
}

// Wide as an LSTM's [H, 4H] and a GRU's [H, 3H] (Cholesky QR), square as a SimpleRNN's [H, H] and nearly square
// (Householder), tall as a conv kernel would be.
const shapes = [[16, 64], [16, 48], [24, 24], [12, 20], [40, 8]];

for (const shape of shapes) {
  test(`orthogonal ${shape.join('×')}: orthonormal rows or columns, and the very matrix tfjs's own initialiser gives`, () => {
    const q = orthogonal({ seed: 7 }).apply(shape);
    assert.deepEqual(q.shape, shape);
    const [rows, cols] = shape;
    const gram = rows <= cols ? tf.matMul(q, q, false, true) : tf.matMul(q, q, true, false);
    assert.ok(maxAbs(tf.sub(gram, tf.eye(Math.min(rows, cols)))) < 1e-4, 'QQᵀ = I');
    // The QR with R's diagonal positive is unique: same seed, same Gaussian draw, so the same Q as tfjs's.
    const expected = tf.initializers.orthogonal({ seed: 7 }).apply(shape);
    assert.ok(maxAbs(tf.sub(q, expected)) < 1e-4, `differs from tf.initializers.orthogonal by ${maxAbs(tf.sub(q, expected))}`);
  });
}

test('gain scales, the seed decides, and it serialises as tfjs\'s Orthogonal', () => {
  const one = orthogonal({ seed: 3 }).apply([8, 32]);
  const two = orthogonal({ seed: 3, gain: 2 }).apply([8, 32]);
  assert.ok(maxAbs(tf.sub(tf.mul(one, 2), two)) < 1e-6);
  assert.ok(maxAbs(tf.sub(one, orthogonal({ seed: 4 }).apply([8, 32]))) > 0.1);
  const init = orthogonal({ seed: 3 });
  assert.equal(init.getClassName(), 'Orthogonal');
  assert.deepEqual(init.getConfig(), { gain: 1, seed: 3 });
});

test('a model.json naming Orthogonal (an export being loaded) builds with this one: quick and no slowness warning', () => {
  const warnings = warningsDuring(() => {
    const lstm = tf.layers.lstm({ units: 64, recurrentInitializer: 'orthogonal' });
    lstm.build([null, null, 8]);
    const recurrent = lstm.getWeights()[1]; // [64, 256]: 16,384 elements, past tfjs's 2,000-element warning
    assert.ok(maxAbs(tf.sub(tf.matMul(recurrent, recurrent, false, true), tf.eye(64))) < 1e-4);
  });
  assert.deepEqual(warnings, []);
});
