import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tokenizeIntl } from '../../../engine/evaluation/tokenizer-intl.ts';

const extra = JSON.parse(readFileSync(new URL('../../fixtures/evaluation/sacrebleu-extra-cases.json', import.meta.url), 'utf8'));

test('intl splits as sacreBLEU 2.6.0: Unicode punctuation and symbols, not between digits', () => {
  assert.equal(extra.tokenize.intl.length, 3);
  for (const [line, expected] of extra.tokenize.intl) assert.equal(tokenizeIntl(line), expected, JSON.stringify(line));
  // Unlike 13a, a number keeps its final period at the end of the line (mteval-v14's behaviour).
  assert.equal(tokenizeIntl('In 2019.'), 'In 2019.');
});
