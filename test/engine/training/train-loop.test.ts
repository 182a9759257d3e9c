/**
 * The shared training loop on tiny recurrent models: the tensor count stays flat across epochs, and a run stopped
 * mid-epoch resumes from its mid-epoch checkpoint at the same step (also from a checkpoint of format 1, as written
 * before the family seam).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { RnnArch } from '../../../contract/rnn.ts';
import { TrainingConfig } from '../../../contract/training.ts';
import { classifierBatches, encodeExamples, type Batch } from '../../../engine/models/rnn/batches.ts';
import { buildRnn } from '../../../engine/models/rnn/rnn.ts';
import { RnnModel } from '../../../engine/models/rnn/rnn-model.ts';
import { Vocab } from '../../../engine/models/rnn/vocab.ts';
import { seededRandom as rng } from '../../../engine/random.ts';
import { trainLoop } from '../../../engine/training/train-loop.ts';
import { testEngine } from './helpers.ts';
import { toFormat1 } from './legacy.ts';

test('the tensor count stays flat across epochs', async () => {
  const e = await testEngine();
  const vocab = Vocab.build([['a', 'b', 'c']], 'word', 10);
  const examples = Array.from({ length: 12 }, (_, i) => ({ words: ['a', 'b', 'c'].slice(0, 1 + (i % 3)), label: i % 2 ? 'p' : 'q' }));
  const items = encodeExamples(examples, 'classifier', vocab, ['p', 'q'], 10);
  const model = new RnnModel(buildRnn(RnnArch.parse({ cell: 'gru', emb: 4, hidden: 4, dropout: 0.2 }), { task: 'classifier', vocabSize: vocab.size, outputs: 2 }), 'classifier');
  const counts: number[] = [];
  await trainLoop({
    weights: model.weights(),
    optimizer: TrainingConfig.parse({}).optimizer,
    epochs: 4,
    patience: 0,
    batches: (epoch) => classifierBatches(items, 'classifier', 4, rng(epoch)),
    loss: (b) => model.loss(b, true),
    validate: async () => ({ metric: 0, values: {} }),
    onEpoch: () => void counts.push(tf.memory().numTensors),
    dir: e.dir,
    signal: new AbortController().signal,
  });
  // After the first epoch (Adam creates its moment variables on the first step) nothing accumulates.
  assert.equal(counts.length, 4);
  assert.deepEqual(counts.slice(1), [counts[1], counts[1], counts[1]]);
  model.dispose();
});

test('a run stopped mid-epoch resumes from its mid-epoch checkpoint at the same step', async () => {
  const e = await testEngine();
  const vocab = Vocab.build([['a', 'b', 'c']], 'word', 10);
  const examples = Array.from({ length: 24 }, (_, i) => ({ words: ['a', 'b', 'c'].slice(0, 1 + (i % 3)), label: i % 2 ? 'p' : 'q' }));
  const items = encodeExamples(examples, 'classifier', vocab, ['p', 'q'], 10);
  const arch = RnnArch.parse({ cell: 'lstm', emb: 4, hidden: 4, dropout: 0 });
  const training = TrainingConfig.parse({});
  const options = (model: RnnModel, signal: AbortSignal, steps: number[]) => ({
    weights: model.weights(),
    optimizer: training.optimizer,
    epochs: 2,
    patience: 0,
    batches: (epoch: number) => classifierBatches(items, 'classifier', 4, rng(epoch)), // 6 batches an epoch
    loss: (b: Batch) => model.loss(b, true),
    validate: async () => ({ metric: 0, values: {} }),
    onStep: (s: { step: number }) => void steps.push(s.step),
    dir: e.dir,
    signal,
    checkpointSeconds: 0, // a checkpoint after every step
  });
  const first = new RnnModel(buildRnn(arch, { task: 'classifier', vocabSize: vocab.size, outputs: 2 }), 'classifier');
  const controller = new AbortController();
  const before: number[] = [];
  const run = options(first, controller.signal, before);
  await assert.rejects(trainLoop({ ...run, onStep: (s) => (before.push(s.step), s.step === 8 && controller.abort()) }), /cancelled/);
  assert.equal(before.at(-1), 8);
  const second = new RnnModel(buildRnn(arch, { task: 'classifier', vocabSize: vocab.size, outputs: 2 }), 'classifier'); // as after a restart
  const after: number[] = [];
  const result = await trainLoop({ ...options(second, new AbortController().signal, after), resume: true });
  assert.deepEqual(after, [9, 10, 11, 12]);
  assert.equal(result.state.step, 12);
  [first, second].forEach((m) => m.dispose());
});

test('a mid-epoch checkpoint of format 1 (weights by position) resumes at the same step, to the same weights', async () => {
  const e = await testEngine();
  const vocab = Vocab.build([['a', 'b', 'c']], 'word', 10);
  const examples = Array.from({ length: 24 }, (_, i) => ({ words: ['a', 'b', 'c'].slice(0, 1 + (i % 3)), label: i % 2 ? 'p' : 'q' }));
  const items = encodeExamples(examples, 'classifier', vocab, ['p', 'q'], 10);
  const arch = RnnArch.parse({ cell: 'gru', emb: 4, hidden: 4, dropout: 0, bidirectional: true });
  const build = () => new RnnModel(buildRnn(arch, { task: 'classifier', vocabSize: vocab.size, outputs: 2 }), 'classifier');
  const options = (model: RnnModel, dir: string, signal: AbortSignal, steps: number[]) => ({
    weights: model.weights(),
    optimizer: TrainingConfig.parse({ optimizer: { lr: 0.01 } }).optimizer,
    epochs: 2,
    patience: 0,
    batches: (epoch: number) => classifierBatches(items, 'classifier', 4, rng(epoch)), // 6 batches an epoch
    loss: (b: Batch) => model.loss(b, true),
    validate: async () => ({ metric: 0, values: {} }),
    onStep: (s: { step: number }) => void steps.push(s.step),
    dir,
    signal,
    checkpointSeconds: 0,
  });
  // Uninterrupted, for reference.
  const whole = build();
  await trainLoop(options(whole, `${e.dir}/whole`, new AbortController().signal, []));
  // Stopped at step 8, its `last` checkpoint rewritten as format 1, resumed in a fresh model.
  const first = build();
  const controller = new AbortController();
  const stopped = options(first, `${e.dir}/stopped`, controller.signal, []);
  await assert.rejects(trainLoop({ ...stopped, onStep: (s) => void (s.step === 8 && controller.abort()) }), /cancelled/);
  await toFormat1(`${e.dir}/stopped`, 'last');
  const second = build();
  const after: number[] = [];
  const result = await trainLoop({ ...options(second, `${e.dir}/stopped`, new AbortController().signal, after), resume: true });
  assert.deepEqual(after, [9, 10, 11, 12]);
  assert.equal(result.state.step, 12);
  const values = (m: RnnModel) => m.net.getWeights().map((w) => Array.from(w.dataSync()));
  const [want, got] = [values(whole).flat(), values(second).flat()];
  assert.equal(got.length, want.length);
  got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-6, `weight value ${i}: ${v} resumed, ${want[i]} uninterrupted`));
  [whole, first, second].forEach((m) => m.dispose());
});
