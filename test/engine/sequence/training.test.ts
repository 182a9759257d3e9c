/**
 * The shared training machinery on tiny models: a classifier learns a synthetic task, the LM's perplexity falls,
 * checkpoints round-trip, pause/resume continues at the same step, the tensor count stays flat across epochs,
 * an interrupted run with a checkpoint becomes `paused`, and the Layers export loads with tf.loadLayersModel.
 */
import assert from 'node:assert/strict';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { RnnConfig } from '../../../contract/sequence.ts';
import { sequenceHandlers } from '../../../engine/handlers/sequence-handlers.ts';
import { loadLayersExport } from '../../../engine/models/rnn/layers-export.ts';
import { buildRnn } from '../../../engine/models/rnn/rnn.ts';
import { classifierBatches, encodeExamples, type Batch } from '../../../engine/models/rnn/sequence-data.ts';
import { seededRandom as rng } from '../../../engine/random.ts';
import { batchLoss, loadSequenceModel, predict } from '../../../engine/training/sequence-model.ts';
import { Vocab } from '../../../engine/models/rnn/vocab.ts';
import { loadCheckpoint, saveCheckpoint } from '../../../engine/training/checkpoint.ts';
import { trainLoop } from '../../../engine/training/train-loop.ts';
import { testEngine, tiny } from './helpers.ts';
import { syntheticCsv } from './synthetic.ts';

test('an LSTM classifier learns a synthetic cue-word task (test accuracy ≥ 0.9) and reports per class', { timeout: 60_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('reviews.csv', syntheticCsv(300))], { task: 'classification' });
  assert.deepEqual(corpus.labels.map((l) => l.word).sort(), ['neg', 'pos']);
  const { run } = await e.train(corpus, { model: 'classifier', config: { ...tiny, arch: 'lstm', epochs: 6, optimizer: { lr: 0.02 } } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  const report = (await e.ctx.runs.report(run.id))!;
  console.log(`classifier test accuracy ${report.test!.accuracy.toFixed(3)}, macro-F1 ${report.test!.macroF1.toFixed(3)}, ${run.summary!.tokensPerSec.toFixed(0)} tokens/s`);
  assert.ok(report.test!.accuracy >= 0.9, `accuracy ${report.test!.accuracy}`);
  assert.equal(report.confusion!.labels.length, 2);
  assert.equal(report.perClass!.length, 2);
  assert.ok(report.samples.length >= 1);
  assert.ok(report.summary!.totalParams > 0);
  const p = await sequenceHandlers(e.ctx)['model.predict']({ runId: run.id, text: 'the film was superb' });
  assert.equal(p.task === 'classifier' && p.label, 'pos');
  const evaluated = await sequenceHandlers(e.ctx)['model.evaluate']({ runId: run.id, corpusId: corpus.id });
  assert.ok(evaluated.metrics.accuracy >= 0.9);

  // The Layers export: stock tf.loadLayersModel gives the same probabilities as the trained model.
  const exported = await loadLayersExport(path.join(e.ctx.runs.dir(run.id), 'tfjs'));
  const loaded = await loadSequenceModel(e.ctx.runs.dir(run.id));
  const x = tf.tensor2d([loaded.vocab.encode(['the', 'plot', 'was', 'dull'])], undefined, 'int32');
  const a = (exported.predict(x) as tf.Tensor).dataSync();
  const b = (loaded.model.predict(x) as tf.Tensor).dataSync();
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-6));
  assert.equal(predict(loaded, 'the plot was dull').task, 'classifier');
  exported.dispose();
  loaded.dispose();
  x.dispose();
});

