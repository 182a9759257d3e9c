import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { CorpusInfo } from '../../../contract/corpus.ts';
import { corpusTokensPath, getCorpus } from '../../../engine/data/corpus-store.ts';
import { importCorpus, type ImportProgress } from '../../../engine/data/import-corpus.ts';
import { FIXTURES, noControl, options, tempWorkspace } from './helpers.ts';
import { CHINESE_SIMPLIFIED, CHINESE_TRADITIONAL, LATIN1_TEXT } from './sample-texts.ts';

async function tokenLines(ws: Parameters<typeof corpusTokensPath>[0], id: string): Promise<string[]> {
  const text = await readFile(corpusTokensPath(ws, id), 'utf8');
  assert.ok(text.endsWith('\n'));
  return text.slice(0, -1).split('\n');
}

test('plain text: a document per line, empty documents skipped, the info written beside the tokens', async () => {
  const { ws, file } = await tempWorkspace();
  const input = await file('notes.txt', 'Hello, World!\r\n\r\n...\nDon\'t stop 3.14\n我喜欢自然语言处理');
  const info = await importCorpus(ws, { paths: [input], options: options() }, noControl());
  assert.deepEqual(await tokenLines(ws, info.id), ['hello world', "don't stop 3.14", '我 喜欢 自然 语言 处理']);
  assert.match(info.id, /^c-/);
  assert.equal(info.name, 'notes.txt');
  assert.deepEqual(info.sources, [{ fileName: 'notes.txt', sizeBytes: (await readFile(input)).length, encoding: 'utf-8', format: 'text', column: null, documents: 3 }]);
  assert.deepEqual({ documents: info.stats.documents, tokens: info.stats.tokens, vocabSize: info.stats.vocabSize }, { documents: 3, tokens: 10, vocabSize: 10 });
  assert.deepEqual(CorpusInfo.parse(await getCorpus(ws, info.id)), CorpusInfo.parse(info));
});

test('CSV: the column named text by default, else by name or 0-based index; quoted newlines stay in one document', async () => {
  const { ws, file } = await tempWorkspace();
  const input = await file('reviews.csv', 'id,Text,label\r\n1,"Great, really ""great""\r\nmovie",pos\r\n2,Bad film,neg\r\n');
  const byDefault = await importCorpus(ws, { paths: [input], options: options() }, noControl());
  assert.deepEqual(await tokenLines(ws, byDefault.id), ['great really great movie', 'bad film']);
  assert.equal(byDefault.sources[0].column, 'Text');
  assert.equal(byDefault.sources[0].format, 'csv');

  const byName = await importCorpus(ws, { paths: [input], options: options({ column: 'label' }) }, noControl());
  assert.deepEqual(await tokenLines(ws, byName.id), ['pos', 'neg']);
  const byIndex = await importCorpus(ws, { paths: [input], options: options({ column: '0' }) }, noControl());
  assert.deepEqual(await tokenLines(ws, byIndex.id), ['1', '2']);
  assert.equal(byIndex.sources[0].column, 'id');
});

test('CSV without a text column takes the first; TSV (also when named .csv) splits on tabs', async () => {
  const { ws, file } = await tempWorkspace();
  const csv = await file('first.csv', 'body,label\nfirst column wins,x\n');
  const first = await importCorpus(ws, { paths: [csv], options: options() }, noControl());
  assert.deepEqual(await tokenLines(ws, first.id), ['first column wins']);

  const tsv = await file('data.tsv', 'label\ttext\nx\ttabs, and "quotes"\ny\tsecond\n');
  const info = await importCorpus(ws, { paths: [tsv], options: options() }, noControl());
  assert.deepEqual(await tokenLines(ws, info.id), ['tabs and quotes', 'second']);
  assert.equal(info.sources[0].format, 'tsv');

  const tabsInCsv = await file('export.csv', 'text\tlabel\nhello there\tx\n');
  const exported = await importCorpus(ws, { paths: [tabsInCsv], options: options() }, noControl());
  assert.equal(exported.sources[0].format, 'tsv');
  assert.deepEqual(await tokenLines(ws, exported.id), ['hello there']);
});

test('JSONL: field text by default, else the first string field, else the one named; blank lines skipped', async () => {
  const { ws, file } = await tempWorkspace();
  const withText = await file('a.jsonl', '{"id":1,"text":"One document"}\n\n{"id":2,"text":"Two"}\n');
  const info = await importCorpus(ws, { paths: [withText], options: options() }, noControl());
  assert.deepEqual(await tokenLines(ws, info.id), ['one document', 'two']);
  assert.deepEqual([info.sources[0].format, info.sources[0].column], ['jsonl', 'text']);

  const noText = await file('b.ndjson', '{"id":1,"body":"First string field","title":"t"}\n');
  const first = await importCorpus(ws, { paths: [noText], options: options() }, noControl());
  assert.deepEqual(await tokenLines(ws, first.id), ['first string field']);
  assert.equal(first.sources[0].column, 'body');

  const named = await importCorpus(ws, { paths: [noText], options: options({ column: 'title' }) }, noControl());
  assert.deepEqual(await tokenLines(ws, named.id), ['t']);
});

test('format and options can be forced: whitespace tokenizer, no lowercasing, a custom name', async () => {
  const { ws, file } = await tempWorkspace();
  const input = await file('pretok.data', 'The cat , sat .\nA,b c\n');
  const info = await importCorpus(ws, { paths: [input], options: options({ format: 'text', tokenizer: 'whitespace', lowercase: false, name: 'Pre-tokenised' }) }, noControl());
  assert.deepEqual(await tokenLines(ws, info.id), ['The cat , sat .', 'A,b c']);
  assert.deepEqual([info.name, info.tokenizer, info.lowercase], ['Pre-tokenised', 'whitespace', false]);
});

