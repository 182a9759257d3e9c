/**
 * Checkpoints keyed by weight name: weights and Adam state round-trip; a checkpoint written before the family seam
 * (format 1, weights by position) still loads and training continues from it exactly; a weight renamed, missing,
 * extra or of another shape is refused with its name, and the model is left as it was.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { RnnArch } from '../../../contract/rnn.ts';
import { classifierBatches, encodeExamples, type Batch } from '../../../engine/models/rnn/batches.ts';
import { buildRnn } from '../../../engine/models/rnn/rnn.ts';
import { RnnModel } from '../../../engine/models/rnn/rnn-model.ts';
import { Vocab } from '../../../engine/models/rnn/vocab.ts';
import { loadCheckpoint, saveCheckpoint } from '../../../engine/training/checkpoint.ts';
import { testEngine } from './helpers.ts';
import { saveFormat1Checkpoint } from './legacy.ts';

test('checkpoints round-trip weights and Adam state', async () => {
  const e = await testEngine();
  const arch = RnnArch.parse({ cell: 'lstm', emb: 4, hidden: 3 });
  const a = buildRnn(arch, { task: 'classifier', vocabSize: 10, outputs: 2 });
  const b = buildRnn(arch, { task: 'classifier', vocabSize: 10, outputs: 2 }, 99);
  const optimizer: tf.Optimizer = tf.train.adam(0.01);
  const vars = a.trainableWeights.map((w) => w.read() as tf.Variable);
  const batch = classifierBatches(encodeExamples([{ words: ['x', 'y'], label: 'p' }], 'classifier', Vocab.build([['x', 'y']], 'word', 10), ['p', 'q'], 5), 'classifier', 1, null)[0];
  const { grads, value } = tf.variableGrads(() => new RnnModel(a, 'classifier').loss(batch, true), vars);
  optimizer.applyGradients(grads);
  tf.dispose([value, grads]);
  await saveCheckpoint(e.dir, 'last', new RnnModel(a, 'classifier').weights(), optimizer, { step: 1 });
  const restored = tf.train.adam(0.01);
  const state = await loadCheckpoint<{ step: number }>(e.dir, 'last', new RnnModel(b, 'classifier').weights(), restored);
  assert.deepEqual(state, { step: 1 });
  a.getWeights().forEach((w, i) => assert.deepEqual(w.dataSync(), b.getWeights()[i].dataSync()));
  const slots = await restored.getWeights();
  assert.equal(slots.length, 1 + 2 * vars.length);
  assert.equal(slots[0].tensor.dataSync()[0], 1); // the step counter
  [a, b].forEach((m) => m.dispose());
});

const SHAPE = { task: 'classifier', vocabSize: 10, outputs: 2 } as const;
const oneBatch = (): Batch => classifierBatches(encodeExamples([{ words: ['x', 'y'], label: 'p' }], 'classifier', Vocab.build([['x', 'y']], 'word', 10), ['p', 'q'], 5), 'classifier', 1, null)[0];

/** One Adam step of `model` on `batch`. */
function adamStep(model: RnnModel, optimizer: tf.Optimizer, batch: Batch): void {
  const vars = model.weights().filter((w) => w.trainable).map((w) => w.variable);
  const { grads, value } = tf.variableGrads(() => model.loss(batch, true), vars);
  optimizer.applyGradients(grads);
  tf.dispose([value, grads]);
}

const values = (model: RnnModel) => model.net.getWeights().map((w) => Array.from(w.dataSync()));

