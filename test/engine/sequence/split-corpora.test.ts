/**
 * train.start with validationCorpusId / testCorpusId: those corpora replace the random splits (the whole training
 * corpus trains; the report's test metrics are the test corpus's), a resume reads them again, and a corpus of the
 * wrong task or tokenisation, or a word2vec run with splits, is refused.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { StudioError } from '../../../contract/errors.ts';
import { engineMethods } from '../../../contract/methods.ts';
import { TrainSpec } from '../../../contract/runs.ts';
import { sequenceHandlers } from '../../../engine/handlers/sequence-handlers.ts';
import { trainHandlers } from '../../../engine/handlers/train-handlers.ts';
import { testEngine, tiny } from './helpers.ts';
import { syntheticCsv } from './synthetic.ts';

const rejectsWith = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof StudioError && error.name === 'ValidationError', String(error));
  assert.match(error.message, pattern);
  return true;
};

test('validation and test corpora replace the random splits of a classifier run', { timeout: 120_000 }, async () => {
  const e = await testEngine();
  const train = await e.importAs([await e.file('train.csv', syntheticCsv(100, 1))], { task: 'classification' });
  const val = await e.importAs([await e.file('val.csv', syntheticCsv(30, 2))], { task: 'classification' });
  const testSet = await e.importAs([await e.file('test.csv', syntheticCsv(40, 3))], { task: 'classification' });
  const spec = TrainSpec.parse({ model: 'classifier', config: { ...tiny, arch: 'gru', epochs: 1, optimizer: { lr: 0.02 } } });
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
  const evaluated = await sequenceHandlers(e.ctx)['model.evaluate']({ runId, corpusId: testSet.id });
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

test('a split corpus of the wrong task or tokenisation, or splits for word2vec, are refused before a run is made', { timeout: 60_000 }, async () => {
  const e = await testEngine();
  const train = await e.importAs([await e.file('train.csv', syntheticCsv(40, 1))], { task: 'classification' });
  const text = await e.importAs([await e.file('plain.txt', 'just some text\nand more text\n')], {});
  const upper = await e.importAs([await e.file('upper.csv', syntheticCsv(20, 2))], { task: 'classification', lowercase: false });
  const h = trainHandlers(e.ctx);
  const classifier = TrainSpec.parse({ model: 'classifier', config: { ...tiny, arch: 'rnn', epochs: 1 } });
  await assert.rejects(h['train.start']({ corpusId: train.id, spec: classifier, validationCorpusId: text.id }), rejectsWith(/Validation corpus "plain\.txt" has no labels/));
  await assert.rejects(h['train.start']({ corpusId: train.id, spec: classifier, testCorpusId: text.id }), rejectsWith(/Test corpus "plain\.txt" has no labels/));
  const tagger = TrainSpec.parse({ model: 'tagger', config: { ...tiny, arch: 'rnn', epochs: 1 } });
  await assert.rejects(h['train.start']({ corpusId: train.id, spec: tagger, testCorpusId: train.id }), rejectsWith(/no tags/));
  await assert.rejects(h['train.start']({ corpusId: train.id, spec: classifier, validationCorpusId: upper.id }), rejectsWith(/tokenised differently/));
  const w2v = TrainSpec.parse({ model: 'word2vec', config: {} });
  await assert.rejects(h['train.start']({ corpusId: text.id, spec: w2v, validationCorpusId: text.id }), rejectsWith(/word2vec/));
  assert.deepEqual(await e.ctx.runs.list(), []);
  assert.ok(!existsSync(path.join(e.ctx.ws.runsDir, 'splits.json')));
  // Strict input: a misspelt key fails validation.
  assert.equal(engineMethods['train.start'].input.safeParse({ corpusId: train.id, spec: classifier, validationCorpus: text.id }).success, false);
});
