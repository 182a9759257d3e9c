import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeWhitespace, rstrip, splitWords, strip } from '../../../engine/evaluation/python-text.ts';

test('whitespace as Python\'s str.split(): U+001C–U+001F and U+0085 split, U+FEFF does not', () => {
  assert.deepEqual(splitWords(' a\tb\nc\x1cd\x85e\u00a0f\u3000g\ufeffh  '), ['a', 'b', 'c', 'd', 'e', 'f', 'g\ufeffh']);
  assert.deepEqual(splitWords('   '), []);
  assert.equal(rstrip('a b \x1f\u2009'), 'a b');
  assert.equal(strip('\x85 a b \u3000'), 'a b');
  assert.equal(strip('\ufeffa'), '\ufeffa');
  assert.equal(removeWhitespace(' a b\u2028c '), 'abc');
});
