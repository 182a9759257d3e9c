import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RunStore } from '../../../engine/runs/run-store.ts';
import { Workspace } from '../../../engine/workspace/workspace.ts';
import { Word2VecConfig } from '../../../contract/word2vec.ts';
import { RnnArch } from '../../../contract/rnn.ts';
import { TrainingConfig } from '../../../contract/training.ts';

const spec = { model: 'word2vec' as const, config: Word2VecConfig.parse({}) };

async function store() {
  const ws = await Workspace.open(await mkdtemp(path.join(os.tmpdir(), 'runs-')));
  return { ws, runs: new RunStore(ws) };
}

test('create, append metrics, finish, list and delete a run', async () => {
  const { runs } = await store();
  const run = await runs.create({ corpusId: 'c-test-0001', corpusName: 'brown', spec, backend: null });
  assert.equal(run.status, 'running');
  assert.equal(run.name, 'word2vec · brown');
  await runs.appendMetric(run.id, { step: 10, epoch: 0.1, time: 1, values: { loss: 2.5 } });
  await runs.appendMetric(run.id, { step: 20, epoch: 0.2, time: 2, values: { loss: 2.1 } });
  const done = await runs.finish(run.id, { status: 'completed', summary: { vocabSize: 3 } });
  assert.equal(done.status, 'completed');
  assert.ok(done.finishedAt);
  assert.deepEqual((await runs.metrics(run.id)).map((p) => p.values.loss), [2.5, 2.1]);
  assert.deepEqual((await runs.list()).map((r) => r.id), [run.id]);
  await runs.delete(run.id);
  assert.deepEqual(await runs.list(), []);
  await assert.rejects(runs.get(run.id), { name: 'NotFoundError' });
});

test('a torn last metrics line (crash mid-append) is skipped, not fatal', async () => {
  const { ws, runs } = await store();
  const run = await runs.create({ corpusId: null, corpusName: 'x', spec, backend: null });
  await runs.appendMetric(run.id, { step: 1, epoch: 0, time: 0, values: { loss: 1 } });
  await appendFile(path.join(ws.runDir(run.id), 'metrics.jsonl'), '{"step": 2, "epo');
  assert.equal((await runs.metrics(run.id)).length, 1);
});

test('runs left "running" by a dead process are marked failed; a live owner is left alone', async () => {
  const { ws, runs } = await store();
  const dead = await runs.create({ corpusId: null, corpusName: 'x', spec, backend: null });
  await runs.release(dead.id); // as if its process had died: run.json says running, nobody holds the lock
  // A run.json from before locks, with only the old pid file of a dead process, is no different.
  await writeFile(path.join(ws.runDir(dead.id), '.owner'), '999999999');
  const live = await runs.create({ corpusId: null, corpusName: 'y', spec, backend: null });
  await new RunStore(ws).markInterrupted();
  assert.equal((await runs.get(dead.id)).status, 'failed');
  assert.match((await runs.get(dead.id)).error?.message ?? '', /Interrupted/);
  assert.equal((await runs.get(live.id)).status, 'running');
});

test('--out puts the run folder outside the workspace', async () => {
  const { ws, runs } = await store();
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'out-')), 'my-run');
  const run = await runs.create({ corpusId: null, corpusName: 'x', spec, backend: null, outDir: out });
  assert.equal(runs.dir(run.id), out);
  assert.ok((await readdir(out)).includes('run.json'));
  assert.deepEqual(await readdir(ws.runsDir), []);
});

test('an interrupted run with a checkpoint becomes interrupted (resumable); one without becomes failed', async () => {
  const { runs } = await store();
  const e = { ctx: { runs } };
  const spec = { model: 'classifier', arch: RnnArch.parse({}), training: TrainingConfig.parse({}) } as const;
  const withCheckpoint = await e.ctx.runs.create({ corpusId: null, corpusName: 'x', spec, backend: 'cpu' });
  const without = await e.ctx.runs.create({ corpusId: null, corpusName: 'x', spec, backend: 'cpu' });
  for (const run of [withCheckpoint, without]) await e.ctx.runs.release(run.id);
  await mkdir(path.join(e.ctx.runs.dir(withCheckpoint.id), 'checkpoints'), { recursive: true });
  await writeFile(path.join(e.ctx.runs.dir(withCheckpoint.id), 'checkpoints', 'last.json'), '{}');
  await e.ctx.runs.markInterrupted();
  assert.equal((await e.ctx.runs.get(withCheckpoint.id)).status, 'interrupted');
  assert.equal((await e.ctx.runs.get(without.id)).status, 'failed');
});

test('a run.json that says paused (interrupted before the status existed) still reads', async () => {
  const { ws, runs } = await store();
  const run = await runs.create({ corpusId: null, corpusName: 'x', spec, backend: null });
  await runs.finish(run.id, { status: 'paused' });
  const file = path.join(ws.runDir(run.id), 'run.json');
  const { tags: _, ...old } = JSON.parse(await readFile(file, 'utf8'));
  await writeFile(file, JSON.stringify(old));
  assert.equal((await runs.get(run.id)).status, 'paused');
});

