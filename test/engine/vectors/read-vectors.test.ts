import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StudioError } from '../../../contract/errors.ts';
import { readPretrainedVectors } from '../../../engine/vectors/read-vectors.ts';
import { sniffVectors } from '../../../engine/vectors/sniff.ts';
import { KeyedVectors } from '../../../engine/models/word2vec/keyed-vectors.ts';
import { readWord2Vec, writeWord2VecBinary, writeWord2VecText } from '../../../engine/models/word2vec/formats.ts';

const fixture = (name: string) => new URL(`../../fixtures/vectors/${name}`, import.meta.url).pathname;
const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'vectors-read-'));

async function temp(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(await tempDir(), name);
  await writeFile(file, content);
  return file;
}

/** Rejects with an ImportError whose message names the file and line, and whose data carries them. */
async function rejectsAt(promise: Promise<unknown>, fileName: string, line: number | undefined, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof StudioError, String(error));
    assert.equal(error.name, 'ImportError', error.message);
    assert.equal(error.file, fileName);
    assert.equal(error.line, line, error.message);
    if (line !== undefined) assert.ok(error.message.startsWith(`${fileName}, line ${line}: `), error.message);
    assert.match(error.message, pattern);
    return true;
  });
}

function sample(): KeyedVectors {
  const words = ['the', 'café', '日本', 'x', 'naïve'];
  const dim = 6;
  let s = 5;
  const vectors = Float32Array.from({ length: words.length * dim }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s / 2 ** 32 - 0.5) * 3;
  });
  return new KeyedVectors(words, new Float64Array(words.length), dim, vectors);
}

test('fastText .vec (word2vec text) and GloVe fixtures: same words and vectors as gensim wrote them', async () => {
  const expected = JSON.parse(await readFile(fixture('expected.json'), 'utf8'));
  const vec = await readPretrainedVectors(fixture('tiny.vec'));
  const glove = await readPretrainedVectors(fixture('tiny.glove.txt'));
  const reference = await readWord2Vec(fixture('tiny.vec'));
  assert.equal(vec.format, 'word2vec-text');
  assert.equal(glove.format, 'glove');
  for (const r of [vec, glove]) {
    assert.deepEqual(r.kv.words, expected.words);
    assert.equal(r.kv.dim, expected.dim);
    assert.deepEqual(r.kv.vectors, reference.vectors);
    assert.deepEqual([...r.kv.counts], new Array(expected.words.length).fill(0));
    assert.equal(r.duplicates, 0);
  }
});

test('binary files, with word2vec.c\'s newline after each vector or without (gensim), read exactly; auto detects each layout', async () => {
  const kv = sample();
  const dir = await tempDir();
  const bin = path.join(dir, 'v.bin');
  const txt = path.join(dir, 'v.txt');
  await writeWord2VecBinary(kv, bin);
  await writeWord2VecText(kv, txt);
  // gensim's layout: no "\n" after the vectors.
  const rowBytes = kv.dim * 4;
  const parts: Buffer[] = [Buffer.from(`${kv.size} ${kv.dim}\n`)];
  kv.words.forEach((w, i) => parts.push(Buffer.from(`${w} `), Buffer.from(kv.vectors.buffer, i * rowBytes, rowBytes)));
  const gensimBin = path.join(dir, 'gensim.bin');
  await writeFile(gensimBin, Buffer.concat(parts));
  for (const [file, format] of [[bin, 'word2vec-bin'], [gensimBin, 'word2vec-bin'], [txt, 'word2vec-text']] as const) {
    for (const chunkSize of [undefined, 7]) {
      const r = await readPretrainedVectors(file, chunkSize ? { chunkSize } : {});
      assert.equal(r.format, format);
      assert.deepEqual(r.kv.words, kv.words);
      assert.deepEqual(r.kv.vectors, kv.vectors, `${file} chunk ${chunkSize}`);
    }
  }
  assert.equal((await sniffVectors(bin, 'v.bin', 'auto')).format, 'word2vec-bin');
});

test('lines longer than the read buffer, CRLF line ends, blank lines and a last line without a newline', async () => {
  const dim = 50;
  const line = (w: string, k: number) => `${w} ${Array.from({ length: dim }, (_, c) => ((c * k) % 7) / 8).join(' ')}`;
  const text = `3 ${dim}\r\n${line('a', 1)}\r\n\r\n${line('b', 2)}  \n${line('c', 3)}`;
  const file = await temp('long.vec', text);
  for (const chunkSize of [16, 64, 4 << 20]) {
    const { kv } = await readPretrainedVectors(file, { chunkSize });
    assert.deepEqual(kv.words, ['a', 'b', 'c']);
    assert.deepEqual([...kv.vector('c').slice(0, 4)], [0, 3 / 8, 6 / 8, 2 / 8]);
  }
});

