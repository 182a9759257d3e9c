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

test('train.start with the same request id twice, even at once, makes one run; the job reports its phases in order', { timeout: 60_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('train.csv', syntheticCsv(40, 1))], { task: 'classification' });
  const h = trainHandlers(e.ctx);
  const spec = TrainSpec.parse({ model: 'classifier', arch: { ...tiny.arch, cell: 'rnn' }, training: { ...tiny.training, epochs: 1 } });
  const input = { corpusId: corpus.id, spec, requestId: 'press-0001' };
  const [a, b] = await Promise.all([h['train.start'](input), h['train.start'](input)]);
  assert.equal(a.runId, b.runId);
  assert.equal(a.jobId, b.jobId);
  assert.deepEqual(await h['train.start'](input), a, 'answered again after it finished starting');
  await e.ctx.jobs.wait(a.jobId);
  assert.equal((await e.ctx.runs.list()).length, 1);
  // Another press (another id) is another run, on purpose.
  const c = await h['train.start']({ ...input, requestId: 'press-0002' });
  assert.notEqual(c.runId, a.runId);
  await e.ctx.jobs.wait(c.jobId);
  assert.equal((await e.ctx.runs.list()).length, 2);

  const phases = e.events.flatMap((ev) => (ev.type === 'progress' && ev.jobId === a.jobId && ev.phase ? [ev.phase] : []));
  const firsts = phases.filter((p, i) => p !== phases[i - 1]);
  // Before the first step, in order; then training, with validation and test passes as 'evaluating' in between.
  assert.deepEqual(firsts.slice(0, 4), ['reading', 'initialising', 'compiling', 'training']);
  assert.ok(firsts.slice(4).every((p) => p === 'training' || p === 'evaluating'), firsts.join(' → '));
  assert.ok(firsts.includes('evaluating'), firsts.join(' → '));
  assert.equal(engineMethods['train.start'].input.safeParse({ ...input, requestId: 'no spaces allowed' }).success, false);
});