test('a neural run.json written before the family seam (one flat config, the cell under `arch`) reads back as { model, arch, training }', async () => {
  const { ws, runs } = await store();
  const neural = { model: 'classifier', arch: RnnArch.parse({}), training: TrainingConfig.parse({}) } as const;
  const [clf, lm, w2v] = [await runs.create({ corpusId: null, corpusName: 'a', spec: neural, backend: 'cpu' }), await runs.create({ corpusId: null, corpusName: 'b', spec: neural, backend: 'cpu' }), await runs.create({ corpusId: null, corpusName: 'c', spec, backend: null })];
  const rewrite = async (id: string, old: unknown) => {
    const file = path.join(ws.runDir(id), 'run.json');
    await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), spec: old }));
  };
  const embeddings = { runId: 'r-20261101-1200-abcd', trainable: false };
  await rewrite(clf.id, {
    model: 'classifier',
    config: {
      arch: 'gru', layers: 2, bidirectional: true, emb: 8, hidden: 4, dropout: 0.1, level: 'word', vocab: 500, seq: 40, batch: 8, epochs: 3, steps: 100,
      optimizer: { name: 'sgd', lr: 0.5, schedule: 'cosine', warmupSteps: 5, clipNorm: 1 }, patience: 2, validationSplit: 0.2, testSplit: 0.05, embeddings, seed: 7,
    },
  });
  await rewrite(lm.id, { model: 'lm', config: { arch: 'rnn', level: 'char' } });
  assert.deepEqual((await runs.get(clf.id)).spec, {
    model: 'classifier',
    arch: { family: 'rnn', cell: 'gru', layers: 2, bidirectional: true, emb: 8, hidden: 4, dropout: 0.1, level: 'word', vocab: 500, seq: 40, embeddings },
    training: {
      optimizer: { name: 'sgd', lr: 0.5, beta1: 0.9, beta2: 0.999, weightDecay: 0, schedule: 'cosine', warmupSteps: 5, clipNorm: 1 },
      batch: 8, epochs: 3, steps: 100, labelSmoothing: 0, patience: 2, validationSplit: 0.2, testSplit: 0.05, seed: 7,
    },
  });
  // Settings an old spec left out take today's defaults.
  assert.deepEqual((await runs.get(lm.id)).spec, { model: 'lm', arch: RnnArch.parse({ cell: 'rnn', level: 'char' }), training: TrainingConfig.parse({}) });
  // word2vec specs were never flat in that sense: they read back as written. The list reads the old ones too.
  assert.deepEqual((await runs.get(w2v.id)).spec, spec);
  assert.deepEqual((await runs.list()).map((r) => r.spec.model).sort(), ['classifier', 'lm', 'word2vec']);
});

test('prepareResume cuts a torn last line and the points after the checkpoint\'s step; an intact history is left as is', async () => {
  const { ws, runs } = await store();
  const run = await runs.create({ corpusId: null, corpusName: 'x', spec, backend: null });
  for (const step of [1, 2, 3, 4, 5]) await runs.appendMetric(run.id, { step, epoch: step / 5, time: step, values: { loss: 1 / step } });
  const file = path.join(ws.runDir(run.id), 'metrics.jsonl');
  await appendFile(file, '{"step": 6, "epo');
  assert.deepEqual(await runs.prepareResume(run.id, 3), { torn: 1, dropped: 2 });
  assert.deepEqual((await runs.metrics(run.id)).map((p) => p.step), [1, 2, 3]);
  assert.ok((await readFile(file, 'utf8')).endsWith('}\n'), 'new points start on a line of their own');
  const before = await readFile(file, 'utf8');
  assert.deepEqual(await runs.prepareResume(run.id, 3), { torn: 0, dropped: 0 });
  assert.equal(await readFile(file, 'utf8'), before);
});

test('a run held by this process cannot be deleted or claimed again; the message names the owner; after finish it can', async () => {
  const { runs } = await store();
  const run = await runs.create({ corpusId: null, corpusName: 'x', spec, backend: null });
  await assert.rejects(runs.delete(run.id), (e: Error) => (assert.match(e.message, new RegExp(`^Run ${run.id} is being trained by .* \\(pid ${process.pid}, this process, since \\d\\d:\\d\\d\\)`)), true));
  await assert.rejects(runs.claim(run.id, 'training'), /being trained/);
  assert.equal((await runs.get(run.id)).owner?.pid, process.pid);
  await runs.finish(run.id, { status: 'completed' });
  assert.equal((await runs.get(run.id)).owner, undefined);
  await runs.delete(run.id);
  await assert.rejects(runs.get(run.id), { name: 'NotFoundError' });
  await assert.rejects(runs.claim(run.id, 'training'), { name: 'NotFoundError' });
});
