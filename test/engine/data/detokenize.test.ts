import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { detokenize } from '../../../engine/data/detokenize.ts';
import { createTokenizer } from '../../../engine/data/tokenize.ts';

const tokens = createTokenizer('words+punct', false);
const roundTrip = (text: string, language?: string) => detokenize(tokens(text), { language });

test('English: no space before closing marks, none after opening ones, quotes paired, clitics kept', () => {
  assert.equal(detokenize(['hello', ',', 'world', '!']), 'hello, world!');
  assert.equal(detokenize(['(', 'see', 'p', '.', '3', ')', '.']), '(see p. 3).');
  assert.equal(detokenize(['he', 'said', '"', 'stop', '"', 'and', 'left', '...']), 'he said "stop" and left...');
  assert.equal(detokenize(['it', 'costs', '$', '5', ',', 'i.e', '.', '10', '%', 'less']), 'it costs $5, i.e. 10% less');
  for (const line of [
    '"I forgot," she said.',
    '"Who is it?" "It\'s me."',
    'Tom (who is my friend) said: "Don\'t worry; it\'s 3:30!"',
    "It's a boys' club.",
    'Where were you on 9/11?',
    'Wait... what?!',
    "Is it well-known? [Yes] {no}",
  ]) {
    assert.equal(roundTrip(line), line);
  }
});

test('French: spacing not required by default, French spacing with language fr', () => {
  assert.equal(roundTrip("Qu'est-ce que c'est ?"), "Qu'est-ce que c'est?");
  assert.equal(roundTrip('« Salut », dit-il.'), '«Salut», dit-il.');
  assert.equal(roundTrip("Qu'est-ce que c'est ?", 'fr'), "Qu'est-ce que c'est\u202f?");
  assert.equal(roundTrip('« Salut » : dit-il !', 'fra'), '«\u00a0Salut\u00a0»\u00a0: dit-il\u202f!');
  assert.equal(roundTrip('Aujourd’hui, je suis allé à l’école.', 'fr'), 'Aujourd’hui, je suis allé à l’école.');
});

test('Chinese and Japanese: no spaces between their tokens, full-width marks hug their words', () => {
  assert.equal(roundTrip('我喜欢自然语言处理。你呢？'), '我喜欢自然语言处理。你呢？');
  assert.equal(roundTrip('他说：“今天天气很好，我们去公园吧！”'), '他说：“今天天气很好，我们去公园吧！”');
  assert.equal(roundTrip('東京に行きたいです！'), '東京に行きたいです！');
  assert.equal(detokenize(['我', '有', '3', '个', '苹果', '。']), '我有3个苹果。');
});

test('clitics and elisions split by other tokenisers rejoin their word', () => {
  assert.equal(detokenize(['it', "'s", 'mine', ',', 'do', "n't", 'touch']), "it's mine, don't touch");
  assert.equal(detokenize(["l'", 'homme', 'qu\'', 'il', 'voit']), "l'homme qu'il voit");
  assert.equal(detokenize([]), '');
});

test('the Tatoeba sample reads back: English exactly, French up to the spaces before its marks', () => {
  const sample = path.join(import.meta.dirname, '..', '..', '..', 'resources', 'samples', 'tatoeba-eng-fra-2k.tsv');
  const pairs = readFileSync(sample, 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  const spaces = (s: string) => s.replace(/\s+/gu, ' ');
  const english = pairs.filter(([en]) => roundTrip(en) === en).length;
  const french = pairs.filter(([, fr]) => spaces(roundTrip(fr, 'fr')) === spaces(fr)).length;
  assert.ok(english >= 0.995 * pairs.length, `${english} of ${pairs.length} English lines`);
  assert.ok(french >= 0.99 * pairs.length, `${french} of ${pairs.length} French lines`);
  // Without French spacing, only the spaces before ? ! : ; » differ.
  const plain = pairs.filter(([, fr]) => roundTrip(fr) === spaces(fr).replace(/ ([?!:;»])/g, '$1').replace(/« /g, '«')).length;
  assert.ok(plain >= 0.99 * pairs.length, `${plain} of ${pairs.length}`);
});
