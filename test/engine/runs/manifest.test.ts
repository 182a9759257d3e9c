/**
 * The run manifest: digests recorded around a commit (two-phase, so a crash between leaves every file matching
 * one of its entries), a changed or truncated file named as corrupt, unlisted files and runs without a manifest
 * passed unchecked, a replaced folder's stale entries dropped.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdir, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StudioError } from '../../../contract/errors.ts';
import { commitWithManifest, digestFile, digestOf, readManifest, verifyRunFile, verifyRunFiles } from '../../../engine/runs/manifest.ts';

const runDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'manifest-'));
  await mkdir(path.join(dir, 'checkpoints'));
  return dir;
};

/** Put `data` at `rel` through the manifest, as checkpoint.ts does (write aside, rename in the commit). */
async function put(dir: string, rel: string, data: string, between?: () => Promise<void>) {
  await writeFile(path.join(dir, `${rel}.new`), data);
  await commitWithManifest(dir, { [rel]: digestOf(data) }, async () => {
    await between?.();
    await rename(path.join(dir, `${rel}.new`), path.join(dir, rel));
  });
}

test('digests of buffers and streamed files agree with sha256sum', async () => {
  const dir = await runDir();
  await writeFile(path.join(dir, 'f'), 'abc');
  const expected = { sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', bytes: 3 };
  assert.deepEqual(digestOf('abc'), expected);
  assert.deepEqual(await digestFile(path.join(dir, 'f')), expected);
});

test('a written file verifies; a changed or truncated one is named as corrupt; unlisted files and old runs pass', async () => {
  const dir = await runDir();
  await verifyRunFile(dir, 'checkpoints/last.bin', 'anything'); // no manifest: a run from before manifests
  await put(dir, 'checkpoints/last.bin', 'weights-1');
  assert.deepEqual(Object.keys((await readManifest(dir))!.files), ['checkpoints/last.bin']);
  assert.equal((await readManifest(dir))!.files['checkpoints/last.bin'].next, undefined);
  await verifyRunFile(dir, 'checkpoints/last.bin');
  await verifyRunFile(dir, 'checkpoints/other.bin', 'unlisted');
  const file = path.join(dir, 'checkpoints/last.bin');
  await writeFile(file, 'weights-X');
  await assert.rejects(verifyRunFile(dir, 'checkpoints/last.bin'), (e: unknown) => e instanceof StudioError && e.name === 'CorruptFileError' && e.file === file && /^checkpoints\/last\.bin is corrupt: checksum mismatch — /.test(e.message));
  await writeFile(file, 'weights');
  await assert.rejects(verifyRunFile(dir, 'checkpoints/last.bin'), /checkpoints\/last\.bin is corrupt: it is 7 bytes, 9 were written/);
  assert.deepEqual(await verifyRunFiles(dir, 'tfjs/'), []);
  await assert.rejects(verifyRunFiles(dir), /last\.bin is corrupt/);
});

test('two-phase: killed between the manifest and the rename, the old file still verifies; after it, the new one does', async () => {
  const dir = await runDir();
  await put(dir, 'checkpoints/last.bin', 'old weights');
  const saved = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  // The commit dies before its rename: the manifest lists old and next, the old file is in place.
  await assert.rejects(put(dir, 'checkpoints/last.bin', 'new weights', async () => Promise.reject(new Error('killed'))), /killed/);
  const midway = (await readManifest(dir))!.files['checkpoints/last.bin'];
  assert.deepEqual(midway.next, digestOf('new weights'));
  await verifyRunFile(dir, 'checkpoints/last.bin');
  // Had it died just after the rename, the new file verifies under `next`.
  await rename(path.join(dir, 'checkpoints/last.bin.new'), path.join(dir, 'checkpoints/last.bin'));
  await verifyRunFile(dir, 'checkpoints/last.bin');
  assert.notEqual(await readFile(path.join(dir, 'manifest.json'), 'utf8'), saved);
});

test('a folder replaced as a whole drops its stale entries; other entries stay', async () => {
  const dir = await runDir();
  await put(dir, 'checkpoints/best.bin', 'b');
  await mkdir(path.join(dir, 'tfjs'));
  await writeFile(path.join(dir, 'tfjs', 'group1-shard1of1.bin'), 'w');
  await commitWithManifest(dir, { 'tfjs/group1-shard1of1.bin': digestOf('w') }, async () => {}, 'tfjs/');
  await writeFile(path.join(dir, 'tfjs', 'weights.bin'), 'v');
  await commitWithManifest(dir, { 'tfjs/weights.bin': digestOf('v') }, async () => {}, 'tfjs/');
  assert.deepEqual(Object.keys((await readManifest(dir))!.files).sort(), ['checkpoints/best.bin', 'tfjs/weights.bin']);
});

test('a manifest that is not JSON is reported, naming it', async () => {
  const dir = await runDir();
  await writeFile(path.join(dir, 'manifest.json'), '{"format": "nlp-stu');
  await assert.rejects(verifyRunFile(dir, 'x'), (e: unknown) => e instanceof StudioError && e.name === 'CorruptFileError' && e.file === path.join(dir, 'manifest.json'));
});