test('a format-1 checkpoint (weights w0, w1, … by position, as written before the seam) loads with its Adam state and training continues exactly', async () => {
  const e = await testEngine();
  const arch = RnnArch.parse({ cell: 'gru', emb: 4, hidden: 3, bidirectional: true, dropout: 0 }); // no dropout: both steps see the same network
  const a = new RnnModel(buildRnn(arch, SHAPE), 'classifier');
  const b = new RnnModel(buildRnn(arch, SHAPE, 99), 'classifier');
  const batch = oneBatch();
  const optimizer = tf.train.adam(0.01);
  adamStep(a, optimizer, batch);
  await saveFormat1Checkpoint(e.dir, 'last', a.net, optimizer, { step: 1 });
  const restored = tf.train.adam(0.01);
  assert.deepEqual(await loadCheckpoint<{ step: number }>(e.dir, 'last', b.weights(), restored), { step: 1 });
  assert.deepEqual(values(b), values(a));
  const slots = await restored.getWeights();
  assert.equal(slots.length, 1 + 2 * a.net.trainableWeights.length);
  assert.equal(slots[0].tensor.dataSync()[0], 1); // the step counter
  // The next step from the loaded state is the step the original takes: the moments went to the right weights.
  adamStep(a, optimizer, batch);
  adamStep(b, restored, batch);
  assert.deepEqual(values(b), values(a));
  // Format 1 has no names, but a mis-sized model is still refused, naming the model's weight.
  const wider = new RnnModel(buildRnn({ ...arch, hidden: 5 }, SHAPE), 'classifier');
  await assert.rejects(loadCheckpoint(e.dir, 'last', wider.weights(), null), { name: 'ValidationError', message: /"rnn_1\/forward_gru_1\/kernel" is \[4, 9\] there and \[4, 15\]/ });
  [a, b, wider].forEach((m) => m.dispose());
  optimizer.dispose();
  restored.dispose();
});

test('loading refuses a renamed, missing, extra or mis-shaped weight with its name, and changes nothing', async () => {
  const e = await testEngine();
  const arch = RnnArch.parse({ cell: 'gru', emb: 4, hidden: 3 });
  const a = new RnnModel(buildRnn(arch, SHAPE), 'classifier');
  await saveCheckpoint(e.dir, 'best', a.weights(), null, { step: 0 });
  const b = new RnnModel(buildRnn(arch, SHAPE, 99), 'classifier');
  const before = values(b);
  assert.notDeepEqual(before, values(a));
  assert.deepEqual(b.weights().map((w) => w.name), ['embedding/embeddings', 'rnn_1/kernel', 'rnn_1/recurrent_kernel', 'rnn_1/bias', 'output/kernel', 'output/bias']);
  const misfit = (pattern: RegExp) => ({ name: 'ValidationError', message: pattern });

  // A layer renamed in the model: its weights are not in the checkpoint.
  const renamed = b.weights().map((w) => (w.name === 'rnn_1/kernel' ? { ...w, name: 'gru_1/kernel' } : w));
  await assert.rejects(loadCheckpoint(e.dir, 'best', renamed, null), misfit(/no weight "gru_1\/kernel"/));
  // The model lacks a weight the checkpoint has.
  await assert.rejects(loadCheckpoint(e.dir, 'best', b.weights().filter((w) => w.name !== 'output/bias'), null), misfit(/weight "output\/bias" is not in the model/));
  // The model has a weight the checkpoint lacks.
  const extra = tf.variable(tf.zeros([2]));
  await assert.rejects(loadCheckpoint(e.dir, 'best', [...b.weights(), { name: 'output/scale', variable: extra, trainable: true }], null), misfit(/no weight "output\/scale"/));
  // Another shape under the same name.
  const wider = new RnnModel(buildRnn({ ...arch, hidden: 5 }, SHAPE), 'classifier');
  await assert.rejects(loadCheckpoint(e.dir, 'best', wider.weights(), null), misfit(/weight "rnn_1\/kernel" is \[4, 9\] there and \[4, 15\] in the model/));
  assert.deepEqual(values(b), before);

  // Two weights of one model under one name cannot be checkpointed.
  const twice = b.weights().map((w) => (w.name === 'rnn_1/bias' ? { ...w, name: 'rnn_1/kernel' } : w));
  await assert.rejects(saveCheckpoint(e.dir, 'last', twice, null, {}), /both named "rnn_1\/kernel"/);
  // The right names load.
  await loadCheckpoint(e.dir, 'best', b.weights(), null);
  assert.deepEqual(values(b), values(a));
  [a, b, wider].forEach((m) => m.dispose());
  extra.dispose();
});
