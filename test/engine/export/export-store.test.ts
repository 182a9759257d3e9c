import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportFileName } from '../../../engine/export/export-store.ts';

test('export file names keep any script, drop path characters and the corpus extension', () => {
  assert.equal(exportFileName('word2vec · brown-news.txt', 'word2vec-text'), 'word2vec-brown-news.txt');
  assert.equal(exportFileName('word2vec · 新闻语料.csv', 'word2vec-bin'), 'word2vec-新闻语料.bin');
  assert.equal(exportFileName('../../etc/passwd', 'word2vec-bin'), '..-..-etc-passwd.bin');
  assert.equal(exportFileName('///', 'word2vec-text'), 'vectors.txt');
});
