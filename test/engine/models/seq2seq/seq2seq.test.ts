// The Seq2Seq model (engine/models/seq2seq/seq2seq.ts): weight names checkpoints can rely on, translation steps that
// reproduce the training pass without re-encoding, the same numbers on the reference and the embedded backend, and a
// small task (reversing digit strings) learned to ≥ 95 % exact match, with live tensors flat across training epochs
// and across 1,000 beam-search translations.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Seq2SeqArch, type Seq2SeqArchInput } from '../../../../contract/seq2seq.ts';
import { FusedAdam } from '../../../../engine/backend/embedded/adam.ts';
import { installFastCpuKernels } from '../../../../engine/backend/embedded/embedded-backend.ts';
import { selectBackend } from '../../../../engine/backend/select-backend.ts';
import { beamSearch, greedyDecode } from '../../../../engine/decoding/search.ts';
import { pairBatch, pairBatches, type Pair, type PairBatch } from '../../../../engine/models/seq2seq/batches.ts';
import { buildSeq2Seq, type Seq2Seq } from '../../../../engine/models/seq2seq/seq2seq.ts';
import { BOS, EOS } from '../../../../engine/models/rnn/vocab.ts';
import { seededRandom } from '../../../../engine/random.ts';

installFastCpuKernels();
after(() => tf.setBackend('cpu'));

const arch = (input: Partial<Seq2SeqArchInput> = {}) => Seq2SeqArch.parse({ family: 'seq2seq', emb: 8, hidden: 6, dropout: 0, ...input });
const tiny = (input: Partial<Seq2SeqArchInput> = {}, seed = 1) => buildSeq2Seq(arch(input), { sourceVocab: 15, targetVocab: 13, seed });
const names = (m: Seq2Seq) => m.weights().map((w) => w.name);

const PAIRS: Pair[] = [
  { source: [5, 6, 7], target: [8, 9] },
  { source: [4, 5, 6, 7, 8, 9], target: [10, 11, 12, 4] },
  { source: [11], target: [5, 5, 5, 6, 7] },
];
const BATCH = pairBatch(PAIRS, [0, 1, 2]);

test('weight names: stable across builds, unique, and different for a different architecture', async () => {
  await tf.setBackend('cpu');
  const a = tiny(), b = tiny();
  assert.deepEqual(names(a), names(b));
  assert.equal(new Set(names(a)).size, names(a).length, 'unique');
  for (const n of ['encoder/embedding', 'encoder/gru1/forward/kernel', 'encoder/gru1/backward/recurrent_kernel', 'decoder/embedding', 'decoder/gru1/feed_kernel', 'decoder/attention/W_query', 'decoder/combine/kernel', 'decoder/output/kernel']) {
    assert.ok(names(a).includes(n), n);
  }
  // Same seed, same weights; another seed, other weights.
  const c = tiny({}, 2);
  const valuesOf = (m: Seq2Seq, n: string) => m.weightMap().get(n)!.dataSync();
  for (const n of names(a)) assert.deepEqual(valuesOf(a, n), valuesOf(b, n), n);
  assert.notDeepEqual(valuesOf(a, 'decoder/output/kernel'), valuesOf(c, 'decoder/output/kernel'));
  // Forward and backward directions start different (tfjs would clone one initialiser into both).
  assert.notDeepEqual(valuesOf(a, 'encoder/gru1/forward/kernel'), valuesOf(a, 'encoder/gru1/backward/kernel'));
  // A load by name can tell other architectures apart: their name sets differ.
  const sets = [tiny({ cell: 'lstm' }), tiny({ attention: 'luong-general' }), tiny({ bidirectional: false }), tiny({ layers: 2 }), tiny({ inputFeeding: false })];
  for (const other of sets) assert.notDeepEqual(new Set(names(other)), new Set(names(a)));
  assert.ok(names(sets[0]).every((n) => !n.includes('gru')) && names(sets[0]).includes('encoder/lstm1/forward/kernel'));
  for (const m of [a, b, c, ...sets]) m.dispose();
});

