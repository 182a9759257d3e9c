import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readInput } from '../../../engine/inference/rnn-inference.ts';
import { createTokenizer } from '../../../engine/data/tokenize.ts';
import { SPECIALS } from '../../../engine/models/rnn/vocab.ts';
import type { Tokenizer } from '../../../contract/corpus.ts';

/** A model's meta as far as reading input goes: its vocabulary from the corpus text, tokenised as import did. */
type ReadMeta = Parameters<typeof readInput>[0];

function meta(corpus: string, opts: { tokenizer?: Tokenizer; lowercase?: boolean; level?: 'word' | 'char'; task?: 'classifier' | 'tagger' | 'lm' } = {}): ReadMeta {
  const tokenizer = opts.tokenizer ?? 'words';
  const lowercase = opts.lowercase ?? true;
  const level = opts.level ?? 'word';
  const words = createTokenizer(tokenizer, lowercase)(corpus);
  const units = level === 'word' ? words : [...words.join(' ')];
  return { task: opts.task ?? 'classifier', tokenizer, lowercase, vocab: { level, tokens: [...SPECIALS, ...new Set(units)] } };
}

test('a lower-cased classifier reads "The Movie" as known words; unseen words are unknown, each once', () => {
  const m = meta('the movie was great and the cast was fine');
  assert.deepEqual(readInput(m, 'The Movie was GREAT'), { tokens: ['the', 'movie', 'was', 'great'], unknown: [] });
  assert.deepEqual(readInput(m, 'Zorp the zorp blurfl'), { tokens: ['zorp', 'the', 'zorp', 'blurfl'], unknown: ['zorp', 'blurfl'] });
});

test('a cased model keeps the case: "the" is known, "The" is not', () => {
  const m = meta('the movie', { lowercase: false });
  assert.deepEqual(readInput(m, 'The movie').unknown, ['The']);
});

test('NFC: an accent typed as a combining mark is the word the corpus had', () => {
  const m = meta('un caf\u00e9 noir');
  assert.deepEqual(readInput(m, 'Un Cafe\u0301'), { tokens: ['un', 'caf\u00e9'], unknown: [] });
});

test('CJK text is segmented as the import segmented it', () => {
  const m = meta('我喜欢自然语言处理');
  const read = readInput(m, '我喜欢自然语言处理');
  assert.ok(read.tokens.length > 1, read.tokens.join('|'));
  assert.deepEqual(read.unknown, []);
  assert.ok(readInput(m, '我喜欢猫').unknown.length > 0);
});

test('a character model: a word with a character it never saw is unknown', () => {
  const m = meta('abc cab', { level: 'char' });
  assert.deepEqual(readInput(m, 'Cab cax'), { tokens: ['cab', 'cax'], unknown: ['cax'] });
});

test('a tagger reads white-space tokens, lower-cased as its import did', () => {
  const m: ReadMeta = { task: 'tagger', tokenizer: 'whitespace', lowercase: true, vocab: { level: 'word', tokens: [...SPECIALS, 'the', 'dog'] } };
  assert.deepEqual(readInput(m, 'The Dog barks'), { tokens: ['the', 'dog', 'barks'], unknown: ['barks'] });
});
