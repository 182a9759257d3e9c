// `vectors.import` as a job that ends as a run, and the word2vec handlers on that run (neighbours, analogy,
// export, evaluate), through the engine's handlers on a temporary workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from '../../../engine/engine.ts';
import type { JobEvent } from '../../../contract/jobs.ts';
import { loadWord2VecModel } from '../../../engine/models/word2vec/model-store.ts';
import { readWord2Vec } from '../../../engine/models/word2vec/formats.ts';
import { RunInfo } from '../../../contract/runs.ts';

const fixture = (name: string) => new URL(`../../fixtures/vectors/${name}`, import.meta.url).pathname;

async function engine() {
  const events: JobEvent[] = [];
  const waiters = new Set<() => void>();
  const studio = await createEngine({
    workspaceDir: await mkdtemp(path.join(os.tmpdir(), 'vectors-import-')),
    backend: 'cpu',
    emit: (event, payload) => {
      if (event !== 'job') return;
      events.push(payload as JobEvent);
      waiters.forEach((w) => w());
    },
  });
  const end = (jobId: string) =>
    new Promise<JobEvent>((resolve) => {
      const check = () => {
        const e = events.find((x) => x.type !== 'started' && x.type !== 'progress' && x.jobId === jobId);
        if (e) (waiters.delete(check), resolve(e));
      };
      waiters.add(check);
      check();
    });
  const runs = {
    get: async (id: string) => (await studio.handlers['runs.get']({ id })).run,
    list: () => studio.handlers['runs.list']({}),
    dir: (id: string) => studio.runDir(id),
  };
  return { ctx: { runs, jobs: studio.jobs }, handlers: studio.handlers, events, end };
}

test('import a fastText .vec file: a completed pretrained run that explores, evaluates and exports like a trained one', async () => {
  const { ctx, handlers, events, end } = await engine();
  const { jobId, runId } = await handlers['vectors.import']({ path: fixture('tiny.vec'), displayName: 'wiki.tiny.vec', options: { format: 'auto', name: 'Tiny' } });
  const done = await end(jobId);
  assert.equal(done.type, 'done');
  assert.ok(done.type === 'done' && done.result.kind === 'vectors');
  const started = events.find((e) => e.type === 'started');
  assert.ok(started?.type === 'started' && started.job.kind === 'vectors' && started.job.runId === runId);

  const run = await ctx.runs.get(runId);
  RunInfo.parse(run);
  assert.equal(run.status, 'completed');
  assert.equal(run.name, 'Tiny');
  assert.equal(run.corpusId, null);
  assert.equal(run.corpusName, 'wiki.tiny.vec');
  assert.deepEqual(run.spec, { model: 'pretrained', config: { format: 'word2vec-text', fileName: 'wiki.tiny.vec', maxWords: null } });
  assert.deepEqual([run.summary?.vocabSize, run.summary?.dim], [34, 16]);
  assert.ok((run.summary?.seconds ?? -1) >= 0);

  // The run folder holds the same model files as a trained run; the loader reads them back.
  const kv = await loadWord2VecModel(ctx.runs.dir(runId));
  const original = await readWord2Vec(fixture('tiny.vec'));
  assert.deepEqual(kv.words, original.words);
  assert.deepEqual(kv.vectors, original.vectors);
  assert.deepEqual([...kv.counts], new Array(34).fill(0));

  const near = await handlers['word2vec.neighbors']({ runId, word: 'king', top: 3 });
  assert.equal(near.length, 3);
  assert.deepEqual(near, original.neighbors('king', 3));
  assert.deepEqual(await handlers['word2vec.analogy']({ runId, a: 'king', b: 'man', c: 'woman', top: 2 }), original.analogy('king', 'man', 'woman', 2));
  assert.equal((await handlers['word2vec.similarity']({ runId, a: 'cat', b: 'dog' })).score, original.similarity('cat', 'dog'));
  assert.equal((await handlers['word2vec.vocabulary']({ runId, prefix: 'ca', limit: 5 })).total, 4);

  const evaluation = await handlers['word2vec.evaluate']({ runId, analogies: fixture('analogies.txt'), similarity: fixture('similarity.tsv') });
  assert.equal(evaluation.analogies?.overall.total, 17);
  assert.equal(evaluation.similarity?.covered, 13);
  await assert.rejects(handlers['word2vec.evaluate']({ runId }), { name: 'ValidationError' });

  const exported = await handlers['export.create']({ runId, format: 'word2vec-text' });
  const { path: exportPath } = await handlers['export.locate']({ id: exported.id });
  assert.deepEqual((await readWord2Vec(exportPath)).vectors, original.vectors);
});

