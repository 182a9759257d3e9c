import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactMatch } from '../../../engine/evaluation/exact-match.ts';

test('exact match: the share of hypotheses equal to their first reference after trimming', () => {
  assert.equal(exactMatch([' the cat ', 'a dog', 'The bird'], [['the cat', 'a dog.', 'the bird'], ['x', 'a dog', 'The bird']]), 1 / 3);
  assert.equal(exactMatch(['', 'b'], [['  ', 'b']]), 1);
  assert.throws(() => exactMatch(['a', 'b'], [['a']]), /reference stream 1 has 1 sentences but there are 2 hypotheses/);
  assert.throws(() => exactMatch([], [[]]), /no hypotheses/);
});
