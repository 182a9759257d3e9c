import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KeyedVectors } from '../../../../engine/models/word2vec/keyed-vectors.ts';
import { loadWord2VecModel, saveWord2VecModel } from '../../../../engine/models/word2vec/model-store.ts';
import { StudioError } from '../../../../contract/errors.ts';

const sample = () => new KeyedVectors(['the', 'café', 'x'], Float64Array.from([30, 7, 5]), 2, Float32Array.from([0.1, -0.2, 0.3, 0.4, -0.5, 0.6]));

test('save/load keeps words, counts and exact vectors; only the two files and the manifest, no temporaries left', async () => {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'w2v-store-')), 'model');
  await saveWord2VecModel(dir, sample());
  assert.deepEqual((await readdir(dir)).sort(), ['manifest.json', 'vectors.bin', 'vocab.tsv']);
  assert.equal(await readFile(path.join(dir, 'vocab.tsv'), 'utf8'), 'the\t30\ncafé\t7\nx\t5\n');
  const back = await loadWord2VecModel(dir);
  assert.deepEqual(back.words, ['the', 'café', 'x']);
  assert.deepEqual([...back.counts], [30, 7, 5]);
  assert.deepEqual(back.vectors, sample().vectors);
  assert.deepEqual(back.vocabulary('c', 5).words, [{ word: 'café', count: 7 }]);
});

test('a vocab.tsv that does not match vectors.bin is an ImportError at its line; a missing model is NotFoundError', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'w2v-store-'));
  await saveWord2VecModel(dir, sample());
  await rm(path.join(dir, 'manifest.json')); // a model saved before manifests: its files are read unchecked
  await writeFile(path.join(dir, 'vocab.tsv'), 'the\t30\ncafe\t7\nx\t5\n');
  await assert.rejects(loadWord2VecModel(dir), (e: unknown) => e instanceof StudioError && e.name === 'ImportError' && e.line === 2 && e.file === path.join(dir, 'vocab.tsv'));
  await writeFile(path.join(dir, 'vocab.tsv'), 'the\t30\ncafé\t7\n');
  await assert.rejects(loadWord2VecModel(dir), (e: unknown) => e instanceof StudioError && e.name === 'ImportError' && e.line === 3);
  await assert.rejects(loadWord2VecModel(path.join(dir, 'nothing')), (e: unknown) => e instanceof StudioError && e.name === 'NotFoundError');
});

test('a vectors.bin or vocab.tsv changed after saving is named as corrupt by its checksum, never loaded', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'w2v-store-'));
  await saveWord2VecModel(dir, sample());
  const vectors = await readFile(path.join(dir, 'vectors.bin'));
  const flipped = Buffer.from(vectors);
  flipped[flipped.length - 2] ^= 0x40;
  await writeFile(path.join(dir, 'vectors.bin'), flipped);
  await assert.rejects(loadWord2VecModel(dir), (e: unknown) => e instanceof StudioError && e.name === 'CorruptFileError' && /^vectors\.bin is corrupt: checksum mismatch/.test(e.message) && e.file === path.join(dir, 'vectors.bin'));
  await writeFile(path.join(dir, 'vectors.bin'), vectors.subarray(0, 20));
  await assert.rejects(loadWord2VecModel(dir), /vectors\.bin is corrupt: it is 20 bytes/);
  await writeFile(path.join(dir, 'vectors.bin'), vectors);
  assert.deepEqual((await loadWord2VecModel(dir)).words, ['the', 'café', 'x']);
  await writeFile(path.join(dir, 'vocab.tsv'), 'the\t31\ncafé\t7\nx\t5\n');
  await assert.rejects(loadWord2VecModel(dir), /vocab\.tsv is corrupt/);
});
