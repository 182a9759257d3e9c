import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_RECENT, RecentWorkspaces, parseRecent, relaunchArgs, withRecent, workspaceFromArgv } from '../../main/recent-workspaces.ts';

test('the newest workspace comes first, once, and the list is capped', () => {
  assert.deepEqual(withRecent(['/a', '/b', '/c'], '/b'), ['/b', '/a', '/c']);
  assert.deepEqual(withRecent(['/a/'], '/a'), ['/a']);
  const many = Array.from({ length: 15 }, (_, i) => `/w${i}`);
  assert.equal(withRecent(many, '/new').length, MAX_RECENT);
  assert.deepEqual(parseRecent('["/a", 3, "relative", "/b"]'), ['/a', '/b']);
  assert.deepEqual(parseRecent('{broken'), []);
});

test('the recent list is kept on disk and leaves out folders that are gone', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recent-'));
  try {
    const [a, b] = [path.join(dir, 'a'), path.join(dir, 'b')];
    mkdirSync(a);
    mkdirSync(b);
    const recent = new RecentWorkspaces(path.join(dir, 'recent.json'));
    assert.deepEqual(recent.list(), []);
    await recent.add(a);
    await recent.add(b);
    assert.deepEqual(recent.list(), [b, a]);
    rmSync(a, { recursive: true });
    assert.deepEqual(recent.list(), [b]);
    await recent.clear();
    assert.deepEqual(recent.list(), []);
    writeFileSync(path.join(dir, 'recent.json'), 'not json');
    assert.deepEqual(recent.list(), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the workspace comes from --workspace, and a relaunch replaces it', () => {
  assert.equal(workspaceFromArgv(['app', '--workspace=/x/ws'], '/cwd'), '/x/ws');
  assert.equal(workspaceFromArgv(['app', '--workspace', 'rel'], '/cwd'), '/cwd/rel');
  assert.equal(workspaceFromArgv(['app', 'file.txt'], '/cwd'), null);
  assert.deepEqual(relaunchArgs(['.', '--workspace=/old', '--flag'], '/new'), ['.', '--flag', '--workspace=/new']);
  assert.deepEqual(relaunchArgs(['--workspace', '/old', 'x'], '/new'), ['x', '--workspace=/new']);
});
