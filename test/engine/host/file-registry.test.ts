import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { FileRegistry } from '../../../engine/host/file-registry.ts';

test('isRegistered knows the files that have handles', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-registry-'));
  try {
    const registry = new FileRegistry(path.join(dir, '.uploads'));
    const picked = await registry.receive('a.txt', Buffer.from('hello'));
    const stored = registry.resolve(picked.handle).path;
    assert.equal(registry.isRegistered(stored), true);
    assert.equal(registry.isRegistered(path.join(dir, '.uploads', 'other.txt')), false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a disk that fills while a stream is stored says "disk full", not "interrupted", and leaves no file', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-registry-'));
  const original = fs.createWriteStream;
  // Every write goes to /dev/full, which fails with the kernel's own ENOSPC; the target file is still created.
  fs.createWriteStream = ((file: fs.PathLike, options?: object) => {
    fs.closeSync(fs.openSync(file, 'wx'));
    return original('/dev/full', { ...options, flags: 'w' });
  }) as typeof fs.createWriteStream;
  syncBuiltinESMExports();
  try {
    const registry = new FileRegistry(path.join(dir, '.uploads'));
    const body = Readable.from([Buffer.alloc(64 * 1024, 'x'), Buffer.alloc(64 * 1024, 'y')]);
    await assert.rejects(registry.receive('big.csv', body), (e: Error & { file?: string }) => {
      assert.equal(e.name, 'ImportError');
      assert.match(e.message, /^disk full: big\.csv could not be stored/);
      assert.equal(e.file, 'big.csv');
      return true;
    });
    assert.deepEqual(await readdir(path.join(dir, '.uploads')), []);
  } finally {
    fs.createWriteStream = original;
    syncBuiltinESMExports();
    await rm(dir, { recursive: true, force: true });
  }
});