test('every encoding imports to the same tokens as its UTF-8 original', async () => {
  const { ws, file } = await tempWorkspace();
  const cases = [
    { name: 'gbk.txt', text: CHINESE_SIMPLIFIED, iconv: 'gbk', expected: 'gb18030' },
    { name: 'gb18030.txt', text: [...CHINESE_SIMPLIFIED, '𠀀字'], iconv: 'gb18030', expected: 'gb18030' },
    { name: 'big5.txt', text: CHINESE_TRADITIONAL, iconv: 'big5', expected: 'big5' },
    { name: 'utf16le.txt', text: CHINESE_TRADITIONAL, iconv: 'utf16le', bom: true, expected: 'utf-16le' },
    { name: 'utf16be.txt', text: LATIN1_TEXT, iconv: 'utf16be', bom: true, expected: 'utf-16be' },
    { name: 'utf8-bom.txt', text: LATIN1_TEXT, iconv: 'utf8', bom: true, expected: 'utf-8' },
    { name: 'latin1.txt', text: LATIN1_TEXT, iconv: 'latin1', expected: 'latin1' },
  ] as const;
  const reference = await file('reference.txt', '');
  for (const c of cases) {
    const input = await file(c.name, iconv.encode(c.text.join('\n') + '\n', c.iconv, { addBOM: 'bom' in c }));
    await writeFile(reference, c.text.join('\n') + '\n');
    const info = await importCorpus(ws, { paths: [input], options: options() }, noControl());
    const utf8 = await importCorpus(ws, { paths: [reference], options: options() }, noControl());
    assert.equal(info.sources[0].encoding, c.expected, c.name);
    assert.deepEqual(await tokenLines(ws, info.id), await tokenLines(ws, utf8.id), c.name);
  }
});

test('the encoding can be overridden', async () => {
  const { ws, file } = await tempWorkspace();
  const input = await file('mislabelled.txt', iconv.encode('Größe', 'latin1'));
  const detected = await importCorpus(ws, { paths: [input], options: options() }, noControl());
  assert.deepEqual(await tokenLines(ws, detected.id), ['größe']);
  const info = await importCorpus(ws, { paths: [input], options: options({ encoding: 'gb18030' }) }, noControl());
  assert.equal(info.sources[0].encoding, 'gb18030');
  assert.notDeepEqual(await tokenLines(ws, info.id), ['größe']);
});

test('the committed GBK file imports into Chinese words, also when read in 1-byte chunks', async () => {
  const { ws } = await tempWorkspace();
  const input = path.join(FIXTURES, 'zh-gbk.txt');
  for (const chunkBytes of [undefined, 1, 3]) {
    const info = await importCorpus(ws, { paths: [input], options: options() }, noControl(), { chunkBytes });
    const lines = await tokenLines(ws, info.id);
    assert.equal(info.sources[0].encoding, 'gb18030');
    assert.equal(lines.length, 5);
    assert.equal(lines[0], '自然 语言 处理 是 人工 智能 的 一个 重要 方向');
    assert.ok(lines[2].includes('word2vec'));
  }
});

test('several files go into one corpus, each listed in sources', async () => {
  const { ws, file } = await tempWorkspace();
  const a = await file('upload-1', 'one\ntwo\n');
  const b = await file('upload-2', iconv.encode(CHINESE_SIMPLIFIED.slice(0, 3).join('\n'), 'gbk'));
  const c = await file('c.jsonl', '{"text":"three"}\n');
  const info = await importCorpus(ws, { paths: [a, b, c], displayNames: ['a.txt', 'b.txt'], options: options() }, noControl());
  assert.deepEqual(info.sources.map((s) => [s.fileName, s.encoding, s.format, s.documents]), [
    ['a.txt', 'utf-8', 'text', 2],
    ['b.txt', 'gb18030', 'text', 3],
    ['c.jsonl', 'utf-8', 'jsonl', 1],
  ]);
  assert.equal(info.stats.documents, 6);
  const lines = await tokenLines(ws, info.id);
  assert.deepEqual([lines[0], lines[2], lines[5]], ['one', '我 喜欢 自然 语言 处理', 'three']);
});

test('progress reports raw bytes per file, at most about 10 times a second, and ends complete', async () => {
  const { ws, file } = await tempWorkspace();
  const line = 'the quick brown fox jumps over the lazy dog\n';
  const big = await file('big.txt', line.repeat(40_000));
  const small = await file('small.txt', 'tiny\n');
  const reports: Array<ImportProgress & { at: number }> = [];
  const started = Date.now();
  await importCorpus(ws, { paths: [big, small], options: options() }, {
    signal: new AbortController().signal,
    onProgress: (p) => reports.push({ ...p, at: Date.now() }),
  }, { chunkBytes: 4096 });
  const elapsed = Date.now() - started;
  assert.ok(reports.length >= 2);
  assert.ok(reports.length <= 3 + elapsed / 100, `${reports.length} reports in ${elapsed} ms`);
  const last = reports[reports.length - 1];
  assert.deepEqual(
    { fileName: last.fileName, fileIndex: last.fileIndex, fileCount: last.fileCount, bytesDone: last.bytesDone, bytesTotal: last.bytesTotal, documents: last.documents },
    { fileName: 'small.txt', fileIndex: 1, fileCount: 2, bytesDone: 5, bytesTotal: 5, documents: 40_001 },
  );
  for (const r of reports.filter((r) => r.fileIndex === 0)) assert.ok(r.bytesDone <= r.bytesTotal && r.bytesTotal === line.length * 40_000);
  for (let i = 1; i < reports.length; i++) assert.ok(reports[i].documents >= reports[i - 1].documents);
});
