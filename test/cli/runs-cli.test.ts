// Ownership across real processes: a CLI training holds its run and corpus, so another process cannot delete or
// resume them (told who trains them); a killed training's run shows as interrupted in `runs --json` and resumes
// exactly once, from its checkpoint, with a clean metric history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli as runCli } from './run-cli.ts';
import { syntheticCsv } from '../engine/training/synthetic.ts';
import { createEngine } from '../../engine/engine.ts';

const env = { NLP_STUDIO_BACKEND: 'cpu' };
const cli = (args: string[]) => runCli(args, env);
const entry = path.resolve(import.meta.dirname, '../../cli/index.ts');

/** A CLI process left running (cli() waits for the end; this does not). */
function start(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

/** Wait until `check` holds (polling the disk), or fail naming `what`. */
async function until<T>(what: string, check: () => Promise<T | null>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The one run folder's id and run.json once its training has a `last` checkpoint. */
const runWithCheckpoint = (ws: string, except: string[] = []) =>
  until('a run with a checkpoint', async () => {
    for (const id of await readdir(path.join(ws, 'runs')).catch(() => [] as string[])) {
      if (except.includes(id) || !id.startsWith('r-')) continue;
      if (existsSync(path.join(ws, 'runs', id, 'checkpoints', 'last.json'))) return id;
    }
    return null;
  });

const trainArgs = (data: string, ws: string, minutes: number) => ['train', 'classifier', '--data', data, '--arch', 'gru', '--emb', '8', '--hidden', '8', '--batch', '16', '--epochs', '10000', '--minutes', String(minutes), '--patience', '0', '--workspace', ws, '--json'];

test('while the CLI trains a run, another process cannot delete or resume it or delete its corpus; the training finishes fine', { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-own-'));
  const ws = path.join(dir, 'ws');
  const data = path.join(dir, 'reviews.csv');
  await writeFile(data, syntheticCsv(120));
  // Long enough for the other processes below to start (each loads the engine) while it still trains.
  const a = start(trainArgs(data, ws, 0.75));
  try {
    const runId = await runWithCheckpoint(ws);
    const run = JSON.parse(await readFile(path.join(ws, 'runs', runId, 'run.json'), 'utf8'));
    assert.equal(run.status, 'running');
    const pid = a.child.pid!;
    const owner = new RegExp(`Run ${runId} is being trained by nlp-studio train \\(pid ${pid}, since \\d\\d:\\d\\d\\)`);

    // Processes C (the CLI's resume) and D (`runs --json`) start while B (this test's own engine on the same
    // workspace: opening it must not mark A's run interrupted) tries to delete and resume.
    const [resumed, listed] = await Promise.all([
      cli(['resume', '--model', runId, '--workspace', ws]),
      cli(['runs', '--workspace', ws, '--json']),
      (async () => {
        const b = await createEngine({ workspaceDir: ws, emit: () => {} });
        try {
          assert.equal((await b.handlers['runs.get']({ id: runId })).run.status, 'running');
          assert.equal((await b.handlers['runs.get']({ id: runId })).run.owner?.pid, pid);
          await assert.rejects(b.handlers['runs.delete']({ id: runId }), (e: Error) => (assert.equal(e.name, 'InUseError'), assert.match(e.message, owner), true));
          await assert.rejects(b.handlers['runs.resume']({ id: runId }), (e: Error) => (assert.equal(e.name, 'InUseError'), assert.match(e.message, owner), true));
          await assert.rejects(b.handlers['corpus.delete']({ id: run.corpusId }), (e: Error) => (assert.equal(e.name, 'InUseError'), assert.match(e.message, new RegExp(`Corpus ${run.corpusId} is in use by a training: nlp-studio train \\(pid ${pid}`)), true));
        } finally {
          await b.dispose();
        }
      })(),
    ]);
    assert.equal(resumed.code, 1, `${resumed.stdout}\n${resumed.stderr}`);
    assert.match(resumed.stderr, owner);
    assert.equal(listed.code, 0, listed.stderr);
    const row = listed.json.runs.find((r: { id: string }) => r.id === runId);
    assert.equal(row.status, 'running');
    assert.equal(row.owner.pid, pid);
    assert.equal(row.owner.command, 'nlp-studio train');
    assert.ok(row.checkpoint.step > 0 && row.checkpoint.epoch >= 1, JSON.stringify(row.checkpoint));
    assert.equal(a.child.exitCode, null, 'A still trains: the checks above ran against a live owner');

    const end = await a.done;
    assert.equal(end.code, 0, end.stderr);
    assert.equal(JSON.parse(end.stdout.trim().split('\n').at(-1)!).status, 'completed');
    assert.equal(existsSync(path.join(ws, 'runs', runId, '.lock')), false, 'the lock is released');
    // Now that nobody trains it, deleting the corpus and the run works.
    const c = await createEngine({ workspaceDir: ws, emit: () => {} });
    try {
      await c.handlers['runs.delete']({ id: runId });
      await c.handlers['corpus.delete']({ id: run.corpusId });
      assert.deepEqual((await c.handlers['runs.list']({})).length, 0);
    } finally {
      await c.dispose();
    }
  } finally {
    a.child.kill('SIGKILL');
  }
});

test('a SIGKILLed training shows as interrupted; of two resumes one continues (saying from where), the other is refused; the history is cut at the checkpoint', { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-own-kill-'));
  const ws = path.join(dir, 'ws');
  const data = path.join(dir, 'reviews.csv');
  await writeFile(data, syntheticCsv(120));
  const a = start(trainArgs(data, ws, 0.25));
  const runId = await runWithCheckpoint(ws);
  a.child.kill('SIGKILL');
  await a.done;

  const listed = await cli(['runs', '--workspace', ws, '--json']);
  assert.equal(listed.code, 0, listed.stderr);
  const row = listed.json.runs.find((r: { id: string }) => r.id === runId);
  assert.equal(row.status, 'interrupted');
  assert.equal(row.owner, null);
  const { step, epoch } = row.checkpoint;
  assert.ok(step > 0);
  const human = await cli(['runs', '--workspace', ws]);
  assert.match(human.stdout, new RegExp(`${runId} .* interrupted +epoch ${epoch} · step ${step}`));

  // What a crash leaves: points after the checkpoint (trained again on resume) and half a line.
  const metrics = path.join(ws, 'runs', runId, 'metrics.jsonl');
  await appendFile(metrics, JSON.stringify({ step: step + 1000, epoch: 99, time: 1, values: { loss: 9 } }) + '\n{"step": 12, "epo');

  const [r1, r2] = await Promise.all([cli(['resume', '--model', runId, '--workspace', ws, '--json']), cli(['resume', '--model', runId, '--workspace', ws, '--json'])]);
  const [won, lost] = r1.code === 0 ? [r1, r2] : [r2, r1];
  assert.equal(won.code, 0, `${r1.stderr}\n${r2.stderr}`);
  assert.equal(lost.code, 1, lost.stderr);
  assert.match(lost.stderr, new RegExp(`Run ${runId} is being trained by nlp-studio resume \\(pid \\d+, since`));
  assert.match(won.stderr, new RegExp(`Resuming run ${runId} from step ${step} · epoch ${epoch} of 10000 done`));
  assert.equal(won.json.status, 'completed');

  const lines = (await readFile(metrics, 'utf8')).split('\n').filter(Boolean);
  const points = lines.map((l) => JSON.parse(l) as { step: number });
  assert.ok(!points.some((p) => p.step === step + 1000), 'the point after the checkpoint is gone');
  for (let i = 1; i < points.length; i++) assert.ok(points[i].step >= points[i - 1].step, `step ${points[i].step} after ${points[i - 1].step}: recorded twice`);
  assert.ok(points.at(-1)!.step > step, 'the resume recorded new steps');
});
