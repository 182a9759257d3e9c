import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignedLanguages, alignedSide, isLanguageName, languagesInName, languagesOfColumns } from '../../../engine/data/languages.ts';

test('language names: ISO 639-1 and 639-3 codes, English names and regional tags; not file extensions', () => {
  for (const yes of ['en', 'FR', 'eng', 'fra', 'cmn', 'English', 'zh-CN', 'pt_BR']) assert.ok(isLanguageName(yes), yes);
  for (const no of ['txt', 'tsv', 'csv', 'data', 'src', 'text', 'xx', 'en-']) assert.ok(!isLanguageName(no), no);
});

test('aligned files: extensions with one stem, or names that are languages', () => {
  assert.deepEqual(alignedSide('corpus/train.en'), { stem: 'train', language: 'en' });
  assert.equal(alignedSide('train.txt'), null);
  assert.deepEqual(alignedLanguages('train.en', 'train.fr'), ['en', 'fr']);
  assert.deepEqual(alignedLanguages('europarl-v7.fr-en.fr', 'europarl-v7.fr-en.en'), ['fr', 'en']);
  assert.deepEqual(alignedLanguages('english.txt', 'french.txt'), ['english', 'french']);
  assert.equal(alignedLanguages('train.en', 'dev.fr'), null);
  assert.equal(alignedLanguages('a.txt', 'b.txt'), null);
});

test('a pair file named after its languages, and language-named columns', () => {
  assert.deepEqual(languagesInName('tatoeba-eng-fra.tsv'), ['eng', 'fra']);
  assert.deepEqual(languagesInName('zh_en.jsonl'), ['zh', 'en']);
  assert.equal(languagesInName('old-new.tsv'), null);
  assert.equal(languagesInName('fra.txt'), null);
  assert.deepEqual(languagesOfColumns('en', 'de'), ['en', 'de']);
  assert.equal(languagesOfColumns('src', 'tgt'), null);
});