test('summary: layers and parameter counts; frozen pretrained embeddings are not trainable', async () => {
  await tf.setBackend('cpu');
  const m = tiny();
  const s = m.summary();
  assert.equal(s.layers.reduce((n, l) => n + l.params, 0), s.totalParams);
  assert.equal(s.totalParams, m.weights().reduce((n, w) => n + w.variable.size, 0));
  assert.equal(s.trainableParams, s.totalParams);
  const encoderGru = s.layers.find((l) => l.name === 'encoder/gru1')!;
  assert.equal(encoderGru.params, 2 * (8 * 18 + 6 * 18 + 18)); // two directions of W [E, 3H], U [H, 3H], b [3H]
  const frozen = tiny({ embeddings: { runId: 'r-xxxx', trainable: false } });
  assert.equal(frozen.summary().trainableParams, s.totalParams - 15 * 8);
  assert.equal(frozen.weights().at(-1)!.name, 'encoder/embedding', 'frozen weights listed last');
  // Pretrained vectors: the table goes in as is; a table of the wrong size is refused with both sizes.
  const table = Float32Array.from({ length: 15 * 8 }, (_, i) => i / 100);
  frozen.setSourceEmbeddings(table);
  assert.deepEqual(frozen.weightMap().get('encoder/embedding')!.dataSync(), table);
  assert.throws(() => frozen.setSourceEmbeddings(new Float32Array(10)), /10 values; the model needs 15 × 8 = 120/);
  // A training step leaves a frozen embedding as it was.
  const optimizer: tf.Optimizer = new FusedAdam(0.01, 0.9, 0.999);
  const trainable = frozen.weights().filter((w) => w.trainable).map((w) => w.variable);
  const { value, grads } = tf.variableGrads(() => frozen.loss(BATCH, true), trainable);
  optimizer.applyGradients(grads);
  tf.dispose([value, grads]);
  assert.deepEqual(frozen.weightMap().get('encoder/embedding')!.dataSync(), table);
  optimizer.dispose();
  m.dispose();
  frozen.dispose();
});

/** log softmax of the teacher-forced logits [B, T, V], and the same from encode + one step per target position. */
function forcedAndStepped(m: Seq2Seq, batch: PairBatch): { forced: number[][][]; stepped: number[][][] } {
  const forced = tf.tidy(() => tf.logSoftmax(m.logits(batch, false)).arraySync() as number[][][]);
  const { batch: B, targetTime: T } = batch;
  const src = tf.tensor2d(batch.source, [B, batch.sourceTime], 'int32');
  let state = m.encode(src);
  src.dispose();
  const stepped: number[][][] = Array.from({ length: B }, () => []);
  for (let t = 0; t < T; t++) {
    const prev = tf.tensor1d(Array.from({ length: B }, (_, b) => batch.targetIn[b * T + t]), 'int32');
    const out = m.step(state, prev);
    (out.logProbs.arraySync() as number[][]).forEach((row, b) => stepped[b].push(row));
    assert.deepEqual(out.attention!.shape, [B, batch.sourceTime]);
    m.disposeState(state);
    tf.dispose([prev, out.logProbs, out.attention!]);
    state = out.state;
  }
  m.disposeState(state);
  return { forced, stepped };
}

const variants: Partial<Seq2SeqArchInput>[] = [
  {},
  { cell: 'lstm', layers: 2 },
  { attention: 'luong-general', inputFeeding: false },
  { attention: 'luong-dot', bidirectional: false, hidden: 8 },
];

test("translating step by step from the cached encoding gives the training pass's log-probabilities", async () => {
  await tf.setBackend('cpu');
  for (const v of variants) {
    const m = tiny(v);
    const start = tf.memory().numTensors;
    const { forced, stepped } = forcedAndStepped(m, BATCH);
    let worst = 0;
    forced.forEach((rows, b) => rows.forEach((row, t) => row.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - stepped[b][t][k]))))));
    assert.ok(worst < 1e-5, `${JSON.stringify(v)}: largest difference ${worst}`);
    assert.equal(tf.memory().numTensors, start, `${JSON.stringify(v)}: no tensors left behind`);
    m.dispose();
  }
});

test('decoding encodes each batch once and steps from the cache', async () => {
  await tf.setBackend('cpu');
  const m = tiny();
  let encodes = 0;
  const encode = m.encode.bind(m);
  m.encode = (src) => (encodes++, encode(src));
  beamSearch(m, PAIRS.map((p) => p.source), { bos: BOS, eos: EOS, maxLength: 6, beam: 3, lengthPenalty: 0.6 });
  greedyDecode(m, PAIRS.map((p) => p.source), { bos: BOS, eos: EOS, maxLength: 6 });
  assert.equal(encodes, 2);
  m.dispose();
});

/** Loss and gradients (by weight name) of a training pass without dropout on the current backend. */
function lossAndGrads(m: Seq2Seq, batch: PairBatch) {
  const vars = m.weights().map((w) => w.variable);
  const { value, grads } = tf.variableGrads(() => m.loss(batch, true, 0, seededRandom(3)), vars);
  const byName = new Map(m.weights().map((w) => [w.name, grads[w.variable.name].dataSync().slice() as Float32Array]));
  const loss = value.dataSync()[0];
  tf.dispose([value, grads]);
  return { loss, grads: byName };
}

