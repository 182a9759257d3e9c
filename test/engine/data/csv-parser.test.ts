import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CsvParser } from '../../../engine/data/csv-parser.ts';
import { assertStudioError } from './helpers.ts';

function parse(text: string, delimiter: ',' | '\t' = ',', pieceLength = text.length): string[][] {
  const parser = new CsvParser(delimiter, 'test.csv');
  const records: string[][] = [];
  for (let i = 0; i < text.length; i += pieceLength) records.push(...parser.push(text.slice(i, i + pieceLength)));
  records.push(...parser.end());
  return records;
}

const tricky =
  'id,text,note\r\n' +
  '1,"Hello, world",plain\r\n' +
  '2,"She said ""hi""","multi\r\nline\nfield"\n' +
  '3,,\n' +
  '\n' +
  '4,"",last';

const expected = [
  ['id', 'text', 'note'],
  ['1', 'Hello, world', 'plain'],
  ['2', 'She said "hi"', 'multi\r\nline\nfield'],
  ['3', '', ''],
  ['4', '', 'last'],
];

test('RFC 4180: quoted delimiters, doubled quotes, line breaks inside quotes, CRLF, empty fields', () => {
  assert.deepEqual(parse(tricky), expected);
});

test('the same records come out whatever the piece boundaries (1 to 7 characters)', () => {
  for (let n = 1; n <= 7; n++) assert.deepEqual(parse(tricky, ',', n), expected, `pieces of ${n}`);
});

test('TSV uses tabs and the same quoting rules', () => {
  assert.deepEqual(parse('a\tb\n"x\ty"\tz\n1,2\t3\n', '\t'), [['a', 'b'], ['x\ty', 'z'], ['1,2', '3']]);
});

test('lenient like Python csv: a quote inside an unquoted field is literal, text after a closing quote is kept', () => {
  assert.deepEqual(parse('a,b"c\n"q"x,y\n'), [['a', 'b"c'], ['qx', 'y']]);
});

test('a file without a final newline still yields its last record; a trailing delimiter adds an empty field', () => {
  assert.deepEqual(parse('a,b\n1,'), [['a', 'b'], ['1', '']]);
  assert.deepEqual(parse('a,b\r\n1,2'), [['a', 'b'], ['1', '2']]);
});

test('an unterminated quote is an ImportError naming the line where the quoted field started', async () => {
  const text = 'id,text\n1,fine\n2,"this one\nnever\nends\n';
  for (const n of [1, 4, text.length]) {
    await assertStudioError(Promise.resolve().then(() => parse(text, ',', n)), {
      name: 'ImportError',
      file: 'test.csv',
      line: 3,
      message: /test\.csv.*line 3.*never closed/,
    });
  }
});
