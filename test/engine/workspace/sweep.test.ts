/**
 * The start-up sweep: what dead processes left is removed (temporary files and folders, half-made run, corpus and
 * export folders, interrupted deletions), a folder moved aside by an interrupted replacement is put back, and
 * nothing a live process may be writing is touched (its pid in a temporary name, its lock, a folder just made).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { mkdir, mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sweepWorkspace } from '../../../engine/workspace/sweep.ts';
import { Workspace } from '../../../engine/workspace/workspace.ts';

/** A pid that certainly belonged to a process that has exited. */
const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
/** A live process other than this one. */
const livePid = process.ppid;
const hex = '0123456789ab';

async function put(file: string, content = 'x', hoursOld = 0) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  if (hoursOld) {
    const then = new Date(Date.now() - hoursOld * 3600_000);
    await utimes(file, then, then);
  }
}

test('temporary files and folders of dead processes go; those of live ones and this one stay; pid-less ones go when hours old', async () => {
  const ws = await Workspace.open(path.join(await mkdtemp(path.join(os.tmpdir(), 'sweep-')), 'ws'));
  const run = ws.runDir('r-20261204-1200-aaaaaa');
  await put(path.join(run, 'run.json'), '{}');
  const dead: [file: string, hoursOld: number][] = [
    [path.join(run, `.run.json.${deadPid}-${hex}.tmp`), 0],
    [path.join(run, 'checkpoints', `.last.bin.${deadPid}-${hex}.tmp`), 0],
    [path.join(ws.corporaDir, `.c-20261204-1200-bbbbbb.${deadPid}-${hex}.tmp`, 'tokens.txt'), 0],
    [path.join(ws.exportsDir, `.x-20261204-1200-cccccc.${deadPid}-${hex}.tmp`, `.model.zip.${deadPid}-${hex}.tmp`), 0],
    [path.join(run, `.vectors.bin.${hex}.tmp`), 7], // no pid, 7 hours old
    [path.join(ws.corporaDir, '.c-20261204-1100-dddddd.deleting', 'tokens.txt'), 0],
  ];
  const kept = [
    path.join(run, `.metrics.jsonl.${livePid}-${hex}.tmp`),
    path.join(run, 'checkpoints', `.best.bin.${process.pid}-${hex}.tmp`),
    path.join(run, `.vocab.tsv.${hex}.tmp`), // no pid, fresh
    path.join(run, 'checkpoints', 'last.bin'),
    path.join(ws.root, '.uploads', `.upload.${deadPid}-${hex}.tmp`), // the web host's, not the sweep's
  ];
  for (const [f, hours] of dead) await put(f, 'x', hours);
  // The export folder's temporary name before pids, 7 hours old (the folder itself aged).
  const legacy = path.join(run, '.tfjs.tmp');
  await put(path.join(legacy, 'model.json'));
  await utimes(legacy, new Date(Date.now() - 7 * 3600_000), new Date(Date.now() - 7 * 3600_000));
  for (const f of kept) await put(f);
  const report = await sweepWorkspace(ws);
  for (const f of kept) assert.equal(await readFile(f, 'utf8'), 'x', `kept: ${f}`);
  const left = async (f: string) => readFile(f).then(() => true, () => false);
  for (const [f] of dead) assert.equal(await left(f), false, `removed: ${f}`);
  assert.equal(await left(path.join(legacy, 'model.json')), false);
  assert.deepEqual((await readdir(ws.corporaDir)).sort(), []);
  assert.ok(report.removed.includes(`runs/r-20261204-1200-aaaaaa/checkpoints/.last.bin.${deadPid}-${hex}.tmp`), report.removed.join('\n'));
  assert.ok(report.removed.every((p) => !p.startsWith('/')), 'reported relative to the workspace');
});

