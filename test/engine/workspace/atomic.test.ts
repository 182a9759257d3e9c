/**
 * Atomic writes: temporary names carry the writer's pid; a full disk (an injected ENOSPC/EDQUOT) fails a write
 * with a DiskFullError naming the file and the space, leaves the old file whole and no temporary behind; an
 * essential write frees the workspace's reserve and gets through; a replaced folder stays whole when the build fails.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StudioError } from '../../../contract/errors.ts';
import {
  appendFileChecked,
  injectWriteFaultForTests,
  parseTempName,
  replaceDirAtomic,
  tempSibling,
  writeChunk,
  writeFileAtomic,
  writeJsonAtomic,
  writeStreamAtomic,
} from '../../../engine/workspace/atomic.ts';
import { RESERVE_BYTES, RESERVE_FILE } from '../../../engine/workspace/disk-space.ts';
import { Workspace } from '../../../engine/workspace/workspace.ts';

afterEach(() => injectWriteFaultForTests(null));

const fault = (code: 'ENOSPC' | 'EDQUOT', match: string) =>
  injectWriteFaultForTests((target) => (target.includes(match) ? Object.assign(new Error(`${code}: injected`), { code }) : null));

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'atomic-'));
const isDiskFull = (file: string, needed: RegExp) => (e: unknown) =>
  e instanceof StudioError && e.name === 'DiskFullError' && e.file === file && e.message.includes(file) && needed.test(e.message) && /free on the disk holding/.test(e.message);

test('temporary names carry the pid and parse back; names of other files do not parse', () => {
  const name = path.basename(tempSibling('/w/runs/r-1/run.json'));
  assert.match(name, new RegExp(`^\\.run\\.json\\.${process.pid}-[0-9a-f]{12}\\.tmp$`));
  assert.deepEqual(parseTempName(name), { target: 'run.json', pid: process.pid, old: false });
  assert.deepEqual(parseTempName('.tfjs.42-0123456789ab.old'), { target: 'tfjs', pid: 42, old: true });
  assert.deepEqual(parseTempName('.vectors.bin.0123456789ab.tmp'), { target: 'vectors.bin', pid: null, old: false });
  for (const other of ['run.json', '.reserve', '.lock', '.c-1.deleting', '.tfjs.tmp', 'a.tmp']) assert.equal(parseTempName(other), null, other);
});

test('a full disk fails a write with DiskFullError (file, bytes needed, bytes free); the old file stays, no temporary left', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'model.bin');
  await writeFileAtomic(file, 'old');
  fault('ENOSPC', 'model.bin');
  await assert.rejects(writeFileAtomic(file, new Uint8Array(1500)), isDiskFull(file, /needs 1\.5 KB/));
  fault('EDQUOT', 'model.bin');
  await assert.rejects(writeFileAtomic(file, 'x'), (e: unknown) => e instanceof StudioError && e.name === 'DiskFullError' && /quota/.test(e.message));
  assert.equal(await readFile(file, 'utf8'), 'old');
  assert.deepEqual(await readdir(dir), ['model.bin']);
});

test('streams and appends report a full disk the same way', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'tokens.txt');
  fault('ENOSPC', 'tokens.txt');
  await assert.rejects(
    writeStreamAtomic(file, async (out) => {
      for (let i = 0; i < 100; i++) await writeChunk(out, 'word '.repeat(100));
    }),
    isDiskFull(file, /more than the 50 KB written/),
  );
  assert.deepEqual(await readdir(dir), []);
  const log = path.join(dir, 'metrics.jsonl');
  await appendFileChecked(log, '{"step":1}\n');
  fault('ENOSPC', 'metrics.jsonl');
  await assert.rejects(appendFileChecked(log, '{"step":2}\n'), isDiskFull(log, /needs 11 B/));
  assert.equal(await readFile(log, 'utf8'), '{"step":1}\n');
});

test('an essential write (a run marked failed) frees the reserve on a full disk and gets through; others do not', async () => {
  const ws = await Workspace.open(path.join(await tempDir(), 'ws'));
  const reserve = path.join(ws.root, RESERVE_FILE);
  assert.equal((await stat(reserve)).size, RESERVE_BYTES);
  const runJson = path.join(ws.runsDir, 'r-1', 'run.json');
  // Full until the reserve is gone, as a real disk would be.
  injectWriteFaultForTests((target) => (target === runJson && readdirSyncSafe(ws.root).includes(RESERVE_FILE) ? Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }) : null));
  await assert.rejects(writeJsonAtomic(runJson, { status: 'failed' }), (e: unknown) => (e as StudioError).name === 'DiskFullError');
  assert.ok(readdirSyncSafe(ws.root).includes(RESERVE_FILE), 'an ordinary write leaves the reserve alone');
  await writeJsonAtomic(runJson, { status: 'failed' }, { essential: true });
  assert.deepEqual(JSON.parse(await readFile(runJson, 'utf8')), { status: 'failed' });
  // Space came back (the fault only bites while the reserve exists, so the re-made reserve ends it): made again.
  assert.equal((await stat(reserve)).size, RESERVE_BYTES);
});

test('replacing a folder: a failed build leaves the old folder whole; a good one replaces it with nothing left aside', async () => {
  const dir = await tempDir();
  const target = path.join(dir, 'tfjs');
  await mkdir(target);
  await writeFile(path.join(target, 'model.json'), 'old');
  fault('ENOSPC', 'weights.bin');
  await assert.rejects(
    replaceDirAtomic(target, async (temp) => {
      await writeFileAtomic(path.join(temp, 'model.json'), 'new');
      await writeFileAtomic(path.join(temp, 'weights.bin'), new Uint8Array(8));
    }),
    // Named where it was going, not under the temporary folder's name.
    (e: unknown) => e instanceof StudioError && e.name === 'DiskFullError' && e.file === path.join(target, 'weights.bin') && e.message.includes(`Could not write ${path.join(target, 'weights.bin')}:`),
  );
  assert.deepEqual(await readdir(dir), ['tfjs']);
  assert.equal(await readFile(path.join(target, 'model.json'), 'utf8'), 'old');
  injectWriteFaultForTests(null);
  await replaceDirAtomic(target, (temp) => writeFileAtomic(path.join(temp, 'model.json'), 'new'));
  assert.deepEqual(await readdir(dir), ['tfjs']);
  assert.equal(await readFile(path.join(target, 'model.json'), 'utf8'), 'new');
});

function readdirSyncSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

test('a corpus import on a full disk: DiskFullError naming the corpus file where it was going, and no folder left', async () => {
  const { testEngine } = await import('../training/helpers.ts');
  const e = await testEngine();
  fault('ENOSPC', 'tokens.txt');
  await assert.rejects(e.importAs([await e.file('a.txt', 'hello world\nfoo bar\n')], {}), (err: unknown) => err instanceof StudioError && err.name === 'DiskFullError' && /corpora[/\\]c-[0-9a-z-]+[/\\]tokens\.txt: the disk is full/.test(err.message));
  assert.deepEqual(await readdir(e.ctx.ws.corporaDir), []);
});