test('a UTF-8 byte order mark is skipped in every text layout', async () => {
  const bom = '\uFEFF';
  assert.deepEqual((await readPretrainedVectors(await temp('bom.vec', `${bom}2 2\na 1 2\nb 3 4\n`))).kv.words, ['a', 'b']);
  const glove = await readPretrainedVectors(await temp('bom.txt', `${bom}a 1 2\nb 3 4\n`));
  assert.deepEqual([glove.format, glove.kv.words], ['glove', ['a', 'b']]);
});

test('GloVe: the dimension comes from the first line; the array grows when the size estimate falls short', async () => {
  // A long first line makes the estimate by bytes per line far too small for the short lines after it.
  const first = `first ${Array.from({ length: 4 }, () => '0.1234567890123456789012345678901234567890').join(' ')}`;
  const rest = Array.from({ length: 5000 }, (_, i) => `w${i} ${i} 1 2 -3`);
  const file = await temp('grow.txt', [first, ...rest].join('\n') + '\n');
  const { kv, format } = await readPretrainedVectors(file, { chunkSize: 1024 });
  assert.equal(format, 'glove');
  assert.equal(kv.size, 5001);
  assert.equal(kv.dim, 4);
  assert.equal(kv.vectors.length, 5001 * 4);
  assert.deepEqual([...kv.vector('w4999')], [4999, 1, 2, -3]);
  assert.equal(kv.vector('first')[0], Math.fround(0.123456789));
});

test('maxWords keeps the first N words of every layout', async () => {
  const kv = sample();
  const dir = await tempDir();
  await writeWord2VecBinary(kv, path.join(dir, 'v.bin'));
  await writeWord2VecText(kv, path.join(dir, 'v.txt'));
  const glove = (await readFile(path.join(dir, 'v.txt'), 'utf8')).split('\n').slice(1).join('\n');
  await writeFile(path.join(dir, 'g.txt'), glove);
  for (const name of ['v.bin', 'v.txt', 'g.txt']) {
    const r = await readPretrainedVectors(path.join(dir, name), { maxWords: 2 });
    assert.deepEqual(r.kv.words, ['the', 'café'], name);
    assert.deepEqual(r.kv.vectors, kv.vectors.slice(0, 2 * kv.dim), name);
  }
});

test('a repeated word keeps its first vector (as gensim does); the copies are counted', async () => {
  const file = await temp('dup.txt', 'a 1 2\nb 3 4\na 5 6\nc 7 8\n');
  const r = await readPretrainedVectors(file);
  assert.deepEqual(r.kv.words, ['a', 'b', 'c']);
  assert.deepEqual([...r.kv.vectors], [1, 2, 3, 4, 7, 8]);
  assert.equal(r.duplicates, 1);
  const limited = await readPretrainedVectors(file, { maxWords: 3 });
  assert.deepEqual(limited.kv.words, ['a', 'b', 'c']);
});

