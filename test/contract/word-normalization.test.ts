import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizationOfVocabulary, normalizeText, wordNormalizer } from '../../contract/word-normalization.ts';
import { createTokenizer } from '../../engine/data/tokenize.ts';

test('a lower-cased model lower-cases what is looked up; a cased one keeps the case', () => {
  assert.equal(wordNormalizer({ lowercase: true })('King'), 'king');
  assert.equal(wordNormalizer({ lowercase: false })('King'), 'King');
  // toLowerCase, not the locale's: a Turkish system locale must not turn "I" into "ı".
  assert.equal(normalizeText('ISTANBUL', true), 'istanbul');
});

test('NFC: an accent typed as a combining mark finds the composed word, cased or not', () => {
  const decomposed = 'Cafe\u0301';
  assert.equal(normalizeText(decomposed, false), 'Caf\u00e9');
  assert.equal(normalizeText(decomposed, true), 'caf\u00e9');
  assert.equal(normalizeText('ｋｉｎｇ', false), 'ｋｉｎｇ', 'NFC, not NFKC: full-width letters stay as the corpus import kept them');
});

test('CJK has no case: a Chinese word is unchanged whatever the model', () => {
  for (const lowercase of [true, false]) assert.equal(normalizeText('自然语言', lowercase), '自然语言');
});

test('the vocabulary tells: any entry lower-casing changes makes a cased model', () => {
  assert.deepEqual(normalizationOfVocabulary(['the', 'king', 'café', '自然']), { lowercase: true });
  assert.deepEqual(normalizationOfVocabulary(['the', 'King', 'king']), { lowercase: false });
  assert.deepEqual(normalizationOfVocabulary(['ǅ']), { lowercase: false }, 'a title-case letter is cased');
  assert.deepEqual(normalizationOfVocabulary(['自然', '语言']), { lowercase: true }, 'no cased letters: lower-casing a query cannot lose a match');
});

test('the tokeniser applies the same normalisation at import as a lookup does later', () => {
  const tokens = createTokenizer('words', true)('The Cafe\u0301 of 自然语言');
  for (const typed of ['The', 'Cafe\u0301']) assert.ok(tokens.includes(normalizeText(typed, true)), `${typed} → ${tokens.join('|')}`);
  assert.deepEqual(createTokenizer('words', false)('King'), [normalizeText('King', false)]);
});
