// What a user sees while training: the progress and the result, nothing from tfjs. Two kinds of noise came back
// unless fixed at the cause: tfjs-backend-cpu's "install our node backend" banner (select-backend.ts turns on tfjs's
// production mode) and tfjs-layers' "Orthogonal initializer … Slowness may result." (models/rnn/orthogonal.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../../cli/run-cli.ts';
import { syntheticCsv } from '../training/synthetic.ts';
import { selectBackend } from '../../../engine/backend/select-backend.ts';

const NOISE = [/TensorFlow\.js in Node\.js/i, /install our node backend/i, /initializer is being called/i, /Slowness may result/i, /^=+$/m];

function assertQuiet(output: string): void {
  for (const pattern of NOISE) assert.doesNotMatch(output, pattern);
}

for (const backend of ['wasm', 'cpu']) {
  test(`train classifier --arch lstm on ${backend}: no tfjs banner, no initializer warning`, { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-quiet-'));
    const data = path.join(dir, 'reviews.csv');
    await writeFile(data, syntheticCsv(60));
    // 32 hidden units: the LSTM's recurrent kernel is 32 × 128 = 4,096 elements, past tfjs's 2,000-element warning.
    const out = path.join(dir, 'model');
    const args = ['train', 'classifier', '--data', data, '--arch', 'lstm', '--emb', '8', '--hidden', '32', '--epochs', '1', '--batch', '16', '--out', out, '--workspace', path.join(dir, 'ws')];
    const run = await cli(args, { NLP_STUDIO_BACKEND: backend });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`Trained classifier on ${backend}`));
    assertQuiet(run.stdout + run.stderr);
    // The exported folder used on its own (no run, no session): it selects the same backend a session would, and
    // the model.json's Orthogonal initialisers run again before the saved weights replace them.
    const predicted = await cli(['predict', '--model', path.join(out, 'tfjs'), '--json', 'the plot was awful'], { NLP_STUDIO_BACKEND: backend });
    assert.equal(predicted.code, 0, predicted.stderr);
    assert.match(predicted.stdout, /neg|pos/);
    assert.equal(predicted.json.backend, backend);
    assertQuiet(predicted.stdout + predicted.stderr);
  });
}

test('after selectBackend, the first tensor on the CPU backends prints nothing', async () => {
  const { tf } = await selectBackend('cpu');
  const printed: string[] = [];
  const { warn, log } = console;
  console.warn = console.log = (...args: unknown[]) => void printed.push(args.join(' '));
  try {
    tf.tensor([1, 2, 3]).dispose();
  } finally {
    Object.assign(console, { warn, log });
  }
  assert.deepEqual(printed, []);
});
