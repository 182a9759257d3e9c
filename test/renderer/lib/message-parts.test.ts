import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageParts } from '../../../renderer/src/lib/message-parts.ts';

test('a sentence is cut at its placeholders, text and slots in order', () => {
  assert.deepEqual(messageParts('Saved to {path}'), [
    { slot: null, text: 'Saved to ' },
    { slot: 'path', text: '{path}' },
  ]);
  assert.deepEqual(
    messageParts('{a}与{b}。').map((p) => p.slot ?? p.text),
    ['a', '与', 'b', '。'],
  );
});

test('a sentence without placeholders is one piece of text', () => {
  assert.deepEqual(messageParts('Download started.'), [{ slot: null, text: 'Download started.' }]);
  assert.deepEqual(messageParts(''), []);
});
