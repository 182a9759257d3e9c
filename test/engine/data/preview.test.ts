import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { FilePreview } from '../../../contract/corpus.ts';
import { previewFile } from '../../../engine/data/preview.ts';
import { assertStudioError, FIXTURES, tempWorkspace } from './helpers.ts';
import { CHINESE_TRADITIONAL } from './sample-texts.ts';

test('a CSV preview lists the columns and the default one', async () => {
  const { file } = await tempWorkspace();
  const input = await file('upload-7f3a', 'id,Text,label\r\n1,"Hello, ""there""\nfriend",x\r\n2,Bye,y\r\n');
  const preview = await previewFile(input, 'reviews.csv');
  assert.deepEqual(FilePreview.parse(preview), {
    fileName: 'reviews.csv',
    sizeBytes: 55,
    encoding: 'utf-8',
    encodingConfidence: 1,
    format: 'csv',
    columns: ['id', 'Text', 'label'],
    defaultColumn: 'Text',
    sampleLines: ['id,Text,label', '1,"Hello, ""there""', 'friend",x', '2,Bye,y'],
    suggestedTask: { task: 'classification', reason: 'Its header has a "label" column: a label per document, for a text classifier' },
  });
});

test('a JSONL preview lists the first record’s keys; default field is the first string one without `text`', async () => {
  const { file } = await tempWorkspace();
  const preview = await previewFile(await file('docs.jsonl', '{"id":1,"body":"x","title":"t"}\n{"id":2}\n'));
  assert.deepEqual([preview.format, preview.columns, preview.defaultColumn], ['jsonl', ['id', 'body', 'title'], 'body']);
  const broken = await file('broken.jsonl', '\n{"id": 1,\n');
  await assertStudioError(previewFile(broken), { name: 'ImportError', file: 'broken.jsonl', line: 2 });
});

test('plain text: no columns; the GBK fixture is decoded and its encoding shown with a confidence', async () => {
  const preview = await previewFile(path.join(FIXTURES, 'zh-gbk.txt'));
  assert.equal(preview.format, 'text');
  assert.equal(preview.encoding, 'gb18030');
  assert.ok(preview.encodingConfidence >= 0.8 && preview.encodingConfidence < 1);
  assert.equal(preview.columns, null);
  assert.equal(preview.defaultColumn, null);
  assert.equal(preview.sampleLines.length, 5);
  assert.equal(preview.sampleLines[0], '自然语言处理是人工智能的一个重要方向。');
});

test('a BOM gives confidence 1; a long file shows only its first 20 lines, long lines cut', async () => {
  const { file } = await tempWorkspace();
  const big5 = await previewFile(await file('t.txt', iconv.encode(CHINESE_TRADITIONAL.join('\n'), 'utf16le', { addBOM: true })));
  assert.deepEqual([big5.encoding, big5.encodingConfidence, big5.sampleLines[0]], ['utf-16le', 1, '我喜歡自然語言處理。']);
  const long = await previewFile(await file('long.txt', `${'x'.repeat(2000)}\n`.repeat(100)));
  assert.equal(long.sampleLines.length, 20);
  assert.equal(long.sampleLines[0], 'x'.repeat(500) + '…');
});

test('preview refuses what import refuses: missing, empty, binary', async () => {
  const { dir, file } = await tempWorkspace();
  await assertStudioError(previewFile(path.join(dir, 'gone.txt')), { name: 'ImportError', file: 'gone.txt', message: /does not exist/ });
  await assertStudioError(previewFile(await file('e.txt', '')), { name: 'ImportError', file: 'e.txt', message: /is empty/ });
  await assertStudioError(previewFile(await file('x.bin', Buffer.from([0, 1, 2, 3, 0, 0]))), { name: 'ImportError', file: 'x.bin', message: /binary/ });
});
