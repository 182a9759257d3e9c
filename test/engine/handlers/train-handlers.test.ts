/**
 * train.start with validationCorpusId / testCorpusId: a corpus of the wrong task or tokenisation, or a word2vec run
 * with splits, is refused before a run is made (that the given corpora replace the random splits is in
 * test/engine/training/family-run.test.ts).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { StudioError } from '../../../contract/errors.ts';
import { engineMethods } from '../../../contract/methods.ts';
import { TrainSpec } from '../../../contract/runs.ts';
import { trainHandlers } from '../../../engine/handlers/train-handlers.ts';
import { testEngine, tiny } from '../training/helpers.ts';
import { syntheticCsv } from '../training/synthetic.ts';

const rejectsWith = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof StudioError && error.name === 'ValidationError', String(error));
  assert.match(error.message, pattern);
  return true;
};

test('a split corpus of the wrong task or tokenisation, or splits for word2vec, are refused before a run is made', { timeout: 60_000 }, async () => {
  const e = await testEngine();
  const train = await e.importAs([await e.file('train.csv', syntheticCsv(40, 1))], { task: 'classification' });
  const text = await e.importAs([await e.file('plain.txt', 'just some text\nand more text\n')], {});
  const upper = await e.importAs([await e.file('upper.csv', syntheticCsv(20, 2))], { task: 'classification', lowercase: false });
  const h = trainHandlers(e.ctx);
  const classifier = TrainSpec.parse({ model: 'classifier', arch: { ...tiny.arch, cell: 'rnn' }, training: { ...tiny.training, epochs: 1 } });
  await assert.rejects(h['train.start']({ corpusId: train.id, spec: classifier, validationCorpusId: text.id }), rejectsWith(/Validation corpus "plain\.txt" has no labels/));
  await assert.rejects(h['train.start']({ corpusId: train.id, spec: classifier, testCorpusId: text.id }), rejectsWith(/Test corpus "plain\.txt" has no labels/));
  const tagger = TrainSpec.parse({ model: 'tagger', arch: { ...tiny.arch, cell: 'rnn' }, training: { ...tiny.training, epochs: 1 } });
  await assert.rejects(h['train.start']({ corpusId: train.id, spec: tagger, testCorpusId: train.id }), rejectsWith(/no tags/));
  await assert.rejects(h['train.start']({ corpusId: train.id, spec: classifier, validationCorpusId: upper.id }), rejectsWith(/tokenised differently/));
  const w2v = TrainSpec.parse({ model: 'word2vec', config: {} });
  await assert.rejects(h['train.start']({ corpusId: text.id, spec: w2v, validationCorpusId: text.id }), rejectsWith(/word2vec/));
  assert.deepEqual(await e.ctx.runs.list(), []);
  assert.ok(!existsSync(path.join(e.ctx.ws.runsDir, 'splits.json')));
  // Strict input: a misspelt key fails validation.
  assert.equal(engineMethods['train.start'].input.safeParse({ corpusId: train.id, spec: classifier, validationCorpus: text.id }).success, false);
});
