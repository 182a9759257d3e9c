import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tokenizeZh } from '../../../engine/evaluation/tokenizer-zh.ts';

const extra = JSON.parse(readFileSync(new URL('../../fixtures/evaluation/sacrebleu-extra-cases.json', import.meta.url), 'utf8'));

test('zh splits as sacreBLEU 2.6.0, its range quirks included (U+2001–U+2A6D split, Extension B not)', () => {
  assert.equal(extra.tokenize.zh.length, 9);
  for (const [line, expected] of extra.tokenize.zh) assert.equal(tokenizeZh(line), expected, JSON.stringify(line));
  assert.equal(tokenizeZh('我喜欢猫'), '我 喜 欢 猫');
  assert.equal(tokenizeZh('a\u2a6db\u2a6ec'), 'a \u2a6d b\u2a6ec');
});