test('a character-level LM: perplexity falls and sampling works', { timeout: 60_000 }, async () => {
  const e = await testEngine();
  const text = Array.from({ length: 60 }, (_, i) => (i % 2 ? 'the cat sat on the mat' : 'a dog ran in the park')).join('\n');
  const corpus = await e.importAs([await e.file('lm.txt', text)], {});
  const { run } = await e.train(corpus, { model: 'lm', config: { ...tiny, arch: 'gru', level: 'char', seq: 20, epochs: 4, optimizer: { lr: 0.02 } } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  const points = (await e.ctx.runs.metrics(run.id)).filter((p) => p.values.valPerplexity !== undefined);
  const first = points[0].values.valPerplexity;
  const last = points.at(-1)!.values.valPerplexity;
  console.log(`char LM validation perplexity ${first.toFixed(2)} → ${last.toFixed(2)}`);
  assert.ok(last < first * 0.6, `${first} → ${last}`);
  const { text: generated } = await sequenceHandlers(e.ctx)['model.generate']({ runId: run.id, request: { prompt: 'the', maxTokens: 20, temperature: 0.5, topK: 5, seed: 1 } });
  assert.ok(generated.startsWith('the') && generated.length > 3);
});

test('checkpoints round-trip weights and Adam state', async () => {
  const e = await testEngine();
  const config = RnnConfig.parse({ arch: 'lstm', emb: 4, hidden: 3 });
  const a = buildRnn(config, { task: 'classifier', vocabSize: 10, outputs: 2 });
  const b = buildRnn({ ...config, seed: 99 }, { task: 'classifier', vocabSize: 10, outputs: 2 });
  const optimizer: tf.Optimizer = tf.train.adam(0.01);
  const vars = a.trainableWeights.map((w) => w.read() as tf.Variable);
  const batch = classifierBatches(encodeExamples([{ words: ['x', 'y'], label: 'p' }], 'classifier', Vocab.build([['x', 'y']], 'word', 10), ['p', 'q'], 5), 'classifier', 1, null)[0];
  const { grads, value } = tf.variableGrads(() => batchLoss(a, 'classifier', batch, true), vars);
  optimizer.applyGradients(grads);
  tf.dispose([value, grads]);
  await saveCheckpoint(e.dir, 'last', a, optimizer, { step: 1 });
  const restored = tf.train.adam(0.01);
  const state = await loadCheckpoint<{ step: number }>(e.dir, 'last', b, restored);
  assert.deepEqual(state, { step: 1 });
  a.getWeights().forEach((w, i) => assert.deepEqual(w.dataSync(), b.getWeights()[i].dataSync()));
  const slots = await restored.getWeights();
  assert.equal(slots.length, 1 + 2 * vars.length);
  assert.equal(slots[0].tensor.dataSync()[0], 1); // the step counter
  [a, b].forEach((m) => m.dispose());
});

test('pause checkpoints at the next step; resume continues to the same total step count', { timeout: 60_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('r.csv', syntheticCsv(120))], { task: 'classification' });
  const handlers = sequenceHandlers(e.ctx);
  const { trainHandlers } = await import('../../../engine/handlers/train-handlers.ts');
  const { TrainSpec } = await import('../../../contract/runs.ts');
  const spec = TrainSpec.parse({ model: 'classifier', config: { ...tiny, batch: 8, epochs: 3 } });
  const { jobId, runId } = await trainHandlers(e.ctx)['train.start']({ corpusId: corpus.id, spec });
  while (!e.events.some((ev) => ev.type === 'progress' && ev.jobId === jobId && (ev.point?.step ?? 0) >= 3)) await new Promise((r) => setTimeout(r, 5));
  await handlers['jobs.pause']({ jobId });
  await e.ctx.jobs.wait(jobId);
  const paused = await e.ctx.runs.get(runId);
  assert.equal(paused.status, 'paused');
  const pausedAt = Math.max(...(await e.ctx.runs.metrics(runId)).map((p) => p.step));
  assert.ok(pausedAt >= 3 && pausedAt < 36, `paused at ${pausedAt}`);

  const resumed = await handlers['runs.resume']({ id: runId });
  await e.ctx.jobs.wait(resumed.jobId);
  const done = await e.ctx.runs.get(runId);
  assert.equal(done.status, 'completed', JSON.stringify(done.error));
  // 96 training rows / batch 8 = 12 steps an epoch, 3 epochs: the resumed run ends at 36 as an uninterrupted one would.
  assert.equal(done.summary!.steps, 36);
  const steps = (await e.ctx.runs.metrics(runId)).map((p) => p.step);
  assert.ok(steps.includes(pausedAt + 1), 'the first step after resuming follows the last one before pausing');
});

