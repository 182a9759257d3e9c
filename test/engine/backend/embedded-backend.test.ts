// The recurrent models give the same results on the pure-JS reference backend (`cpu`, tfjs's own kernels) and the
// embedded WebAssembly backend (`wasm`, engine/backend/embedded/): the same outputs for the same weights, and the
// same loss curve when trained from the same seed — every architecture and head.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { RnnArch } from '../../../contract/rnn.ts';
import { TrainingConfig } from '../../../contract/training.ts';
import { selectBackend } from '../../../engine/backend/select-backend.ts';
import { buildRnn } from '../../../engine/models/rnn/rnn.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { installFastCpuKernels } from '../../../engine/backend/embedded/embedded-backend.ts';
import type { Batch } from '../../../engine/models/rnn/batches.ts';
import { RnnModel } from '../../../engine/models/rnn/rnn-model.ts';
import { trainLoop } from '../../../engine/training/train-loop.ts';
import { seededRandom } from '../../../engine/random.ts';
import type { RnnShape } from '../../../engine/models/rnn/rnn.ts';

after(() => tf.setBackend('cpu'));

const TOLERANCE = 1e-4;
// Two padded sequences ([B, T] token ids, 0 = <pad>): the mask must behave the same on both backends.
const TOKENS = [
  [5, 3, 9, 2, 7, 0, 0],
  [1, 4, 4, 8, 6, 3, 2],
];

async function outputs(backend: 'cpu' | 'wasm', arch: RnnArch, seed: number, shape: RnnShape, weights: Float32Array[] | null) {
  if (backend === 'wasm') await selectBackend('wasm');
  else await tf.setBackend('cpu');
  const model = buildRnn(arch, shape, seed);
  if (weights) model.setWeights(model.getWeights().map((w, i) => tf.tensor(weights[i], w.shape)));
  const out = tf.tidy(() => (model.predict(tf.tensor2d(TOKENS, undefined, 'int32')) as tf.Tensor).dataSync().slice());
  const used = model.getWeights().map((w) => w.dataSync().slice() as Float32Array);
  model.dispose();
  return { out, used };
}

const cases: { name: string; task: RnnShape['task']; arch: Record<string, unknown> }[] = [
  { name: 'LSTM classifier', task: 'classifier', arch: { cell: 'lstm' } },
  { name: 'stacked bidirectional GRU tagger', task: 'tagger', arch: { cell: 'gru', layers: 2, bidirectional: true } },
  { name: 'SimpleRNN language model', task: 'lm', arch: { cell: 'rnn' } },
];

for (const c of cases) {
  test(`${c.name}: pure JS and WASM agree within ${TOLERANCE}`, async () => {
    const arch = RnnArch.parse({ emb: 8, hidden: 6, dropout: 0, vocab: 12, ...c.arch });
    const shape: RnnShape = { task: c.task, vocabSize: 12, outputs: c.task === 'lm' ? 12 : 4 };
    const cpu = await outputs('cpu', arch, 3, shape, null);
    const wasm = await outputs('wasm', arch, 3, shape, cpu.used);
    assert.equal(tf.getBackend(), 'wasm');
    assert.equal(wasm.out.length, cpu.out.length);
    let worst = 0;
    for (let i = 0; i < cpu.out.length; i++) worst = Math.max(worst, Math.abs(cpu.out[i] - wasm.out[i]));
    assert.ok(worst < TOLERANCE, `largest difference ${worst}`);
    assert.ok(cpu.out.some((v) => v > 0.05 && v < 0.95), 'outputs are probabilities, not all saturated');
  });
}

// Training: a few Adam steps (clipping, dropout, padding, masks) from the same seed and the same batches. Both
// backends start from identical weights and take the same steps; float32 sums in another order make the curves
// drift apart only by rounding, so the per-step losses agree to a relative 1e-4 (seen: ~1e-7, one float32 ulp).
const CURVE_TOLERANCE = 1e-4;

