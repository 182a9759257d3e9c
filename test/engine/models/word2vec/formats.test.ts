import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatFloat32, readWord2Vec, writeWord2VecBinary, writeWord2VecText } from '../../../../engine/models/word2vec/formats.ts';
import { KeyedVectors } from '../../../../engine/models/word2vec/keyed-vectors.ts';
import { StudioError } from '../../../../contract/errors.ts';

const fixtures = new URL('../../../fixtures/word2vec/', import.meta.url);
const fixture = (name: string) => new URL(name, fixtures).pathname;
const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'w2v-formats-'));

/** Pseudo-random float32s of varied magnitude, including ones that need all 9 digits. */
function sampleVectors(): KeyedVectors {
  const words = ['the', 'café', 'naïve', '日本', 'x'];
  const dim = 7;
  let s = 99;
  const vectors = Float32Array.from({ length: words.length * dim }, (_, i) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return ((s / 2 ** 32 - 0.5) * 10 ** ((i % 9) - 5)) || 0;
  });
  vectors[3] = 0.5;
  vectors[4] = -0;
  return new KeyedVectors(words, Float64Array.from([5, 4, 3, 2, 1]), dim, vectors);
}

test('gensim text and binary fixtures read to the same words and values', async () => {
  const expected = JSON.parse(await readFile(fixture('expected.json'), 'utf8'));
  const text = await readWord2Vec(fixture('gensim.txt'));
  const binary = await readWord2Vec(fixture('gensim.bin'));
  const explicit = await readWord2Vec(fixture('gensim.bin'), { binary: true });
  for (const v of [text, binary, explicit]) {
    assert.deepEqual(v.words, expected.words);
    assert.equal(v.dim, expected.dim);
    for (const [word, values] of Object.entries(expected.vectors as Record<string, number[]>)) {
      assert.deepEqual([...v.vector(word)], values.map(Math.fround));
    }
  }
  assert.deepEqual(text.vectors, binary.vectors);
});

test('text and binary round trips are exact, including non-ASCII words', async () => {
  const dir = await tempDir();
  const original = sampleVectors();
  for (const [write, file] of [[writeWord2VecText, 'v.txt'], [writeWord2VecBinary, 'v.bin']] as const) {
    await write(original, path.join(dir, file));
    const back = await readWord2Vec(path.join(dir, file));
    assert.deepEqual(back.words, original.words);
    assert.equal(back.dim, original.dim);
    assert.deepEqual(back.vectors, original.vectors, file);
  }
});

test('the binary file is byte for byte word2vec.c: "V D\\n", then word, space, D float32 LE, "\\n"', async () => {
  const dir = await tempDir();
  const v = new KeyedVectors(['é', 'b'], Float64Array.from([2, 1]), 2, Float32Array.from([1, -2, 0.5, 3]));
  await writeWord2VecBinary(v, path.join(dir, 'v.bin'));
  const bytes = await readFile(path.join(dir, 'v.bin'));
  const f32 = (...xs: number[]) => {
    const b = Buffer.alloc(4 * xs.length);
    xs.forEach((x, i) => b.writeFloatLE(x, 4 * i));
    return b;
  };
  const expected = Buffer.concat([Buffer.from('2 2\n'), Buffer.from('é ', 'utf8'), f32(1, -2), Buffer.from('\n'), Buffer.from('b '), f32(0.5, 3), Buffer.from('\n')]);
  assert.deepEqual(bytes, expected);
  await writeWord2VecText(v, path.join(dir, 'v.txt'));
  assert.equal(await readFile(path.join(dir, 'v.txt'), 'utf8'), '2 2\né 1 -2\nb 0.5 3\n');
});

test('formatFloat32: shortest decimal that reads back as the same float32', () => {
  assert.equal(formatFloat32(Math.fround(0.1)), '0.1');
  assert.equal(formatFloat32(0.5), '0.5');
  assert.equal(formatFloat32(-0), '-0');
  assert.equal(formatFloat32(Math.fround(-1.2345678)), '-1.2345678');
  let s = 7;
  for (let i = 0; i < 20000; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const x = Math.fround((s / 2 ** 32 - 0.5) * 10 ** ((i % 13) - 6));
    const text = formatFloat32(x);
    assert.equal(Math.fround(Number(text)), x, text);
    assert.ok(text.length <= String(Number(x.toPrecision(9))).length, text);
  }
});

async function expectImportError(content: string | Buffer, line: number, pattern: RegExp, opts?: { binary?: boolean }) {
  const file = path.join(await tempDir(), 'bad');
  await writeFile(file, content);
  await assert.rejects(readWord2Vec(file, opts), (e: unknown) => {
    assert.ok(e instanceof StudioError, String(e));
    assert.equal(e.name, 'ImportError');
    assert.equal(e.file, file);
    assert.equal(e.line, line);
    assert.match(e.message, pattern);
    return true;
  });
}

test('damaged text files: ImportError with the file and the line', async () => {
  await expectImportError('hello world\n', 1, /header/);
  await expectImportError('3 2\na 1 2\nb 1 2\n', 4, /ends after 2 of 3/);
  await expectImportError('2 2\na 1 2\nb 1\n', 3, /expected a word and 2 numbers, found 1/);
  await expectImportError('2 2\na 1 2\nb 1 zz\n', 3, /"zz" is not a number/);
  await expectImportError('2 2\na 1 2\nb 1  2\n', 3, /found 3/); // a double space is an empty field
});

test('damaged binary files: truncated anywhere gives ImportError at the entry', async () => {
  const dir = await tempDir();
  await writeWord2VecBinary(sampleVectors(), path.join(dir, 'v.bin'));
  const full = await readFile(path.join(dir, 'v.bin'));
  const rowBytes = 7 * 4 + 1;
  // Cut inside the third vector: entries 1 and 2 are whole, so the error is at entry 3 = line 4.
  const headerBytes = '5 7\n'.length;
  const cut = headerBytes + Buffer.byteLength('the ') + rowBytes + Buffer.byteLength('café ') + rowBytes + Buffer.byteLength('naïve ') + 10;
  await expectImportError(full.subarray(0, cut), 4, /ends after 2 of 5/, { binary: true });
  await expectImportError(full.subarray(0, cut), 4, /ends after 2 of 5/); // detected as binary too
  await expectImportError(Buffer.concat([Buffer.from('1 2\n'), Buffer.from([0xff, 0xfe, 0x20, 1, 2, 3, 4, 5, 6, 7, 8])]), 2, /not valid UTF-8/, { binary: true });
});

test('a missing file is a NotFoundError', async () => {
  await assert.rejects(readWord2Vec('/nonexistent/v.bin'), (e: unknown) => e instanceof StudioError && e.name === 'NotFoundError');
});
