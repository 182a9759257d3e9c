/** Vocabularies: reserved ids, the size cap, word and character level. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Vocab } from '../../../../engine/models/rnn/vocab.ts';

test('vocabularies reserve <pad>=0 <unk> <bos> <eos> and cap the size; char level splits characters', () => {
  const v = Vocab.build([['a', 'b', 'a'], ['c', 'a', 'b']], 'word', 6);
  assert.deepEqual(v.tokens, ['<pad>', '<unk>', '<bos>', '<eos>', 'a', 'b']);
  assert.deepEqual(v.encode(['a', 'c', 'z']), [4, 1, 1]);
  const chars = Vocab.build([['ab', 'a']], 'char', 100);
  assert.deepEqual(chars.tokens.slice(4), ['a', 'b', ' ']);
  assert.equal(chars.decode(chars.encode(['ab', 'a'])), 'ab a');
});