test('the tensor count stays flat across epochs', async () => {
  const e = await testEngine();
  const vocab = Vocab.build([['a', 'b', 'c']], 'word', 10);
  const examples = Array.from({ length: 12 }, (_, i) => ({ words: ['a', 'b', 'c'].slice(0, 1 + (i % 3)), label: i % 2 ? 'p' : 'q' }));
  const items = encodeExamples(examples, 'classifier', vocab, ['p', 'q'], 10);
  const model = buildRnn(RnnConfig.parse({ arch: 'gru', emb: 4, hidden: 4, dropout: 0.2 }), { task: 'classifier', vocabSize: vocab.size, outputs: 2 });
  const counts: number[] = [];
  await trainLoop({
    model,
    optimizer: RnnConfig.parse({}).optimizer,
    epochs: 4,
    patience: 0,
    batches: (epoch) => classifierBatches(items, 'classifier', 4, rng(epoch)),
    loss: (m, b) => batchLoss(m, 'classifier', b, true),
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

test('an interrupted run with a checkpoint becomes paused; one without becomes failed', async () => {
  const e = await testEngine();
  const spec = { model: 'classifier', config: RnnConfig.parse({}) } as const;
  const withCheckpoint = await e.ctx.runs.create({ corpusId: null, corpusName: 'x', spec, backend: 'cpu' });
  const without = await e.ctx.runs.create({ corpusId: null, corpusName: 'x', spec, backend: 'cpu' });
  for (const run of [withCheckpoint, without]) await writeFile(path.join(e.ctx.runs.dir(run.id), '.owner'), '999999999');
  await mkdir(path.join(e.ctx.runs.dir(withCheckpoint.id), 'checkpoints'), { recursive: true });
  await writeFile(path.join(e.ctx.runs.dir(withCheckpoint.id), 'checkpoints', 'last.json'), '{}');
  await e.ctx.runs.markInterrupted();
  assert.equal((await e.ctx.runs.get(withCheckpoint.id)).status, 'paused');
  assert.equal((await e.ctx.runs.get(without.id)).status, 'failed');
});

test('embeddings start from a word2vec run: copied rows, coverage reported, frozen when asked', { timeout: 60_000 }, async () => {
  const e = await testEngine();
  const { Word2VecConfig } = await import('../../../contract/word2vec.ts');
  const { KeyedVectors } = await import('../../../engine/models/word2vec/keyed-vectors.ts');
  const { saveWord2VecModel } = await import('../../../engine/models/word2vec/model-store.ts');
  const w2v = await e.ctx.runs.create({ corpusId: null, corpusName: 'vectors', spec: { model: 'word2vec', config: Word2VecConfig.parse({}) }, backend: null });
  const words = ['great', 'awful', 'film'];
  const vectors = Float32Array.from({ length: words.length * 16 }, (_, i) => (i % 16) / 16 + Math.floor(i / 16));
  await saveWord2VecModel(e.ctx.runs.dir(w2v.id), new KeyedVectors(words, new Float64Array([3, 2, 1]), 16, vectors));
  const corpus = await e.importAs([await e.file('r.csv', syntheticCsv(80))], { task: 'classification' });
  const { run } = await e.train(corpus, { model: 'classifier', config: { ...tiny, epochs: 1, embeddings: { runId: w2v.id, trainable: false } } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  const coverage = run.summary!.embeddingCoverage;
  assert.ok(coverage > 0 && coverage < 1, `coverage ${coverage}`);
  const loaded = await loadSequenceModel(e.ctx.runs.dir(run.id));
  const table = loaded.model.getLayer('embedding').getWeights()[0].arraySync() as number[][];
  // Frozen: after training the row of "great" is still word2vec's vector.
  assert.deepEqual(table[loaded.vocab.id('great')].map((v) => Math.round(v * 1e4) / 1e4), Array.from(vectors.subarray(0, 16)).map((v) => Math.round(v * 1e4) / 1e4));
  loaded.dispose();
});

test('a run stopped mid-epoch resumes from its mid-epoch checkpoint at the same step', async () => {
  const e = await testEngine();
  const vocab = Vocab.build([['a', 'b', 'c']], 'word', 10);
  const examples = Array.from({ length: 24 }, (_, i) => ({ words: ['a', 'b', 'c'].slice(0, 1 + (i % 3)), label: i % 2 ? 'p' : 'q' }));
  const items = encodeExamples(examples, 'classifier', vocab, ['p', 'q'], 10);
  const config = RnnConfig.parse({ arch: 'lstm', emb: 4, hidden: 4, dropout: 0 });
  const options = (model: tf.LayersModel, signal: AbortSignal, steps: number[]) => ({
    model,
    optimizer: config.optimizer,
    epochs: 2,
    patience: 0,
    batches: (epoch: number) => classifierBatches(items, 'classifier', 4, rng(epoch)), // 6 batches an epoch
    loss: (m: tf.LayersModel, b: Batch) => batchLoss(m, 'classifier', b, true),
    validate: async () => ({ metric: 0, values: {} }),
    onStep: (s: { step: number }) => void steps.push(s.step),
    dir: e.dir,
    signal,
    checkpointSeconds: 0, // a checkpoint after every step
  });
  const first = buildRnn(config, { task: 'classifier', vocabSize: vocab.size, outputs: 2 });
  const controller = new AbortController();
  const before: number[] = [];
  const run = options(first, controller.signal, before);
  await assert.rejects(trainLoop({ ...run, onStep: (s) => (before.push(s.step), s.step === 8 && controller.abort()) }), /cancelled/);
  assert.equal(before.at(-1), 8);
  const second = buildRnn(config, { task: 'classifier', vocabSize: vocab.size, outputs: 2 }); // as after a restart
  const after: number[] = [];
  const result = await trainLoop({ ...options(second, new AbortController().signal, after), resume: true });
  assert.deepEqual(after, [9, 10, 11, 12]);
  assert.equal(result.state.step, 12);
  [first, second].forEach((m) => m.dispose());
});

test('model.summary before training: layers, shapes and parameter counts for the corpus', async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('s.csv', syntheticCsv(40))], { task: 'classification' });
  const { TrainSpec } = await import('../../../contract/runs.ts');
  const summary = await sequenceHandlers(e.ctx)['model.summary']({ corpusId: corpus.id, spec: TrainSpec.parse({ model: 'classifier', config: { arch: 'gru', emb: 8, hidden: 4, vocab: 1000 } }) });
  const V = corpus.stats.vocabSize + 4;
  // embedding V·8; GRU 3·(8·4 + 4·4 + 4); dense 4·2 + 2
  assert.equal(summary.totalParams, V * 8 + 3 * (8 * 4 + 16 + 4) + 10);
  assert.deepEqual(summary.layers.map((l) => l.outputShape), ['[None,None,8]', '[None,4]', '[None,4]', '[None,2]', '[None,2]']); // … dense logits, softmax
  const chars = await sequenceHandlers(e.ctx)['model.summary']({ corpusId: corpus.id, spec: TrainSpec.parse({ model: 'lm', config: { level: 'char', emb: 8, hidden: 4 } }) });
  assert.ok(chars.totalParams > 0);
});
