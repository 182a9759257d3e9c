import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, appendFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RunStore } from '../../../engine/runs/run-store.ts';
import { Workspace } from '../../../engine/workspace/workspace.ts';
import { Word2VecConfig } from '../../../contract/word2vec.ts';

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
  await writeFile(path.join(ws.runDir(dead.id), '.owner'), '999999999');
  const live = await runs.create({ corpusId: null, corpusName: 'y', spec, backend: null });
  await writeFile(path.join(ws.runDir(live.id), '.owner'), String(process.ppid));
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
