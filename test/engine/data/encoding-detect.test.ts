import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { detectEncoding } from '../../../engine/data/encoding-detect.ts';
import { FIXTURES } from './helpers.ts';
import { CHINESE_SIMPLIFIED, CHINESE_TRADITIONAL, LATIN1_TEXT } from './sample-texts.ts';

const simplified = CHINESE_SIMPLIFIED.join('\n');
const traditional = CHINESE_TRADITIONAL.join('\n');
const latin = LATIN1_TEXT.join('\n');

test('a byte-order mark decides, with confidence 1', () => {
  assert.deepEqual(detectEncoding(iconv.encode(simplified, 'utf8', { addBOM: true }), true), { encoding: 'utf-8', confidence: 1 });
  assert.deepEqual(detectEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(latin, 'utf16le')]), true), { encoding: 'utf-16le', confidence: 1 });
  assert.deepEqual(detectEncoding(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(latin, 'utf16be')]), true), { encoding: 'utf-16be', confidence: 1 });
});

test('UTF-8 without BOM is recognised; pure ASCII counts as UTF-8', () => {
  assert.deepEqual(detectEncoding(Buffer.from(simplified + latin), true), { encoding: 'utf-8', confidence: 0.99 });
  assert.deepEqual(detectEncoding(Buffer.from('just ascii\n'), true), { encoding: 'utf-8', confidence: 1 });
  // Only a sample of a longer file: non-ASCII might come later, so less sure.
  assert.equal(detectEncoding(Buffer.from('just ascii\n'), false).confidence, 0.9);
});

test('a UTF-8 character cut by the end of the sample does not make it look invalid', () => {
  const bytes = Buffer.from('自然语言');
  const cut = bytes.subarray(0, bytes.length - 1);
  assert.equal(detectEncoding(cut, false).encoding, 'utf-8');
});

test('GBK and GB18030 bytes are told apart from Big5 and Latin-1', () => {
  for (const encoding of ['gbk', 'gb18030'] as const) {
    for (const text of [simplified, traditional, CHINESE_SIMPLIFIED[0]]) {
      const guess = detectEncoding(iconv.encode(text, encoding), true);
      assert.equal(guess.encoding, 'gb18030', `${encoding}: ${text.slice(0, 10)}`);
      assert.ok(guess.confidence >= 0.8, `confidence ${guess.confidence}`);
    }
  }
});

test('Big5 bytes are detected as Big5', () => {
  for (const text of [traditional, CHINESE_TRADITIONAL[1]]) {
    const guess = detectEncoding(iconv.encode(text, 'big5'), true);
    assert.equal(guess.encoding, 'big5');
    assert.ok(guess.confidence >= 0.8, `confidence ${guess.confidence}`);
  }
});

test('Latin-1 bytes are detected as Latin-1', () => {
  for (const text of [latin, LATIN1_TEXT[1]]) {
    const guess = detectEncoding(iconv.encode(text, 'latin1'), true);
    assert.equal(guess.encoding, 'latin1');
    assert.ok(guess.confidence >= 0.8, `confidence ${guess.confidence}`);
  }
});

test('UTF-16 without a BOM is recognised from its NUL pattern', () => {
  assert.equal(detectEncoding(iconv.encode('plain English text\n', 'utf16le'), true).encoding, 'utf-16le');
  assert.equal(detectEncoding(iconv.encode('plain English text\n', 'utf16be'), true).encoding, 'utf-16be');
});

test('UTF-8 with a stray invalid byte is still UTF-8, with lower confidence', () => {
  const bytes = Buffer.concat([Buffer.from(simplified.repeat(5)), Buffer.from([0xff]), Buffer.from(simplified)]);
  assert.deepEqual(detectEncoding(bytes, true), { encoding: 'utf-8', confidence: 0.7 });
});

test('the committed real GBK file is detected as GB18030', () => {
  const bytes = readFileSync(path.join(FIXTURES, 'zh-gbk.txt'));
  assert.equal(detectEncoding(bytes, true).encoding, 'gb18030');
});
