// Lookups use the model's own normalisation: a word2vec run on a lower-cased corpus finds "King"; imported vectors
// that keep case tell "King" from "king". As scripts see it: a separate process, --json, errors on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from './run-cli.ts';

/** Royals and metals in capitalised sentences: after lower-casing, each word's neighbours are its own topic's. */
function royalCorpus(): string {
  const royals = ['King', 'Queen', 'Prince', 'Princess', 'Duke', 'Duchess'];
  const metals = ['Iron', 'Copper', 'Zinc', 'Gold', 'Silver', 'Tin'];
  let seed = 11;
  const pick = (xs: string[]) => xs[((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16) % xs.length];
  const lines: string[] = [];
  for (let i = 0; i < 2000; i++) lines.push(Array.from({ length: 8 }, () => pick(i % 2 === 0 ? royals : metals)).join(' ') + '.');
  return lines.join('\n') + '\n';
}

test('neighbors --model RUN King on a lower-cased word2vec run answers for "king"; a miss says what it looked up', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-lookups-'));
  const workspace = path.join(dir, 'ws');
  const corpus = path.join(dir, 'royals.txt');
  await writeFile(corpus, royalCorpus());
  const trained = await cli(['train', 'word2vec', '--corpus', corpus, '--dim', '16', '--epochs', '3', '--min-count', '1', '--seed', '3', '--json', '--workspace', workspace]);
  assert.equal(trained.code, 0, trained.stderr);
  const runId = trained.json.runId;
  assert.match(runId, /^r-/);

  const typed = await cli(['neighbors', '--model', runId, 'King', '--top', '5', '--json', '--workspace', workspace]);
  assert.equal(typed.code, 0, typed.stderr);
  const lower = await cli(['neighbors', '--model', runId, 'king', '--top', '5', '--json', '--workspace', workspace]);
  assert.deepEqual(typed.json.neighbors, lower.json.neighbors);
  const royals = new Set(['queen', 'prince', 'princess', 'duke', 'duchess']);
  assert.equal(typed.json.neighbors.filter((n: { word: string }) => royals.has(n.word)).length, 5, JSON.stringify(typed.json.neighbors));

  const similarity = await cli(['similarity', '--model', runId, 'KING', 'Queen', '--json', '--workspace', workspace]);
  assert.equal(similarity.code, 0, similarity.stderr);
  assert.ok(similarity.json.score > 0.5, String(similarity.json.score));
  const analogy = await cli(['analogy', '--model', runId, 'King', 'Iron', 'Gold', '--json', '--workspace', workspace]);
  assert.equal(analogy.code, 0, analogy.stderr);

  const missing = await cli(['neighbors', '--model', runId, 'Kingdom', '--workspace', workspace]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /"Kingdom" is not in the vocabulary \(looked up "kingdom"\)/);
});

test('imported vectors that keep case: "King" and "king" are different words, and "KING" is not lower-cased', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-lookups-cased-'));
  const workspace = path.join(dir, 'ws');
  const file = path.join(dir, 'cased.vec');
  await writeFile(file, '4 3\nKing 1 0 0\nking 0 1 0\nmonarch 0.9 0.1 0\nlion 0 0.9 0.1\n');
  const imported = await cli(['import-vectors', file, '--json', '--workspace', workspace]);
  assert.equal(imported.code, 0, imported.stderr);
  const runId = imported.json.runId;
  const upper = await cli(['neighbors', '--model', runId, 'King', '--top', '1', '--json', '--workspace', workspace]);
  const lower = await cli(['neighbors', '--model', runId, 'king', '--top', '1', '--json', '--workspace', workspace]);
  assert.deepEqual([upper.json.neighbors[0].word, lower.json.neighbors[0].word], ['monarch', 'lion']);
  const shout = await cli(['neighbors', '--model', runId, 'KING', '--workspace', workspace]);
  assert.notEqual(shout.code, 0);
  assert.match(shout.stderr, /"KING" is not in the vocabulary$/m);
});