test('GloVe with maxWords; the format and the limit are recorded in the spec', async () => {
  const { ctx, handlers, end } = await engine();
  const { jobId, runId } = await handlers['vectors.import']({ path: fixture('tiny.glove.txt'), options: { format: 'glove', maxWords: 10 } });
  assert.equal((await end(jobId)).type, 'done');
  const run = await ctx.runs.get(runId);
  assert.equal(run.name, 'pretrained · tiny.glove.txt');
  assert.ok(run.spec.model === 'pretrained'); // narrows the spec: neural specs have no `config`
  assert.deepEqual(run.spec.config, { format: 'glove', fileName: 'tiny.glove.txt', maxWords: 10 });
  assert.equal(run.summary?.vocabSize, 10);
});

test('a file that is not vectors fails the call itself: no job, no run', async () => {
  const { ctx, handlers, events } = await engine();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vectors-bad-'));
  await writeFile(path.join(dir, 'notes.txt'), 'Dear diary, today I imported vectors.\n');
  await assert.rejects(handlers['vectors.import']({ path: path.join(dir, 'notes.txt'), options: { format: 'auto' } }), { name: 'ImportError', file: 'notes.txt', line: 1 });
  await assert.rejects(handlers['vectors.import']({ path: path.join(dir, 'missing.vec'), options: { format: 'auto' } }), { name: 'NotFoundError' });
  await assert.rejects(handlers['vectors.import']({ path: dir, options: { format: 'auto' } }), { name: 'ImportError', message: /is a folder/ });
  assert.deepEqual(await ctx.runs.list(), []);
  assert.equal(events.length, 0);
});

test('damage found mid-file: the job fails with the file and line, the run is failed and has no model files', async () => {
  const { ctx, handlers, end } = await engine();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vectors-bad-'));
  const lines = Array.from({ length: 2000 }, (_, i) => `w${i} ${i} 1 2`);
  lines[1500] = 'w1500 1 2';
  await writeFile(path.join(dir, 'glove.txt'), lines.join('\n'));
  const { jobId, runId } = await handlers['vectors.import']({ path: path.join(dir, 'glove.txt'), options: { format: 'auto' } });
  const failed = await end(jobId);
  assert.ok(failed.type === 'failed');
  assert.deepEqual([failed.error.name, failed.error.file, failed.error.line], ['ImportError', 'glove.txt', 1501]);
  const run = await ctx.runs.get(runId);
  assert.equal(run.status, 'failed');
  assert.equal(run.error?.line, 1501);
  assert.deepEqual((await readdir(ctx.runs.dir(runId))).sort(), ['run.json']);
  await assert.rejects(handlers['word2vec.neighbors']({ runId, word: 'w1', top: 3 }), { name: 'ValidationError', message: /it is failed/ });
});

test('cancel: the job ends cancelled, the run is cancelled and has no model files', async () => {
  const { ctx, handlers, events, end } = await engine();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vectors-big-'));
  const row = Array.from({ length: 100 }, (_, c) => (c / 1000).toFixed(4)).join(' ');
  await writeFile(path.join(dir, 'big.txt'), Array.from({ length: 40_000 }, (_, i) => `w${i} ${row}`).join('\n') + '\n'); // ~28 MB
  const { jobId, runId } = await handlers['vectors.import']({ path: path.join(dir, 'big.txt'), options: { format: 'auto' } });
  await new Promise<void>((resolve) => {
    const poll = () => (events.some((e) => e.type === 'progress' && e.jobId === jobId) ? resolve() : setTimeout(poll, 1));
    poll();
  });
  ctx.jobs.cancel(jobId);
  assert.equal((await end(jobId)).type, 'cancelled');
  const run = await ctx.runs.get(runId);
  assert.equal(run.status, 'cancelled');
  assert.deepEqual((await readdir(ctx.runs.dir(runId))).sort(), ['run.json']);
});