test("the embedded backend (fused encoder) gives the reference backend's loss and gradients", async () => {
  for (const v of [{ dropout: 0.3 }, { cell: 'lstm' as const, layers: 2, teacherForcing: 0.5 }]) {
    await tf.setBackend('cpu');
    const onCpu = tiny(v);
    const cpu = lossAndGrads(onCpu, BATCH);
    onCpu.dispose();
    await selectBackend('wasm');
    const onWasm = tiny(v);
    const wasm = lossAndGrads(onWasm, BATCH);
    onWasm.dispose();
    assert.ok(Math.abs(cpu.loss - wasm.loss) < 1e-5, `${JSON.stringify(v)}: loss ${cpu.loss} vs ${wasm.loss}`);
    for (const [name, g] of cpu.grads) {
      const h = wasm.grads.get(name)!;
      let worst = 0, scale = 0;
      g.forEach((x, i) => ((worst = Math.max(worst, Math.abs(x - h[i]))), (scale = Math.max(scale, Math.abs(x)))));
      assert.ok(worst <= 1e-4 * Math.max(scale, 1e-3), `${JSON.stringify(v)} ${name}: gradients differ by ${worst} (largest ${scale})`);
      assert.ok(scale > 0 || name.includes('embedding'), `${name} gets a gradient`);
    }
  }
});

// The learning test: reverse strings of 3–6 digits (ids 4–13), held-out strings never seen in training.
const DIGITS = 10;
function reversals(n: number, random: () => number): Pair[] {
  return Array.from({ length: n }, () => {
    const source = Array.from({ length: 3 + Math.floor(random() * 4) }, () => 4 + Math.floor(random() * DIGITS));
    return { source, target: [...source].reverse() };
  });
}

const exactMatch = (found: { ids: number[] }[], pairs: Pair[]) => found.filter((h, i) => h.ids.join() === pairs[i].target.join()).length / pairs.length;

test('learns to reverse digit strings (≥ 95 % exact match, greedy and beam) with live tensors flat', async () => {
  await selectBackend('wasm');
  const random = seededRandom(1);
  const train = reversals(2000, random);
  const seen = new Set(train.map((p) => p.source.join()));
  const heldOut = reversals(400, random).filter((p) => !seen.has(p.source.join())).slice(0, 200);
  const model = buildSeq2Seq(arch({ emb: 16, hidden: 32, dropout: 0.1 }), { sourceVocab: 4 + DIGITS, targetVocab: 4 + DIGITS, seed: 1 });
  const optimizer: tf.Optimizer = new FusedAdam(0.005, 0.9, 0.999);
  const vars = model.weights().filter((w) => w.trainable).map((w) => w.variable);
  const options = { bos: BOS, eos: EOS, maxLength: (n: number) => n + 3 };
  const live: number[] = [];
  const losses: number[] = [];
  for (let epoch = 0; epoch < 5; epoch++) {
    let sum = 0;
    const batches = pairBatches(train, 32, seededRandom(100 + epoch));
    for (const batch of batches) {
      const { value, grads } = tf.variableGrads(() => model.loss(batch, true), vars);
      optimizer.applyGradients(grads);
      sum += value.dataSync()[0];
      tf.dispose([value, grads]);
    }
    losses.push(sum / batches.length);
    live.push(tf.memory().numTensors);
  }
  assert.ok(losses[4] < losses[0] / 10, `loss falls: ${losses.map((l) => l.toFixed(3)).join(' → ')}`);
  // Adam's slots appear with the first step; after that nothing accumulates.
  assert.ok(live.every((n) => n === live[0]), `live tensors per epoch: ${live.join(', ')}`);

  const greedy = exactMatch(greedyDecode(model, heldOut.map((p) => p.source), options), heldOut);
  const beam = exactMatch(beamSearch(model, heldOut.map((p) => p.source), { ...options, beam: 4, lengthPenalty: 0.6 }), heldOut);
  assert.ok(greedy >= 0.95, `greedy exact match ${greedy}`);
  assert.ok(beam >= 0.95, `beam exact match ${beam}`);

  // 1,000 beam-search translations, 50 a batch: no tensor may stay behind.
  const before = tf.memory().numTensors;
  const sources = reversals(1000, seededRandom(9)).map((p) => p.source);
  for (let i = 0; i < sources.length; i += 50) beamSearch(model, sources.slice(i, i + 50), { ...options, beam: 4, lengthPenalty: 0.6 });
  assert.equal(tf.memory().numTensors, before);
  optimizer.dispose();
  model.dispose();
});