test('binary words that are not UTF-8 are read as Latin-1, word by word', async () => {
  const f32 = (...xs: number[]) => Buffer.from(Float32Array.from(xs).buffer);
  const bytes = Buffer.concat([Buffer.from('2 2\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20]), f32(1, 2), Buffer.from('\n'), Buffer.from('naïve ', 'utf8'), f32(3, 4)]);
  const r = await readPretrainedVectors(await temp('latin1.bin', bytes));
  assert.equal(r.format, 'word2vec-bin');
  assert.deepEqual(r.kv.words, ['café', 'naïve']);
  assert.equal(r.latin1Words, 1);
});

test('damaged files: ImportError naming the file and the line', async () => {
  await rejectsAt(readPretrainedVectors(await temp('few.txt', 'a 1 2 3\nb 1 2\n')), 'few.txt', 2, /expected "b" and 3 numbers, found 2 numbers/);
  await rejectsAt(readPretrainedVectors(await temp('many.vec', '2 2\na 1 2\nb 1 2 3\n')), 'many.vec', 3, /found 3 numbers/);
  await rejectsAt(readPretrainedVectors(await temp('nan.txt', 'a 1 2\nb 1 x2\n')), 'nan.txt', 2, /"x2" is not a number/);
  await rejectsAt(readPretrainedVectors(await temp('short.vec', '4 2\na 1 2\nb 1 2\n')), 'short.vec', 4, /ends after 2 of the 4 vectors its header announces/);
  await rejectsAt(readPretrainedVectors(await temp('cut.vec', '2 3\na 1 2 3\nb 1 2')), 'cut.vec', 3, /found 2 numbers \(truncated\?\)/);
  await rejectsAt(readPretrainedVectors(await temp('space.txt', 'a 1 2\n 1 2\n')), 'space.txt', 2, /word is empty/);
  // Binary cut inside a vector, and after a whole one.
  const f32 = (...xs: number[]) => Buffer.from(Float32Array.from(xs).buffer);
  const whole = Buffer.concat([Buffer.from('3 2\n'), Buffer.from('a '), f32(1, 2), Buffer.from('\nb '), f32(3, 4)]);
  await rejectsAt(readPretrainedVectors(await temp('cut.bin', whole.subarray(0, whole.length - 3))), 'cut.bin', 3, /ends inside the vector of word 2 of 3/);
  await rejectsAt(readPretrainedVectors(await temp('short.bin', whole)), 'short.bin', 4, /ends after 2 of the 3 vectors/);
  // The file name the user knows is what errors say (uploads live under random names).
  await rejectsAt(readPretrainedVectors(await temp('u-123.txt', 'a 1\nb\n'), { fileName: 'glove.6B.50d.txt' }), 'glove.6B.50d.txt', 2, /expected "b" and 1 number, found 0 numbers/);
});

test('the wrong layout or no vectors at all: a clear ImportError before anything is read', async () => {
  const glove = await temp('g.txt', 'a 1 2\nb 3 4\n');
  const vec = await temp('v.vec', '2 2\na 1 2\nb 3 4\n');
  await rejectsAt(readPretrainedVectors(glove, { format: 'word2vec-text' }), 'g.txt', 1, /expected a header .* choose glove or auto/);
  await rejectsAt(readPretrainedVectors(vec, { format: 'glove' }), 'v.vec', 1, /"2 2" is a word2vec\/fastText header/);
  await rejectsAt(readPretrainedVectors(await temp('empty.txt', '')), 'empty.txt', undefined, /empty.txt is empty/);
  await rejectsAt(readPretrainedVectors(await temp('prose.txt', 'It was a dark and stormy night.\n')), 'prose.txt', 1, /expected a word followed by/);
  await rejectsAt(readPretrainedVectors(await temp('blob.bin', Buffer.from([0, 1, 2, 3, 0x80, 0xff, 10, 1]))), 'blob.bin', undefined, /not a vectors file: it holds binary data but no word2vec header/);
  await rejectsAt(readPretrainedVectors(await temp('dim.vec', '10 0\n')), 'dim.vec', 1, /0 dimensions/);
  await rejectsAt(readPretrainedVectors(await temp('blank.vec', '2 2\n\n\n')), 'blank.vec', 4, /ends after 0 of the 2 vectors/);
  await assert.rejects(readPretrainedVectors('/nonexistent/vectors.txt'), { name: 'NotFoundError' });
});

test('explicit formats are honoured: a fastText .vec read as word2vec-text, a binary file as word2vec-bin', async () => {
  const vec = await readPretrainedVectors(fixture('tiny.vec'), { format: 'word2vec-text' });
  assert.equal(vec.format, 'word2vec-text');
  const dir = await tempDir();
  await writeWord2VecBinary(sample(), path.join(dir, 'v.bin'));
  assert.equal((await readPretrainedVectors(path.join(dir, 'v.bin'), { format: 'word2vec-bin' })).kv.size, 5);
});

test('progress reports bytes read; an aborted signal stops the read with CancelledError', async () => {
  const lines = Array.from({ length: 3000 }, (_, i) => `w${i} 0.1 0.2 0.3`).join('\n');
  const file = await temp('p.txt', lines);
  const seen: number[] = [];
  await readPretrainedVectors(file, { chunkSize: 4096, onProgress: (p) => seen.push(p.bytesRead) });
  assert.ok(seen.length > 5);
  assert.equal(seen.at(-1), Buffer.byteLength(lines));
  assert.deepEqual(seen, [...seen].sort((a, b) => a - b));
  const controller = new AbortController();
  await assert.rejects(
    readPretrainedVectors(file, { chunkSize: 4096, signal: controller.signal, onProgress: () => controller.abort() }),
    { name: 'CancelledError' },
  );
});
