// The recurrent models give the same results on the pure-JS and the WASM backends (within float32 tolerance).
// Training needs kernels tfjs-wasm lacks (the fast-backend issue adds them), so this compares the models' outputs:
// the same weights, the same padded batch, every architecture and head.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { RnnConfig } from '../../../contract/sequence.ts';
import { selectBackend } from '../../../engine/backend/select-backend.ts';
import { buildRnn } from '../../../engine/models/rnn/rnn.ts';
import type { RnnShape } from '../../../engine/models/rnn/rnn.ts';

after(() => tf.setBackend('cpu'));

const TOLERANCE = 1e-4;
// Two padded sequences ([B, T] token ids, 0 = <pad>): the mask must behave the same on both backends.
const TOKENS = [
  [5, 3, 9, 2, 7, 0, 0],
  [1, 4, 4, 8, 6, 3, 2],
];

async function outputs(backend: 'cpu' | 'wasm', config: ReturnType<typeof RnnConfig.parse>, shape: RnnShape, weights: Float32Array[] | null) {
  if (backend === 'wasm') await selectBackend('wasm');
  else await tf.setBackend('cpu');
  const model = buildRnn(config, shape);
  if (weights) model.setWeights(model.getWeights().map((w, i) => tf.tensor(weights[i], w.shape)));
  const out = tf.tidy(() => (model.predict(tf.tensor2d(TOKENS, undefined, 'int32')) as tf.Tensor).dataSync().slice());
  const used = model.getWeights().map((w) => w.dataSync().slice() as Float32Array);
  model.dispose();
  return { out, used };
}

const cases: { name: string; task: RnnShape['task']; config: Record<string, unknown> }[] = [
  { name: 'LSTM classifier', task: 'classifier', config: { arch: 'lstm' } },
  { name: 'stacked bidirectional GRU tagger', task: 'tagger', config: { arch: 'gru', layers: 2, bidirectional: true } },
  { name: 'SimpleRNN language model', task: 'lm', config: { arch: 'rnn' } },
];

for (const c of cases) {
  test(`${c.name}: pure JS and WASM agree within ${TOLERANCE}`, async () => {
    const config = RnnConfig.parse({ emb: 8, hidden: 6, dropout: 0, vocab: 12, seed: 3, ...c.config });
    const shape: RnnShape = { task: c.task, vocabSize: 12, outputs: c.task === 'lm' ? 12 : 4 };
    const cpu = await outputs('cpu', config, shape, null);
    const wasm = await outputs('wasm', config, shape, cpu.used);
    assert.equal(tf.getBackend(), 'wasm');
    assert.equal(wasm.out.length, cpu.out.length);
    let worst = 0;
    for (let i = 0; i < cpu.out.length; i++) worst = Math.max(worst, Math.abs(cpu.out[i] - wasm.out[i]));
    assert.ok(worst < TOLERANCE, `largest difference ${worst}`);
    assert.ok(cpu.out.some((v) => v > 0.05 && v < 0.95), 'outputs are probabilities, not all saturated');
  });
}
