// Folder drops in the browser: walked through fake File System entries shaped like Chromium's (readEntries in
// batches, then an empty batch).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectFiles } from '../../renderer/src/lib/dropped-files.ts';

function fileEntry(name: string) {
  return { name, isFile: true, isDirectory: false, file: (ok: (f: File) => void) => ok(new File([name], name)) };
}
function dirEntry(name: string, children: unknown[]) {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      const batches = [children.slice(0, 2), children.slice(2), []];
      return { readEntries: (ok: (e: unknown[]) => void) => ok(batches.shift() ?? []) };
    },
  };
}

test('a dropped folder yields its files, sorted, recursively, hidden ones skipped', async () => {
  const tree = dirEntry('corpus', [fileEntry('b.txt'), fileEntry('.DS_Store'), dirEntry('sub', [fileEntry('c.csv')]), fileEntry('a.txt'), dirEntry('.git', [fileEntry('HEAD')])]);
  const files = await collectFiles({ kind: 'entries', entries: [tree, fileEntry('top.jsonl')] as unknown as FileSystemEntry[] });
  assert.deepEqual(files.map((f) => f.name), ['a.txt', 'b.txt', 'c.csv', 'top.jsonl']);
});

test('plain file drops pass through untouched', async () => {
  const files = [new File(['x'], 'x.txt')];
  assert.equal((await collectFiles({ kind: 'files', files }))[0], files[0]);
});
