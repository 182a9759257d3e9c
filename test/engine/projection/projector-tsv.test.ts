import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exportFileName, writeVectorFile } from '../../../engine/export/export-store.ts';
import { KeyedVectors } from '../../../engine/models/word2vec/keyed-vectors.ts';
import { writeProjectorMetadata, writeProjectorVectors } from '../../../engine/projection/projector-tsv.ts';

const kv = new KeyedVectors(['the', 'naïve', '新闻', 'odd\tword'], Float64Array.from([120, 7, 3, 1]), 3, Float32Array.from([0.1, -2, 3.5, 0, 1e-7, -0.25, 1, 1, 1, -0, 0.333333343, 42]));

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'nlp-projector-'));
}

test('projector vectors: one row per word, tab-separated float32 values, no header', async () => {
  const dir = await tempDir();
  try {
    const file = path.join(dir, 'v.tsv');
    await writeProjectorVectors(kv, file);
    const text = await readFile(file, 'utf8');
    assert.equal(text, '0.1\t-2\t3.5\n0\t1e-7\t-0.25\n1\t1\t1\n-0\t0.33333334\t42\n');
    // Every value reads back as the same float32.
    const back = text.trim().split('\n').flatMap((line) => line.split('\t').map(Number));
    assert.deepEqual(Float32Array.from(back), kv.vectors);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('projector metadata: a word/count header, then one row per word in the vectors’ order', async () => {
  const dir = await tempDir();
  try {
    const file = path.join(dir, 'm.tsv');
    await writeProjectorMetadata(kv, file);
    const text = await readFile(file, 'utf8');
    // A tab inside a word would shift the table: it becomes a space, so row i still describes vector i.
    assert.equal(text, 'word\tcount\nthe\t120\nnaïve\t7\n新闻\t3\nodd word\t1\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('writeVectorFile dispatches every VectorFormat, and the two TSV exports get telling names', async () => {
  const dir = await tempDir();
  try {
    await writeVectorFile(new KeyedVectors(['a'], Float64Array.from([1]), 1, Float32Array.from([1])), 'word2vec-text', path.join(dir, 'word2vec-text'));
    await writeVectorFile(kv, 'projector-vectors', path.join(dir, 'projector-vectors'));
    await writeVectorFile(kv, 'projector-metadata', path.join(dir, 'projector-metadata'));
    assert.equal(await readFile(path.join(dir, 'word2vec-text'), 'utf8'), '1 1\na 1\n');
    assert.equal((await readFile(path.join(dir, 'projector-vectors'), 'utf8')).split('\n').length, kv.size + 1);
    assert.equal((await readFile(path.join(dir, 'projector-metadata'), 'utf8')).split('\n').length, kv.size + 2);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.equal(exportFileName('word2vec · brown.txt', 'projector-vectors'), 'word2vec-brown-vectors.tsv');
  assert.equal(exportFileName('word2vec · brown.txt', 'projector-metadata'), 'word2vec-brown-metadata.tsv');
});
