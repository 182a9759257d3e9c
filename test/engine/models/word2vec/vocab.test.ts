import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MAX_SENTENCE_LENGTH, readCorpus } from '../../../../engine/models/word2vec/corpus.ts';
import { batchEnd } from '../../../../engine/models/word2vec/sgns.ts';
import { buildVocab, drawNoise, keepProbability, keepThresholds, noiseTable } from '../../../../engine/models/word2vec/vocab.ts';
import { StudioError } from '../../../../contract/errors.ts';

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'w2v-vocab-'));
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

test('readCorpus: ids by first occurrence, counts, one sentence per non-empty line, CRLF and extra spaces tolerated', async () => {
  const file = await tempFile('t.txt', 'b a b\r\n\nc  b\na');
  const corpus = await readCorpus(file);
  assert.deepEqual(corpus.words, ['b', 'a', 'c']);
  assert.deepEqual([...corpus.counts], [3, 2, 1]);
  assert.deepEqual([...corpus.tokens], [0, 1, 0, 2, 0, 1]);
  assert.deepEqual([...corpus.sentenceStarts], [0, 3, 5, 6]);
});

test('readCorpus: a line longer than MAX_SENTENCE_LENGTH is cut into sentences of that length', async () => {
  const n = MAX_SENTENCE_LENGTH * 2 + 5;
  const corpus = await readCorpus(await tempFile('long.txt', Array.from({ length: n }, (_, i) => `w${i % 7}`).join(' ') + '\nx y\n'));
  assert.deepEqual([...corpus.sentenceStarts], [0, MAX_SENTENCE_LENGTH, 2 * MAX_SENTENCE_LENGTH, n, n + 2]);
});

test('readCorpus: a missing file is a NotFoundError', async () => {
  await assert.rejects(readCorpus('/nonexistent/tokens.txt'), (e: unknown) => e instanceof StudioError && e.name === 'NotFoundError');
});

test('buildVocab: min-count, descending count, ties by first occurrence, corpus renumbered with -1 for dropped words', async () => {
  // counts: x 1, y 3, z 2, w 3, v 2 -> y(3) w(3) z(2) v(2); x dropped at minCount 2
  const corpus = await readCorpus(await tempFile('v.txt', 'x y z w\ny w v\nz v y w\n'));
  const vocab = buildVocab(corpus, 2);
  assert.deepEqual(vocab.words, ['y', 'w', 'z', 'v']);
  assert.deepEqual([...vocab.counts], [3, 3, 2, 2]);
  assert.deepEqual([...corpus.tokens], [-1, 0, 2, 1, 0, 1, 3, 2, 3, 0, 1]);
  assert.throws(() => buildVocab(corpus, 10), (e: unknown) => e instanceof StudioError && /empty/.test(e.message));
});

test('keepProbability: the word2vec.c / gensim formula (sqrt(f/t) + 1) * t / f, capped at 1', () => {
  // t = 1e-3 * 1e6 = 1000. f = 4000: (sqrt(4) + 1) * 1000 / 4000 = 0.75. f = 9000: (3 + 1) / 9 = 0.444…
  assert.equal(keepProbability(4000, 1e6, 1e-3), 0.75);
  assert.ok(Math.abs(keepProbability(9000, 1e6, 1e-3) - 4 / 9) < 1e-12);
  // f = t: (1 + 1) * 1 = 2 -> capped; rare words are always kept; sample 0 disables subsampling.
  assert.equal(keepProbability(1000, 1e6, 1e-3), 1);
  assert.equal(keepProbability(5, 1e6, 1e-3), 1);
  assert.equal(keepProbability(900000, 1e6, 0), 1);
  // Thresholds are p * (2^32 - 1) over the vocabulary total (here 4000 + 996000 = 1e6).
  const thresholds = keepThresholds(new Float64Array([4000, 996000]), 1e-3);
  assert.equal(thresholds[0], Math.round(0.75 * 0xffffffff));
  assert.equal(thresholds[1], Math.round(((Math.sqrt(996) + 1) / 996) * 0xffffffff));
});

test('noiseTable: alias table of count^0.75, hand-computed for two words', () => {
  // counts 16 and 1 -> weights 8 and 1 -> p = 8/9, 1/9; scaled by n = 2: 16/9, 2/9.
  // Column 1 (2/9 < 1) keeps itself with 2/9 and aliases to 0; column 0 ends full.
  const table = noiseTable(new Float64Array([16, 1]));
  assert.equal(table[0], 0xffffffff);
  assert.equal(table[1], 0);
  assert.ok(Math.abs(table[2] - (2 / 9) * 2 ** 32) <= 2);
  assert.equal(table[3], 0);
});

test('noiseTable + drawNoise: draw frequencies follow count^0.75', () => {
  const counts = new Float64Array([1000, 300, 50, 7, 1]);
  const table = noiseTable(counts);
  const weights = [...counts].map((c) => c ** 0.75);
  const z = weights.reduce((a, b) => a + b);
  // Exact probabilities from the table: column i gives i with thr/2^32 and its alias otherwise, each column 1/n.
  const exact = new Array(counts.length).fill(0);
  for (let i = 0; i < counts.length; i++) {
    const keep = table[2 * i] === 0xffffffff ? 1 : table[2 * i] / 2 ** 32;
    exact[i] += keep / counts.length;
    exact[table[2 * i + 1]] += (1 - keep) / counts.length;
  }
  exact.forEach((p, i) => assert.ok(Math.abs(p - weights[i] / z) < 1e-9, `word ${i}: ${p} vs ${weights[i] / z}`));
  // And drawNoise realises them (deterministic pseudo-random draws).
  const seen = new Array(counts.length).fill(0);
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
  const n = 200000;
  for (let k = 0; k < n; k++) seen[drawNoise(table, next(), next())]++;
  seen.forEach((s, i) => assert.ok(Math.abs(s / n - weights[i] / z) < 0.005, `word ${i}: ${s / n} vs ${weights[i] / z}`));
});

test('batchEnd: batches of at least 10000 words, never past the end', () => {
  const starts = Int32Array.from([0, 6000, 9000, 12000, 25000, 25001]);
  assert.equal(batchEnd(starts, 0, 5), 3); // 0..12000
  assert.equal(batchEnd(starts, 3, 5), 4); // 12000..25000
  assert.equal(batchEnd(starts, 4, 5), 5);
});
