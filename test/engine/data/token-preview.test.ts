import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ImportOptions } from '../../../contract/corpus.ts';
import { importCorpus } from '../../../engine/data/import-corpus.ts';
import { previewCorpusTokens, previewFileTokens, tokenPreview } from '../../../engine/data/token-preview.ts';
import { tempWorkspace } from './helpers.ts';

const control = { signal: new AbortController().signal, onProgress: () => {} };
const kinds = (line: { spans: { text: string; kind: string }[] }) => line.spans.map((s) => `${s.kind[0]}:${s.text}`).join(' ');

test('words drops punctuation and marks each dropped piece; words+punct keeps it', () => {
  const dropped = tokenPreview(['Is it raining?', 'Yes, it is!'], 'words', true);
  assert.deepEqual(dropped.lines[0].tokens, ['is', 'it', 'raining']);
  assert.equal(kinds(dropped.lines[0]), 't:Is s:  t:it s:  t:raining d:?');
  assert.equal(dropped.lines[0].dropped, 1);
  assert.equal(kinds(dropped.lines[1]), 't:Yes d:, s:  t:it s:  t:is d:!');
  assert.deepEqual(dropped.dropped, [{ text: '!', count: 1 }, { text: ',', count: 1 }, { text: '?', count: 1 }]);

  const kept = tokenPreview(['Is it raining?', 'Yes, it is!'], 'words+punct', true);
  assert.deepEqual(kept.lines[0].tokens, ['is', 'it', 'raining', '?']);
  assert.equal(kept.lines[0].dropped, 0);
  assert.deepEqual(kept.dropped, []);
  // The spans put back together are the text: nothing is lost or invented.
  for (const line of [...dropped.lines, ...kept.lines]) assert.equal(line.spans.map((s) => s.text).join(''), line.text);
});

test('CJK: words split without spaces, the full-width marks are what is dropped', () => {
  const preview = tokenPreview(['我喜欢自然语言处理。你呢？'], 'words', false);
  const [line] = preview.lines;
  assert.deepEqual(line.tokens, ['我', '喜欢', '自然', '语言', '处理', '你', '呢']);
  assert.deepEqual(line.spans.filter((s) => s.kind === 'dropped').map((s) => s.text), ['。', '？']);
  assert.equal(line.dropped, 2);
  const kept = tokenPreview(['我喜欢自然语言处理。你呢？'], 'words+punct', false);
  assert.deepEqual(kept.lines[0].tokens, ['我', '喜欢', '自然', '语言', '处理', '。', '你', '呢', '？']);
  assert.equal(kept.lines[0].dropped, 0);
});

test('whitespace drops nothing; lower-casing shows in the tokens, not in the spans', () => {
  const preview = tokenPreview(['Hello, World ?'], 'whitespace', true);
  assert.deepEqual(preview.lines[0].tokens, ['hello,', 'world', '?']);
  assert.equal(preview.lines[0].dropped, 0);
  assert.equal(kinds(preview.lines[0]), 't:Hello, s:  t:World s:  t:?');
});

test('a classification file keeps "?" by default: the preview reads the text column and shows it kept', async () => {
  const { file } = await tempWorkspace();
  const csv = await file('questions.csv', 'text,label\nIs it raining?,question\nIt is raining.,statement\n');
  const preview = await previewFileTokens(csv, 'questions.csv', ImportOptions.parse({ task: 'classification' }));
  assert.equal(preview.tokenizer, 'words+punct');
  assert.deepEqual(preview.lines.map((l) => l.text), ['Is it raining?', 'It is raining.']);
  assert.deepEqual(preview.lines[0].tokens, ['is', 'it', 'raining', '?']);
  assert.deepEqual(preview.dropped, []);
  // Dropping punctuation is the user's choice, and the preview says what it costs.
  const without = await previewFileTokens(csv, 'questions.csv', ImportOptions.parse({ task: 'classification', tokenizer: 'words' }));
  assert.deepEqual(without.dropped, [{ text: '.', count: 1 }, { text: '?', count: 1 }]);
  // Plain text for word vectors drops it by default.
  const text = await previewFileTokens(csv, 'questions.csv', ImportOptions.parse({}));
  assert.equal(text.tokenizer, 'words');
  assert.equal(text.lines[0].dropped, 1);
});

test('after import: the corpus keeps its first documents, previewed with its own settings', async () => {
  const { ws, file } = await tempWorkspace();
  const csv = await file('q.csv', 'text,label\nWhy now?,question\nNow.,statement\n');
  const info = await importCorpus(ws, { paths: [csv], options: ImportOptions.parse({ task: 'classification', tokenizer: 'words', lowercase: false }) }, control);
  const preview = await previewCorpusTokens(ws.corpusDir(info.id), info);
  assert.equal(preview.note, undefined);
  assert.deepEqual(preview.lines.map((l) => l.tokens), [['Why', 'now'], ['Now']]);
  assert.deepEqual(preview.dropped, [{ text: '.', count: 1 }, { text: '?', count: 1 }]);
});

test('a corpus without its kept sample shows its stored tokens and says so', async () => {
  const { ws, file } = await tempWorkspace();
  const txt = await file('t.txt', 'One line here.\nAnother one!\n');
  const info = await importCorpus(ws, { paths: [txt], options: ImportOptions.parse({}) }, control);
  const { rm } = await import('node:fs/promises');
  await rm(path.join(ws.corpusDir(info.id), 'sample.json'));
  const preview = await previewCorpusTokens(ws.corpusDir(info.id), info);
  assert.match(preview.note ?? '', /not kept/);
  assert.deepEqual(preview.lines.map((l) => l.tokens), [['one', 'line', 'here'], ['another', 'one']]);
});

test('tagging previews the file\'s own tokens: a Brown "./." stays a token, nothing is dropped', async () => {
  const { file } = await tempWorkspace();
  const brown = await file('ca01.txt', 'The/at jury/nn said/vbd ./.\n');
  const preview = await previewFileTokens(brown, 'ca01.txt', ImportOptions.parse({ task: 'tagging' }));
  assert.deepEqual(preview.lines[0].tokens, ['the', 'jury', 'said', '.']);
  assert.deepEqual(preview.dropped, []);
  assert.match(preview.note ?? '', /own tokens/);
});
