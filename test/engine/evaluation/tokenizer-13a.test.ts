import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tokenize13a } from '../../../engine/evaluation/tokenizer-13a.ts';

const extra = JSON.parse(readFileSync(new URL('../../fixtures/evaluation/sacrebleu-extra-cases.json', import.meta.url), 'utf8'));

test('13a splits as sacreBLEU 2.6.0: punctuation, numbers, entities, <skipped>, hyphenated line breaks', () => {
  assert.equal(extra.tokenize['13a'].length, 5);
  for (const [line, expected] of extra.tokenize['13a']) assert.equal(tokenize13a(line), expected, JSON.stringify(line));
});

test('13a by hand: a final period is split even after a number; apostrophes and inner hyphens stay', () => {
  assert.equal(tokenize13a('In 2019.'), 'In 2019 .');
  assert.equal(tokenize13a("don't re-enter"), "don't re-enter");
  assert.equal(tokenize13a('1,000.50'), '1,000.50');
  assert.equal(tokenize13a('  spaced \t out  '), 'spaced out');
  assert.equal(tokenize13a(''), '');
});
