/**
 * SIGKILL at any moment leaves a workspace the next engine opens clean and true: a child process imports, trains
 * word2vec, writes checkpoints, metrics and exports in a loop and is killed at random moments, several times; then
 * the workspace is opened as the engine does (createEngine) and must hold no temporary file or folder, no run or
 * corpus folder without its description, no run left `running`, and every file its manifest lists must verify
 * (checkpoints load, word2vec models load).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createEngine } from '../../../engine/engine.ts';
import { verifyRunFiles } from '../../../engine/runs/manifest.ts';
import { loadCheckpoint, readCheckpointManifest, type NamedWeight } from '../../../engine/training/checkpoint.ts';
import { loadWord2VecModel } from '../../../engine/models/word2vec/model-store.ts';

const worker = path.join(import.meta.dirname, 'crash-worker.ts');
const KILLS = 4;

/** Every path under `dir`, relative, folders included. */
async function walk(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    out.push(rel);
    if (entry.isDirectory()) out.push(...(await walk(path.join(dir, entry.name), `${rel}/`)));
  }
  return out;
}

test('SIGKILL during import, training, checkpoints and export: the next start finds no temporaries, no half-made folders, no run left running, every listed file intact', { timeout: 180_000 }, async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'crash-'));
  const ws = path.join(root, 'ws');
  const corpus = path.join(root, 'text.txt');
  const words = ['river', 'bank', 'money', 'water', 'loan', 'stream', 'fish', 'account'];
  await writeFile(corpus, Array.from({ length: 400 }, (_, i) => Array.from({ length: 12 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ')).join('\n') + '\n');
  const delays: number[] = [];
  for (let i = 0; i < KILLS; i++) {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, ws, corpus], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = once(child, 'exit');
    // Wait until the engine is open, so the kill lands in the work and not in start-up.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('ready') && resolve());
      void exited.then(() => reject(new Error(`the worker exited before it was killed:\n${stderr}`)));
    });
    const delay = 200 + Math.floor(Math.random() * 1500);
    delays.push(delay);
    await new Promise((r) => setTimeout(r, delay));
    child.kill('SIGKILL');
    const [code, signal] = await exited;
    assert.equal(signal, 'SIGKILL', `killed, not exited by itself (code ${code}):\n${stderr}`);
  }
  const why = `kill delays ${delays.join(', ')} ms`;

  const before = (await walk(ws)).filter((p) => /\.(tmp|old)$/.test(p));
  const halfMade: string[] = [];
  for (const id of (await readdir(path.join(ws, 'runs'))).filter((n) => n.startsWith('r-'))) {
    if (!(await readdir(path.join(ws, 'runs', id))).includes('run.json')) halfMade.push(id);
  }
  console.log(`before the sweep (${why}): ${before.length} temporaries, ${halfMade.length} run folders without run.json`);

  const engine = await createEngine({ workspaceDir: ws, backend: 'cpu', emit: () => {} });
  try {
    const all = await walk(ws);
    assert.deepEqual(all.filter((p) => /\.(tmp|old)$|\.tmp\//.test(p) || p.includes('.tmp/')), [], `temporaries left (${why})`);

    const runIds = (await readdir(path.join(ws, 'runs'))).filter((n) => n.startsWith('r-'));
    assert.ok(runIds.length > 0, `the worker made runs (${why})`);
    for (const id of runIds) {
      const text = await readFile(path.join(ws, 'runs', id, 'run.json'), 'utf8');
      assert.doesNotThrow(() => JSON.parse(text), `runs/${id}/run.json parses`);
    }
    const runs = await engine.runs.list();
    assert.equal(runs.length, runIds.length);
    assert.deepEqual(runs.filter((r) => r.status === 'running').map((r) => r.id), [], `no run left running (${why})`);
    for (const id of (await readdir(path.join(ws, 'corpora'))).filter((n) => !n.startsWith('.'))) {
      JSON.parse(await readFile(path.join(ws, 'corpora', id, 'corpus.json'), 'utf8'));
    }

    let checkpoints = 0;
    for (const run of runs) {
      const dir = engine.runDir(run.id);
      const listed = await verifyRunFiles(dir);
      for (const name of ['last', 'best']) {
        if (!listed.includes(`checkpoints/${name}.bin`)) continue;
        const state = (await readCheckpointManifest<{ step: number }>(dir, name))!.state;
        const into: NamedWeight[] = ['embedding', 'output'].map((n) => ({ name: n, variable: tf.variable(tf.zeros([300, 500])), trainable: true }));
        assert.deepEqual(await loadCheckpoint(dir, name, into, null), state);
        // Each save wrote weights equal to its step: a torn or mixed file would not be uniform.
        assert.ok(into.every((w) => w.variable.dataSync().every((v) => v === into[0].variable.dataSync()[0])), `${run.id} ${name} uniform`);
        into.forEach((w) => w.variable.dispose());
        checkpoints++;
      }
      if (run.spec.model === 'word2vec' && listed.includes('vectors.bin')) await loadWord2VecModel(dir);
    }
    assert.ok(checkpoints > 0, `some checkpoints were written and checked (${why})`);
  } finally {
    await engine.dispose();
  }
});
