/**
 * A real full disk, not an injected error: a small tmpfs mounted in a private mount namespace (`unshare -rm`, no
 * root needed where unprivileged user namespaces are allowed; skipped where they are not) on which
 * disk-full-scenario.ts fills the disk and checks checkpoints, metrics, word2vec vectors and the run's status.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const scenario = path.join(import.meta.dirname, 'disk-full-scenario.ts');
const canMount = process.platform === 'linux' && spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs "$1"', 'sh', os.tmpdir()]).status === 0;

test('on a really full disk (an 8 MiB tmpfs) writes fail naming the file and the space, the last checkpoint stays, the run is marked failed', { skip: canMount ? false : 'cannot mount a tmpfs here (no user namespaces)', timeout: 120_000 }, async () => {
  const mountDir = await mkdtemp(path.join(os.tmpdir(), 'tmpfs-'));
  const script = `mount -t tmpfs -o size=8m tmpfs "$1" && exec "$2" --import tsx "$3" "$1"`;
  const result = spawnSync('unshare', ['-rm', 'sh', '-c', script, 'sh', mountDir, process.execPath, scenario], { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '../../..') });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /disk-full scenario: ok/);
  console.log(result.stdout);
});
