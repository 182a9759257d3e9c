// The CLI as scripts use it: a separate process, flags, --json on the last stdout line, errors on stderr with a
// non-zero exit. Runs the TypeScript entry through tsx (the built dist/cli/index.cjs is the same code bundled).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from './run-cli.ts';
import { readWord2Vec } from '../../engine/models/word2vec/formats.ts';

/** Two topics with disjoint vocabularies: a trained model must keep each word's neighbours in its own topic. */
function topicCorpus(): string {
  const animals = ['cat', 'dog', 'horse', 'cow', 'sheep', 'goat', 'pig', 'duck'];
  const metals = ['iron', 'copper', 'zinc', 'gold', 'silver', 'tin', 'lead', 'nickel'];
  let seed = 7;
  // The high bits of an LCG: its low bits cycle with tiny periods.
  const pick = (xs: string[]) => xs[((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16) % xs.length];
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const topic = i % 2 === 0 ? animals : metals;
    lines.push(Array.from({ length: 10 }, () => pick(topic)).join(' '));
  }
  return lines.join('\n') + '\n';
}

test('import → train → neighbors → analogy → export, with --json', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-'));
  const workspace = path.join(dir, 'ws');
  const corpus = path.join(dir, 'topics.txt');
  await writeFile(corpus, topicCorpus());

  const imported = await cli(['import', corpus, '--json', '--workspace', workspace]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual([imported.json.documents, imported.json.tokens, imported.json.vocabSize, imported.json.encoding], [3000, 30000, 16, 'utf-8']);
  assert.equal(imported.json.topWords.length, 16);

  const out = path.join(dir, 'run');
  const trained = await cli(['train', 'word2vec', '--corpus', corpus, '--dim', '20', '--epochs', '3', '--min-count', '1', '--seed', '3', '--out', out, '--json', '--workspace', workspace]);
  assert.equal(trained.code, 0, trained.stderr);
  assert.equal(trained.json.vocabSize, 16);
  assert.equal(trained.json.dim, 20);
  assert.equal(trained.json.outDir, out);
  assert.ok(trained.json.seconds > 0 && trained.json.wordsPerSec > 0);
  assert.ok((await readdir(out)).includes('run.json'));

  // Hierarchical softmax alone (no negative sampling) learns the same structure.
  const hsOut = path.join(dir, 'run-hs');
  const hs = await cli(['train', 'word2vec', '--corpus', corpus, '--dim', '20', '--epochs', '3', '--min-count', '1', '--hs', '--negative', '0', '--out', hsOut, '--json', '--workspace', workspace]);
  assert.equal(hs.code, 0, hs.stderr);
  const hsNear = await cli(['neighbors', '--model', hsOut, 'iron', '--top', '7', '--json']);
  const metals = new Set(['copper', 'zinc', 'gold', 'silver', 'tin', 'lead', 'nickel']);
  assert.equal(hsNear.json.neighbors.filter((n: { word: string }) => metals.has(n.word)).length, 7, JSON.stringify(hsNear.json.neighbors));
  const neither = await cli(['train', 'word2vec', '--corpus', corpus, '--negative', '0', '--workspace', workspace]);
  assert.match(neither.stderr, /negative sampling.*hierarchical softmax/);

  const near = await cli(['neighbors', '--model', out, 'cat', '--top', '7', '--json']);
  assert.equal(near.code, 0, near.stderr);
  const animals = new Set(['dog', 'horse', 'cow', 'sheep', 'goat', 'pig', 'duck']);
  assert.equal(near.json.neighbors.filter((n: { word: string }) => animals.has(n.word)).length, 7, JSON.stringify(near.json.neighbors));

  const analogy = await cli(['analogy', '--model', out, 'iron', 'cat', 'dog', '--json']);
  assert.equal(analogy.code, 0, analogy.stderr);
  assert.equal(analogy.json.answers.length, 10);

  for (const format of ['word2vec-text', 'word2vec-bin'] as const) {
    const file = path.join(dir, `vectors-${format}`);
    const exported = await cli(['export', '--model', out, '--format', format, '--to', file]);
    assert.equal(exported.code, 0, exported.stderr);
    const kv = await readWord2Vec(file, { binary: format === 'word2vec-bin' });
    assert.deepEqual([kv.words.length, kv.dim], [16, 20]);
  }
});

test('errors go to stderr with a non-zero exit and name what is wrong', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-err-'));
  const missing = await cli(['import', path.join(dir, 'nope.txt'), '--workspace', dir]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /nope\.txt/);

  const binary = path.join(dir, 'data.bin');
  await writeFile(binary, Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 31) % 256)));
  const bin = await cli(['import', binary, '--workspace', dir]);
  assert.notEqual(bin.code, 0);
  assert.match(bin.stderr, /data\.bin.*binary/);
  // Refused while the file is identified, before the workspace is even opened: no corpus, at most an empty folder.
  assert.deepEqual(await readdir(path.join(dir, 'corpora')).catch(() => []), [], 'nothing was added to the workspace');

  const flag = await cli(['train', 'word2vec', '--corpus', binary, '--dimension', '5', '--workspace', dir]);
  assert.notEqual(flag.code, 0);
  assert.match(flag.stderr, /dimension/);

  const badValue = await cli(['train', 'word2vec', '--corpus', binary, '--dim', 'ten', '--workspace', dir]);
  assert.match(badValue.stderr, /--dim must be an integer ≥ 1 and ≤ 1000 \(got ten\)/);

  const unknown = await cli(['frobnicate']);
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /Unknown command "frobnicate"/);
});

test('doctor reports the chosen backend and why the others were not used', async () => {
  const doctor = await cli(['doctor', '--json', '--workspace', os.tmpdir()]);
  assert.equal(doctor.code, 0, doctor.stderr);
  const report = doctor.json.backend;
  assert.ok(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'].includes(report.chosen));
  assert.equal(report.attempts.at(-1).ok, true);
  assert.ok(report.attempts.slice(0, -1).every((a: { ok: boolean; reason: string }) => !a.ok && a.reason.length > 0));
  const forced = await cli(['doctor', '--json', '--backend', 'cpu', '--workspace', os.tmpdir()]);
  assert.equal(forced.json.backend.chosen, 'cpu');
  assert.equal(forced.json.backend.forced, 'cpu');
});
