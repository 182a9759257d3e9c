/**
 * The generic runner (family-run.ts) on the recurrent family: a classifier learns a synthetic task and its Layers
 * export loads with tf.loadLayersModel, the LM's perplexity falls, pause/resume continues at the same step,
 * validation and test corpora replace the random splits, and a run made before the family seam (flat spec,
 * `sequence.json`, format-1 checkpoints) still predicts the same and resumes.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { engineMethods } from '../../../contract/methods.ts';
import { TrainSpec } from '../../../contract/runs.ts';
import { loadLayersExport } from '../../../engine/export/layers-export.ts';
import { loadModel } from '../../../engine/families/load-model.ts';
import { modelHandlers } from '../../../engine/handlers/model-handlers.ts';
import { trainHandlers } from '../../../engine/handlers/train-handlers.ts';
import { lastCheckpointState } from '../../../engine/training/train-loop.ts';
import { predict } from '../../../engine/inference/rnn-inference.ts';
import type { RnnMeta } from '../../../engine/models/rnn/batches.ts';
import type { RnnModel } from '../../../engine/models/rnn/rnn-model.ts';
import { Vocab } from '../../../engine/models/rnn/vocab.ts';
import { testEngine, tiny } from './helpers.ts';
import { toLegacyRun } from './legacy.ts';
import { syntheticCsv } from './synthetic.ts';

test('an LSTM classifier learns a synthetic cue-word task (test accuracy ≥ 0.9) and reports per class', { timeout: 60_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('reviews.csv', syntheticCsv(300))], { task: 'classification' });
  assert.deepEqual(corpus.labels.map((l) => l.word).sort(), ['neg', 'pos']);
  const { run } = await e.train(corpus, { model: 'classifier', arch: { ...tiny.arch, cell: 'lstm' }, training: { ...tiny.training, epochs: 6, optimizer: { lr: 0.02 } } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  const report = (await e.ctx.runs.report(run.id))!;
  console.log(`classifier test accuracy ${report.test!.accuracy.toFixed(3)}, macro-F1 ${report.test!.macroF1.toFixed(3)}, ${run.summary!.tokensPerSec.toFixed(0)} tokens/s`);
  assert.ok(report.test!.accuracy >= 0.9, `accuracy ${report.test!.accuracy}`);
  assert.equal(report.confusion!.labels.length, 2);
  assert.equal(report.perClass!.length, 2);
  assert.ok(report.samples.length >= 1);
  assert.ok(report.summary!.totalParams > 0);
  const p = await modelHandlers(e.ctx)['model.predict']({ runId: run.id, text: 'the film was superb' });
  assert.equal(p.task === 'classifier' && p.label, 'pos');
  const evaluated = await modelHandlers(e.ctx)['model.evaluate']({ runId: run.id, corpusId: corpus.id });
  assert.ok(evaluated.metrics.accuracy >= 0.9);

  // The Layers export: stock tf.loadLayersModel gives the same probabilities as the trained model.
  const exported = await loadLayersExport(path.join(e.ctx.runs.dir(run.id), 'tfjs'));
  const { model, meta, dispose } = await loadModel(e.ctx.runs.dir(run.id));
  const loaded = { vocab: Vocab.fromJSON((meta as RnnMeta).vocab), model: (model as RnnModel).net, dispose };
  const x = tf.tensor2d([loaded.vocab.encode(['the', 'plot', 'was', 'dull'])], undefined, 'int32');
  const a = (exported.predict(x) as tf.Tensor).dataSync();
  const b = (loaded.model.predict(x) as tf.Tensor).dataSync();
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-6));
  assert.equal(predict(model as RnnModel, meta as RnnMeta, 'the plot was dull').task, 'classifier');
  exported.dispose();
  loaded.dispose();
  x.dispose();
});

test('a character-level LM: perplexity falls and sampling works', { timeout: 60_000 }, async () => {
  const e = await testEngine();
  const text = Array.from({ length: 60 }, (_, i) => (i % 2 ? 'the cat sat on the mat' : 'a dog ran in the park')).join('\n');
  const corpus = await e.importAs([await e.file('lm.txt', text)], {});
  const { run } = await e.train(corpus, { model: 'lm', arch: { ...tiny.arch, cell: 'gru', level: 'char', seq: 20 }, training: { ...tiny.training, epochs: 4, optimizer: { lr: 0.02 } } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  const points = (await e.ctx.runs.metrics(run.id)).filter((p) => p.values.valPerplexity !== undefined);
  const first = points[0].values.valPerplexity;
  const last = points.at(-1)!.values.valPerplexity;
  console.log(`char LM validation perplexity ${first.toFixed(2)} → ${last.toFixed(2)}`);
  assert.ok(last < first * 0.6, `${first} → ${last}`);
  const { text: generated } = await modelHandlers(e.ctx)['model.generate']({ runId: run.id, request: { prompt: 'the', maxTokens: 20, temperature: 0.5, topK: 5, seed: 1 } });
  assert.ok(generated.startsWith('the') && generated.length > 3);
});

test('pause checkpoints at the next step; resume continues to the same total step count', { timeout: 60_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('r.csv', syntheticCsv(120))], { task: 'classification' });
  const handlers = modelHandlers(e.ctx);
  const spec = TrainSpec.parse({ model: 'classifier', arch: { ...tiny.arch }, training: { ...tiny.training, batch: 8, epochs: 3 } });
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

test('validation and test corpora replace the random splits of a classifier run', { timeout: 120_000 }, async () => {
  const e = await testEngine();
  const train = await e.importAs([await e.file('train.csv', syntheticCsv(100, 1))], { task: 'classification' });
  const val = await e.importAs([await e.file('val.csv', syntheticCsv(30, 2))], { task: 'classification' });
  const testSet = await e.importAs([await e.file('test.csv', syntheticCsv(40, 3))], { task: 'classification' });
  const spec = TrainSpec.parse({ model: 'classifier', arch: { ...tiny.arch, cell: 'gru' }, training: { ...tiny.training, epochs: 1, optimizer: { lr: 0.02 } } });
  const input = engineMethods['train.start'].input.parse({ corpusId: train.id, spec, validationCorpusId: val.id, testCorpusId: testSet.id });
  const { jobId, runId } = await trainHandlers(e.ctx)['train.start'](input);
  await e.ctx.jobs.wait(jobId);
  const run = await e.ctx.runs.get(runId);
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  // All 100 training rows train (7 batches of ≤ 16), not the 80 a 10 % + 10 % random split would leave (5).
  assert.equal(run.summary!.steps, 7);
  const dir = e.ctx.runs.dir(runId);
  assert.deepEqual(JSON.parse(await readFile(path.join(dir, 'splits.json'), 'utf8')), { validationCorpusId: val.id, testCorpusId: testSet.id });
  // The report's test figures are the test corpus's, on the best checkpoint (what model.evaluate loads).
  const report = (await e.ctx.runs.report(runId))!;
  const evaluated = await modelHandlers(e.ctx)['model.evaluate']({ runId, corpusId: testSet.id });
  assert.equal(report.confusion!.matrix.flat().reduce((a, b) => a + b, 0), 40);
  assert.ok(Math.abs(report.test!.accuracy - evaluated.metrics.accuracy) < 1e-9);
  assert.match(await readFile(path.join(dir, 'tfjs', 'MODEL_CARD.md'), 'utf8'), /validation: val\.csv, test: test\.csv/);

  // Only a validation corpus: the test set stays a random 10 % of the training corpus (100 − 10 → 6 batches).
  const onlyVal = await trainHandlers(e.ctx)['train.start']({ corpusId: train.id, spec, validationCorpusId: val.id });
  await e.ctx.jobs.wait(onlyVal.jobId);
  const second = await e.ctx.runs.get(onlyVal.runId);
  assert.equal(second.status, 'completed', JSON.stringify(second.error));
  assert.equal(second.summary!.steps, 6);
  assert.equal((await e.ctx.runs.report(onlyVal.runId))!.confusion!.matrix.flat().reduce((a, b) => a + b, 0), 10);
});

test('a run made before the family seam (flat spec, sequence.json, format-1 checkpoints) predicts the same and resumes', { timeout: 120_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('r.csv', syntheticCsv(120))], { task: 'classification' });
  const spec = TrainSpec.parse({ model: 'classifier', arch: { ...tiny.arch, cell: 'gru' }, training: { ...tiny.training, batch: 8, epochs: 3 } });
  const { jobId, runId } = await trainHandlers(e.ctx)['train.start']({ corpusId: corpus.id, spec });
  // Paused after the first epoch: a `best` checkpoint to predict with, a `last` one with Adam's slots to resume from.
  while (!e.events.some((ev) => ev.type === 'progress' && ev.jobId === jobId && (ev.point?.step ?? 0) >= 13)) await new Promise((r) => setTimeout(r, 5));
  await modelHandlers(e.ctx)['jobs.pause']({ jobId });
  await e.ctx.jobs.wait(jobId);
  const paused = await e.ctx.runs.get(runId);
  assert.equal(paused.status, 'paused');
  // The step it paused at, from its checkpoint (a step point may be skipped: at most ~4 are recorded a second).
  const pausedAt = (await lastCheckpointState(e.ctx.runs.dir(runId)))!.step;
  assert.ok(pausedAt >= 13 && pausedAt < 36, `paused at ${pausedAt}`);
  const text = 'the film was superb and lovely';
  const before = await modelHandlers(e.ctx)['model.predict']({ runId, text });

  const dir = e.ctx.runs.dir(runId);
  await toLegacyRun(dir);
  assert.equal(JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8')).spec.config.arch, 'gru');
  assert.equal(JSON.parse(await readFile(path.join(dir, 'checkpoints', 'last.json'), 'utf8')).weights[0].name, 'w0');
  // The flat spec reads back as the spec it was made from; a fresh engine (no model cached) predicts the same.
  assert.deepEqual((await e.ctx.runs.get(runId)).spec, paused.spec);
  const h = modelHandlers(e.ctx);
  assert.deepEqual(await h['model.predict']({ runId, text }), before);

  const resumed = await h['runs.resume']({ id: runId });
  await e.ctx.jobs.wait(resumed.jobId);
  const done = await e.ctx.runs.get(runId);
  assert.equal(done.status, 'completed', JSON.stringify(done.error));
  assert.equal(done.summary!.steps, 36);
  const steps = (await e.ctx.runs.metrics(runId)).map((p) => p.step);
  assert.ok(steps.includes(pausedAt + 1), 'the first step after resuming follows the last one before pausing');
  // Resuming rewrote the meta in the current layout.
  assert.equal(JSON.parse(await readFile(path.join(dir, 'family.json'), 'utf8')).family, 'rnn');
});
