import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OpenedFiles, filesFromArgv } from '../../main/opened-files.ts';

test("a launch's file arguments are the existing files, not switches, the app script or the workspace folder", () => {
  const existing = new Set(['/home/u/corpus.txt', '/home/u/pairs.tsv', '/work/rel.csv']);
  const isFile = (p: string) => existing.has(p);
  const argv = ['/opt/NLP Studio/nlp-studio', '--allow-file-access-from-files', '/home/u/corpus.txt', 'rel.csv', '--workspace', '/home/u/ws', 'missing.txt', '/home/u/corpus.txt', 'dist/main/index.cjs', '/home/u/pairs.tsv'];
  assert.deepEqual(filesFromArgv(argv, '/work', isFile), ['/home/u/corpus.txt', '/work/rel.csv', '/home/u/pairs.tsv']);
  assert.deepEqual(filesFromArgv(['/usr/bin/electron', '.'], '/work', () => false), []);
});

test('files opened before the window is ready wait for it; later ones go straight through', () => {
  const opened = new OpenedFiles();
  opened.add(['/a.txt']);
  opened.add(['/a.txt', '/b.txt']);
  opened.add([]);
  const delivered: string[][] = [];
  opened.ready((paths) => delivered.push(paths));
  opened.add(['/c.txt']);
  assert.deepEqual(delivered, [['/a.txt', '/b.txt'], ['/c.txt']]);
});
