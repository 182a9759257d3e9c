/**
 * `file.identify`: each kind from the file's bytes, whatever its name (a model zip, word2vec text and binary, a
 * fastText .vec, GloVe with spaces or tabs, a CSV / plain-text corpus, a folder), and the files that are none of
 * them (a cut-short zip, another zip, random binary, an empty file) answer `unknown` with a reason naming the file.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { StudioError } from '../../../contract/errors.ts';
import { identifyFile, importable } from '../../../engine/files/identify.ts';
import { zipStore } from '../export/legacy-zip-writer.ts';

const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-identify-'));
after(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, content);
  return target;
}
const text = (s: string) => new TextEncoder().encode(s);

/** A zip laid out as the export flow writes a model (names only matter here). */
const modelZip = () =>
  zipStore([
    { name: 'model/model.json', data: text('{"modelTopology":{}}') },
    { name: 'model/group1-shard1of1.bin', data: new Uint8Array(64) },
    { name: 'model/family.json', data: text('{"family":"rnn"}') },
    { name: 'model/MODEL_CARD.md', data: text('# A model') },
  ]);

/** word2vec.c's binary layout: header, then "word " and dim float32s per row. */
function word2vecBinary(words: string[], dim: number): Uint8Array {
  const parts: Buffer[] = [Buffer.from(`${words.length} ${dim}\n`)];
  words.forEach((w, i) => {
    const v = new Float32Array(dim).map((_, j) => Math.sin(i * 7 + j) * 0.3 - 0.01);
    parts.push(Buffer.from(`${w} `), Buffer.from(v.buffer), Buffer.from('\n'));
  });
  return Buffer.concat(parts);
}

test('an exported model zip is a model-zip, by its contents not its name', async () => {
  const id = await identifyFile(await file('download (3).bin', modelZip()), 'my-classifier.zip');
  assert.equal(id.kind, 'model-zip', id.reason);
  assert.equal(id.fileName, 'my-classifier.zip');
  assert.match(id.reason, /my-classifier\.zip .*model\/model\.json and model\/family\.json/);
  // Re-zipped by hand: the model's files at the top level.
  const flat = zipStore([{ name: 'model.json', data: text('{}') }, { name: 'sequence.json', data: text('{}') }]);
  assert.equal((await identifyFile(await file('flat.zip', flat))).kind, 'model-zip');
});

test('word2vec text, fastText .vec, word2vec binary and GloVe (spaces or tabs) are vectors', async () => {
  const w2v = await identifyFile(await file('w.txt', '3 4\nthe 0.1 0.2 0.3 0.4\nof -0.1 0.2 1e-3 0.4\ncat 1 2 3 4\n'));
  assert.equal(w2v.kind, 'vectors', w2v.reason);
  assert.match(w2v.reason, /word2vec text format.*"3 4".*3 words, 4 dimensions/);
  assert.equal((await identifyFile(await file('wiki.en.vec', '2 3\nking 0.5 0.1 -0.2\nqueen 0.4 0.2 -0.1\n'))).kind, 'vectors');
  const bin = await identifyFile(await file('vectors.bin', word2vecBinary(['king', 'queen', 'man', 'woman'], 8)));
  assert.equal(bin.kind, 'vectors', bin.reason);
  assert.match(bin.reason, /binary format/);
  const glove = await identifyFile(await file('glove.6B.50d.txt', 'the 0.418 0.24968 -0.41242\n, 0.013441 0.23682 -0.16899\nof 0.70853 0.57088 -0.4716\n'));
  assert.equal(glove.kind, 'vectors', glove.reason);
  assert.match(glove.reason, /GloVe.*3 numbers/);
  assert.equal((await identifyFile(await file('vectors.tsv', 'the\t0.1\t0.2\nof\t0.3\t0.4\n'))).kind, 'vectors');
});

test('text that only starts like vectors stays a corpus', async () => {
  // Two numbers on the first line, then prose: not a word2vec header.
  const prose = await identifyFile(await file('notes.txt', '12 34\nThe meeting starts at noon.\nBring the report.\n'));
  assert.equal(prose.kind, 'corpus', prose.reason);
  // A word and numbers, but not the same count on every line.
  assert.equal((await identifyFile(await file('scores.txt', 'alice 1 2\nbob 3\ncarol 4 5 6\n'))).kind, 'corpus');
  const csv = await identifyFile(await file('reviews.csv', 'text,label\ngreat film,pos\ndull plot,neg\n'));
  assert.equal(csv.kind, 'corpus', csv.reason);
  assert.match(csv.reason, /reviews\.csv is text/);
  await mkdir(path.join(dir, 'chapters'));
  await writeFile(path.join(dir, 'chapters', 'one.txt'), 'Call me Ishmael.');
  assert.equal((await identifyFile(path.join(dir, 'chapters'))).kind, 'corpus');
});

test('a cut-short zip, another zip, random binary and an empty file are unknown, the reason naming the file', async () => {
  const whole = modelZip();
  const cut = await identifyFile(await file('cut.zip', whole.subarray(0, Math.floor(whole.length * 0.6))), 'model-export.zip');
  assert.equal(cut.kind, 'unknown');
  assert.match(cut.reason, /model-export\.zip.*cut short/);

  const other = await identifyFile(await file('photos.zip', zipStore([{ name: 'a.jpg', data: new Uint8Array([1, 2, 3]) }])));
  assert.equal(other.kind, 'unknown');
  assert.match(other.reason, /photos\.zip is a zip archive, but not a model exported by NLP Studio/);

  // Seeded noise with control bytes, as any binary file has.
  let seed = 7;
  const noise = new Uint8Array(5000).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff);
  const binary = await identifyFile(await file('blob.dat', noise));
  assert.equal(binary.kind, 'unknown');
  assert.match(binary.reason, /^blob\.dat holds binary data/);

  const empty = await identifyFile(await file('empty.txt', ''));
  assert.deepEqual([empty.kind, empty.reason], ['unknown', 'empty.txt is empty']);

  // A command that imports whatever it is given turns `unknown` into an ImportError naming the file.
  assert.throws(() => importable(binary), (e) => e instanceof StudioError && e.name === 'ImportError' && e.file === 'blob.dat');
  assert.equal(importable({ kind: 'vectors', fileName: 'w.vec', reason: '' }), 'vectors');
});

test('a missing file is an ImportError naming it', async () => {
  await assert.rejects(identifyFile(path.join(dir, 'gone.zip'), 'gone.zip'), (e) => e instanceof StudioError && e.name === 'ImportError' && e.file === 'gone.zip');
});