function batchesFor(task: RnnShape['task'], vocab: number, outputs: number): Batch[] {
  const random = seededRandom(11);
  const int = (n: number) => Math.floor(random() * n);
  return Array.from({ length: 6 }, () => {
    const B = 4, T = 7;
    const x = new Int32Array(B * T), mask = new Float32Array(B * T);
    for (let b = 0; b < B; b++) {
      const length = 2 + int(T - 1); // padded on the right
      for (let t = 0; t < length; t++) (x[b * T + t] = 1 + int(vocab - 1)), (mask[b * T + t] = 1);
    }
    const y = task === 'classifier' ? Int32Array.from({ length: B }, () => int(outputs)) : Int32Array.from(x, (v, i) => (mask[i] ? int(outputs) : 0));
    return { x, y, mask, batch: B, time: T, tokens: B * T } as unknown as Batch;
  });
}

async function lossCurve(backend: 'cpu' | 'wasm', task: RnnShape['task'], arch: RnnArch, training: TrainingConfig, shape: RnnShape): Promise<{ losses: number[]; tensors: number[] }> {
  if (backend === 'wasm') await selectBackend('wasm');
  else await tf.setBackend('cpu');
  installFastCpuKernels();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-curve-'));
  const model = new RnnModel(buildRnn(arch, shape, training.seed), task);
  const losses: number[] = [];
  const tensors: number[] = [];
  const batches = batchesFor(task, shape.vocabSize, shape.outputs);
  try {
    await trainLoop({
      weights: model.weights(), optimizer: training.optimizer, epochs: 2, patience: 0, dir, signal: new AbortController().signal,
      batches: () => batches,
      loss: (b) => model.loss(b, true),
      validate: async () => ({ metric: 0, values: {} }),
      onStep: (s) => void (losses.push(s.loss), tensors.push(tf.memory().numTensors)),
    });
  } finally {
    model.dispose();
    await rm(dir, { recursive: true, force: true });
  }
  return { losses, tensors };
}

const curveCases: { name: string; task: RnnShape['task']; arch: Record<string, unknown> }[] = [
  { name: 'LSTM classifier', task: 'classifier', arch: { cell: 'lstm' } },
  { name: 'bidirectional GRU tagger', task: 'tagger', arch: { cell: 'gru', bidirectional: true } },
  { name: 'stacked SimpleRNN language model', task: 'lm', arch: { cell: 'rnn', layers: 2 } },
  { name: 'LSTM language model', task: 'lm', arch: { cell: 'lstm' } },
  { name: 'bidirectional LSTM tagger', task: 'tagger', arch: { cell: 'lstm', bidirectional: true } },
  { name: 'GRU classifier', task: 'classifier', arch: { cell: 'gru' } },
  { name: 'stacked bidirectional SimpleRNN classifier', task: 'classifier', arch: { cell: 'rnn', layers: 2, bidirectional: true } },
];

for (const c of curveCases) {
  test(`${c.name}: the same loss curve on both backends from the same seed (relative ${CURVE_TOLERANCE})`, async () => {
    const arch = RnnArch.parse({ emb: 8, hidden: 12, dropout: 0.2, vocab: 30, ...c.arch });
    const training = TrainingConfig.parse({ seed: 5, optimizer: { lr: 0.01 } });
    const shape: RnnShape = { task: c.task, vocabSize: 30, outputs: c.task === 'lm' ? 30 : 5 };
    const { losses: cpu } = await lossCurve('cpu', c.task, arch, training, shape);
    const { losses: wasm, tensors } = await lossCurve('wasm', c.task, arch, training, shape);
    // No tensor outlives its step (after the first, which creates Adam's moments).
    assert.deepEqual(tensors.slice(1), tensors.slice(1).map(() => tensors[1]), `live tensors per step: ${tensors.join(' ')}`);
    assert.equal(cpu.length, 12);
    assert.equal(wasm.length, cpu.length);
    for (let i = 0; i < cpu.length; i++) assert.ok(Math.abs(cpu[i] - wasm[i]) <= CURVE_TOLERANCE * Math.abs(cpu[i]), `step ${i + 1}: cpu ${cpu[i]} vs wasm ${wasm[i]}`);
    assert.ok(cpu.at(-1)! < cpu[0], `the loss falls (${cpu[0]} → ${cpu.at(-1)})`);
  });
}
