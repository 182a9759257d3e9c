/**
 * Degenerate data is refused or warned about by train.start before a run exists: a refused start leaves no run
 * folder; warnings come back with the started job.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { test } from 'node:test';
import { StudioError } from '../../../contract/errors.ts';
import { TrainSpec, type TrainSpecInput } from '../../../contract/runs.ts';
import type { CorpusInfo } from '../../../contract/corpus.ts';
import { trainHandlers } from '../../../engine/handlers/train-handlers.ts';
import { testEngine, type TestEngine } from './helpers.ts';

const classifier = (training: Record<string, unknown> = {}): TrainSpecInput => ({ model: 'classifier', arch: { family: 'rnn', cell: 'gru', emb: 4, hidden: 4, dropout: 0 }, training: { epochs: 1, batch: 4, ...training } });

async function start(e: TestEngine, corpus: CorpusInfo, spec: TrainSpecInput, splits: { validationCorpusId?: string; testCorpusId?: string } = {}) {
  const started = await trainHandlers(e.ctx)['train.start']({ corpusId: corpus.id, spec: TrainSpec.parse(spec), ...splits });
  await e.ctx.jobs.wait(started.jobId).catch(() => {});
  return started;
}

async function refused(e: TestEngine, corpus: CorpusInfo, spec: TrainSpecInput, message: RegExp, splits = {}) {
  const before = await readdir(e.ctx.ws.runsDir).catch(() => []);
  const error = await start(e, corpus, spec, splits).then(() => null, (err: unknown) => err);
  assert.ok(error instanceof StudioError && error.name === 'ValidationError', String(error));
  assert.match(error.message, message);
  assert.deepEqual(await readdir(e.ctx.ws.runsDir).catch(() => []), before, 'no run folder left behind');
  assert.equal((await e.ctx.runs.list()).length, before.length);
}

const csv = (rows: [string, string][], header = 'text,label') => [header, ...rows.map((r) => r.join(','))].join('\n') + '\n';
const rows = (n: number, labels: string[]) => Array.from({ length: n }, (_, i) => [`word${i % 7} film ${i % 3}`, labels[i % labels.length]] as [string, string]);

test('one class only is refused, naming the class and the column it was read from', async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('one.csv', csv(rows(20, ['pos'])))], { task: 'classification' });
  await refused(e, corpus, classifier(), /has one class only \("pos", 20 documents\).*column "label"/);
});

test('a corpus too small for its splits is refused; an empty split and a short corpus are warned about', async () => {
  const e = await testEngine();
  const tiny = await e.importAs([await e.file('tiny.csv', csv(rows(2, ['pos', 'neg'])))], { task: 'classification' });
  await refused(e, tiny, classifier({ validationSplit: 0.5, testSplit: 0.5 }), /has 2 documents: too few for a 50% validation and 50% test split/);
  const small = await e.importAs([await e.file('small.csv', csv(rows(4, ['pos', 'neg'])))], { task: 'classification' });
  const { warnings, runId } = await start(e, small, classifier());
  assert.ok(warnings?.some((w) => /The validation split is empty \(10% of 4 documents rounds to none\)/.test(w)), String(warnings));
  assert.ok(warnings?.some((w) => /The test split is empty/.test(w)), String(warnings));
  assert.ok((await e.ctx.runs.get(runId)).status !== 'running');
  const big = await e.importAs([await e.file('big.csv', csv(rows(40, ['pos', 'neg'])))], { task: 'classification' });
  const fine = await start(e, big, classifier());
  assert.deepEqual(fine.warnings, [], 'a healthy corpus has no warning');
});

test('a label column guessed (the last, not one named "label") is warned about, naming it', async () => {
  const e = await testEngine();
  const guessed = await e.importAs([await e.file('g.csv', csv(rows(40, ['pos', 'neg']), 'review,sentiment'))], { task: 'classification', column: 'review' });
  assert.deepEqual(guessed.sources[0].labelColumn, { name: 'sentiment', guessed: true });
  const { warnings } = await start(e, guessed, classifier());
  assert.ok(warnings?.some((w) => /labels were read from the column "sentiment" of g\.csv, guessed/.test(w)), String(warnings));
  const named = await e.importAs([await e.file('n.csv', csv(rows(40, ['pos', 'neg']), 'review,sentiment'))], { task: 'classification', column: 'review', labelColumn: 'sentiment' });
  assert.deepEqual(named.sources[0].labelColumn, { name: 'sentiment', guessed: false });
  assert.deepEqual((await start(e, named, classifier())).warnings, []);
});

test('word2vec: a min-count that leaves no word, or one word, is refused before the run exists', async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('w.txt', 'the cat sat\nthe dog ran\nthe end\n')], {});
  await refused(e, corpus, { model: 'word2vec', config: { minCount: 5 } }, /min-count 5 leaves the vocabulary of "w\.txt" empty: its most frequent word, "the", occurs 3 times/);
  await refused(e, corpus, { model: 'word2vec', config: { minCount: 2 } }, /min-count 2 leaves one word of "w\.txt" \("the"\)/);
  const { warnings } = await start(e, corpus, { model: 'word2vec', config: { minCount: 1, dim: 4, epochs: 1 } });
  assert.deepEqual(warnings, []);
});
