/**
 * Training that diverges stops with DivergedError naming the step, before the bad step is applied, and never
 * writes a checkpoint with NaN weights: the shared loop on a made-up exploding loss, a weight corrupted between
 * steps, and a real classifier run whose AdamW weight decay makes its weights grow ninefold a step.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { OptimizerConfig } from '../../../contract/training.ts';
import { StudioError } from '../../../contract/errors.ts';
import { loadCheckpoint, readCheckpointManifest, type NamedWeight } from '../../../engine/training/checkpoint.ts';
import { firstNonFiniteWeight, lastCheckpointState, trainLoop, type LoopState } from '../../../engine/training/train-loop.ts';
import { readMeta } from '../../../engine/families/registry.ts';
import { testEngine, trainDivergingClassifier } from './helpers.ts';

const finite = (t: tf.Tensor) => Array.from(t.dataSync()).every(Number.isFinite);

/** One weight vector w with loss Σw²: SGD with lr 10 multiplies w by −19 every step until w² overflows. */
function exploding(dir: string, overrides: { onStep?: (step: number) => void; extra?: NamedWeight[] } = {}) {
  const w = tf.variable(tf.ones([4]), true, 'w');
  const weights: NamedWeight[] = [{ name: 'w', variable: w, trainable: true }, ...(overrides.extra ?? [])];
  const run = trainLoop({
    weights,
    optimizer: OptimizerConfig.parse({ name: 'sgd', lr: 10, clipNorm: 0 }),
    epochs: 100,
    patience: 0,
    batches: () => [{ tokens: 1 }, { tokens: 1 }, { tokens: 1 }],
    loss: () => tf.sum(tf.square(w)) as tf.Scalar,
    validate: async () => ({ metric: 0, values: {} }),
    ...(overrides.onStep ? { onStep: (s: { step: number }) => overrides.onStep!(s.step) } : {}),
    dir,
    signal: new AbortController().signal,
    checkpointSeconds: -1, // `last` after every step (even within the same millisecond): the test sees that the bad step is never saved
  });
  return { w, weights, run };
}

test('an infinite loss stops the loop at that step, before the update; the last checkpoint is finite', async () => {
  const e = await testEngine();
  const steps: number[] = [];
  const { w, weights, run } = exploding(e.dir, { onStep: (s) => void steps.push(s) });
  const error = await run.then(() => null, (err: unknown) => err);
  assert.ok(error instanceof StudioError, String(error));
  assert.equal(error.name, 'DivergedError');
  const failedAt = steps.at(-1)! + 1;
  assert.match(error.message, new RegExp(`at step ${failedAt} \\(epoch \\d+\\): the loss became infinite`));
  assert.match(error.message, /lower learning rate \(now 10\)/);
  assert.match(error.message, /gradient clipping/);
  // The diverging step was not applied: the weights are those of the last finite step.
  assert.ok(finite(w));
  const kept = await lastCheckpointState(e.dir);
  assert.ok(kept && kept.step > 0 && kept.step < failedAt, `kept ${kept?.step}, failed at ${failedAt}`);
  assert.match(error.message, new RegExp(`last checkpoint \\(step ${kept.step}, finite\\) is kept`));
  await loadCheckpoint<LoopState>(e.dir, 'last', weights, null);
  assert.ok(finite(w));
  w.dispose();
});

test('a checkpoint is never written over with NaN weights', async () => {
  const e = await testEngine();
  // A frozen weight the loss does not read, corrupted after step 2: the loss stays finite, the save at the end of
  // the first epoch (3 steps) must refuse it.
  const frozen = tf.variable(tf.zeros([2]), false, 'frozen');
  let checkpointed = -1;
  const { w, run } = exploding(e.dir, {
    extra: [{ name: 'frozen', variable: frozen, trainable: false }],
    onStep: (s) => {
      if (s === 2) {
        checkpointed = s;
        frozen.assign(tf.tensor1d([0, NaN]));
      }
    },
  });
  const error = await run.then(() => null, (err: unknown) => err);
  assert.ok(error instanceof StudioError && error.name === 'DivergedError', String(error));
  assert.match(error.message, /the weight "frozen" became NaN or infinite/);
  // Step 1's mid-epoch `last` (written before the corruption) is what stays; no `best` was ever written.
  const kept = await readCheckpointManifest<LoopState>(e.dir, 'last');
  assert.equal(kept?.state.step, checkpointed - 1);
  assert.equal(await readCheckpointManifest(e.dir, 'best'), null);
  assert.equal(firstNonFiniteWeight([{ name: 'frozen', variable: frozen, trainable: false }]), 'frozen');
  w.dispose();
  frozen.dispose();
});

test('a real classifier that diverges fails with DivergedError, keeps a finite checkpoint and stays resumable', { timeout: 60_000 }, async () => {
  const e = await testEngine();
  const { run } = await trainDivergingClassifier(e);
  assert.equal(run.status, 'failed');
  assert.equal(run.error?.name, 'DivergedError');
  assert.match(run.error!.message, /Training diverged at step \d+ \(epoch \d+\)/);
  assert.match(run.error!.message, /a smaller weight decay \(now 1\)/);
  const dir = e.ctx.runs.dir(run.id);
  const kept = await lastCheckpointState(dir);
  assert.ok(kept, 'a resumable last checkpoint');
  const { family, meta } = await readMeta(dir);
  const model = family.build(meta);
  for (const name of ['last', 'best']) {
    await loadCheckpoint(dir, name, model.weights(), null);
    assert.equal(firstNonFiniteWeight(model.weights()), null, `${name} is finite`);
  }
  model.dispose();
});

test('a word2vec run that diverges fails with DivergedError and saves no NaN vectors', { timeout: 60_000 }, async () => {
  const e = await testEngine();
  const words = ['king', 'queen', 'man', 'woman', 'apple', 'pear', 'dog', 'cat'];
  const text = Array.from({ length: 300 }, (_, i) => Array.from({ length: 10 }, (_, j) => words[(i * 7 + j * 3 + (i >> 2)) % words.length]).join(' ')).join('\n');
  const corpus = await e.importAs([await e.file('words.txt', text)], {});
  const { run } = await e.train(corpus, { model: 'word2vec', config: { alpha: 1, dim: 100, epochs: 20, minCount: 1, threads: 1 } });
  assert.equal(run.status, 'failed');
  assert.equal(run.error?.name, 'DivergedError');
  assert.match(run.error!.message, /lower alpha/);
  const files = await readdir(e.ctx.runs.dir(run.id));
  assert.ok(!files.includes('vectors.bin') && !files.includes('vocab.tsv'), files.join(', '));
  const metrics = await e.ctx.runs.metrics(run.id);
  assert.ok(metrics.every((p) => Object.values(p.values).every(Number.isFinite)), 'no NaN point recorded');
});