test('half-made run, corpus and export folders of dead processes go; model files, a live lock, a live temporary or a fresh empty folder keep one', async () => {
  const ws = await Workspace.open(path.join(await mkdtemp(path.join(os.tmpdir(), 'sweep-')), 'ws'));
  const id = (n: number) => `r-20261204-1200-00000${n}`;
  await put(path.join(ws.runDir(id(1)), `.run.json.${deadPid}-${hex}.tmp`)); // killed before run.json was renamed in
  await put(path.join(ws.runDir(id(2)), '.lock'), JSON.stringify({ pid: deadPid, hostname: os.hostname(), token: 't' }));
  await put(path.join(ws.runDir(id(3)), '.owner'), String(deadPid));
  await mkdir(ws.runDir(id(4)));
  const old = new Date(Date.now() - 3600_000);
  await utimes(ws.runDir(id(4)), old, old); // empty and an hour old
  await put(path.join(ws.runDir(id(5)), '.lock'), JSON.stringify({ pid: livePid, hostname: os.hostname(), token: 't' })); // being created
  await put(path.join(ws.runDir(id(6)), '.lock'), JSON.stringify({ pid: deadPid, hostname: 'another-machine', token: 't' }));
  await put(path.join(ws.runDir(id(7)), '.owner'), String(livePid));
  await put(path.join(ws.runDir(id(8)), `.run.json.${livePid}-${hex}.tmp`));
  await mkdir(ws.runDir(id(9))); // empty, just made
  await put(path.join(ws.runDir(id(0)), 'run.json'), '{}');
  // Model files without run.json: not a half-made folder (someone removed run.json), not ours to delete.
  await put(path.join(ws.runDir('r-20261204-1200-0000aa'), 'checkpoints', 'last.bin'));
  await put(path.join(ws.runDir('r-20261204-1200-0000aa'), '.owner'), String(deadPid));
  await put(path.join(ws.corpusDir('c-20261204-1200-000001'), `.corpus.json.${deadPid}-${hex}.tmp`));
  await put(path.join(ws.corpusDir('c-20261204-1200-000002'), 'corpus.json'), '{}');
  await put(path.join(ws.exportsDir, 'x-20261204-1200-000001', `.model.zip.${deadPid}-${hex}.tmp`));
  await put(path.join(ws.exportsDir, 'x-20261204-1200-000002', 'model.zip')); // a user's file, no export.json: kept
  await put(path.join(ws.runsDir, 'notes.txt')); // not a run folder: not ours to judge
  const report = await sweepWorkspace(ws);
  assert.deepEqual((await readdir(ws.runsDir)).sort(), [id(0), id(5), id(6), id(7), id(8), id(9), 'r-20261204-1200-0000aa', 'notes.txt'].sort());
  assert.deepEqual(await readdir(ws.corporaDir), ['c-20261204-1200-000002']);
  assert.deepEqual(await readdir(ws.exportsDir), ['x-20261204-1200-000002']);
  assert.equal(report.removed.filter((p) => p.startsWith('runs/r-')).length, 4);
});

test('a folder moved aside by a replacement killed between its renames is put back; a leftover beside its successor goes', async () => {
  const ws = await Workspace.open(path.join(await mkdtemp(path.join(os.tmpdir(), 'sweep-')), 'ws'));
  const a = ws.runDir('r-20261204-1200-00000a');
  const b = ws.runDir('r-20261204-1200-00000b');
  await put(path.join(a, 'run.json'), '{}');
  await put(path.join(a, `.tfjs.${deadPid}-${hex}.old`, 'model.json'), 'old');
  await put(path.join(a, `.tfjs.${deadPid}-${hex}.tmp`, 'model.json'), 'new, never renamed in');
  await put(path.join(b, 'run.json'), '{}');
  await put(path.join(b, `.tfjs.${deadPid}-${hex}.old`, 'model.json'), 'old');
  await put(path.join(b, 'tfjs', 'model.json'), 'new');
  const report = await sweepWorkspace(ws);
  assert.equal(await readFile(path.join(a, 'tfjs', 'model.json'), 'utf8'), 'old');
  assert.deepEqual((await readdir(a)).sort(), ['run.json', 'tfjs']);
  assert.equal(await readFile(path.join(b, 'tfjs', 'model.json'), 'utf8'), 'new');
  assert.deepEqual((await readdir(b)).sort(), ['run.json', 'tfjs']);
  assert.deepEqual(report.restored, ['runs/r-20261204-1200-00000a/tfjs']);
});
