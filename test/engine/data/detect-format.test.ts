import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat } from '../../../engine/data/detect-format.ts';

test('the extension decides the family', () => {
  assert.equal(detectFormat('a.jsonl', 'anything\n'), 'jsonl');
  assert.equal(detectFormat('a.NDJSON', '{"text":"x"}\n'), 'jsonl');
  assert.equal(detectFormat('a.txt', 'a,b\nc,d\n'), 'text');
  assert.equal(detectFormat('a.csv', 'text,label\nx,y\n'), 'csv');
  assert.equal(detectFormat('a.tsv', 'text\tlabel\nx\ty\n'), 'tsv');
});

test('the header decides between tabs and commas for .csv/.tsv', () => {
  assert.equal(detectFormat('export.csv', 'text\tlabel\nx\ty\n'), 'tsv');
  assert.equal(detectFormat('export.tsv', 'text,label\nx,y\n'), 'csv');
  // A quoted comma in a tab-separated header does not count.
  assert.equal(detectFormat('export.csv', '"a,b"\tc\n1\t2\n'), 'tsv');
});

test('without a known extension the content decides', () => {
  assert.equal(detectFormat('data', '{"text": "hello"}\n{"text": "again"}\n'), 'jsonl');
  assert.equal(detectFormat('data.dat', 'id\ttext\n1\thello\n2\tworld\n'), 'tsv');
  assert.equal(detectFormat('data.dat', 'id,text\n1,hello\n2,"a, b"\n'), 'csv');
  assert.equal(detectFormat('notes', 'Hello, world.\nNo commas here\nA third, line, with more\n'), 'text');
  assert.equal(detectFormat('notes', '{not json\n'), 'text');
  assert.equal(detectFormat('single', 'a,b\n'), 'text');
});
