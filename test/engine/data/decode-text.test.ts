import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import type { Encoding } from '../../../contract/corpus.ts';
import { checkEncoding, decodeFile, decodeSample, firstInvalidUtf8 } from '../../../engine/data/decode-text.ts';
import type { StudioError } from '../../../contract/errors.ts';
import { tempWorkspace } from './helpers.ts';
import { CHINESE_SIMPLIFIED, CHINESE_TRADITIONAL, LATIN1_TEXT } from './sample-texts.ts';

async function decodeAll(filePath: string, encoding: Encoding, chunkBytes: number): Promise<{ text: string; pieces: number; bytes: number }> {
  const counter = { bytes: 0 };
  let text = '';
  let pieces = 0;
  for await (const piece of decodeFile(filePath, encoding, { chunkBytes, counter })) {
    text += piece;
    pieces++;
  }
  return { text, pieces, bytes: counter.bytes };
}

const cases: Array<{ encoding: Encoding; iconvName: string; text: string; bom?: boolean }> = [
  { encoding: 'utf-8', iconvName: 'utf8', text: CHINESE_SIMPLIFIED.join('\n') + ' 😀 ok' },
  { encoding: 'utf-8', iconvName: 'utf8', text: CHINESE_SIMPLIFIED.join('\n'), bom: true },
  { encoding: 'utf-16le', iconvName: 'utf16le', text: CHINESE_SIMPLIFIED.join('\n') + ' 😀', bom: true },
  { encoding: 'utf-16be', iconvName: 'utf16be', text: CHINESE_TRADITIONAL.join('\n') + ' 😀', bom: true },
  { encoding: 'gb18030', iconvName: 'gbk', text: CHINESE_SIMPLIFIED.join('\n') },
  { encoding: 'gb18030', iconvName: 'gb18030', text: CHINESE_SIMPLIFIED.join('\n') + '€𠀀' },
  { encoding: 'big5', iconvName: 'big5', text: CHINESE_TRADITIONAL.join('\n') },
  { encoding: 'latin1', iconvName: 'latin1', text: LATIN1_TEXT.join('\n') },
];

test('multi-byte characters split across read chunks decode intact (chunks of 1, 2, 3 and 5 bytes)', async () => {
  const { file } = await tempWorkspace();
  for (const [i, c] of cases.entries()) {
    const bytes = iconv.encode(c.text, c.iconvName, { addBOM: c.bom ?? false });
    const filePath = await file(`chunks-${i}.txt`, bytes);
    for (const chunkBytes of [1, 2, 3, 5]) {
      const { text, pieces, bytes: read } = await decodeAll(filePath, c.encoding, chunkBytes);
      assert.equal(text, c.text, `${c.iconvName}${c.bom ? '+BOM' : ''} in ${chunkBytes}-byte chunks`);
      assert.ok(!text.includes('\ufffd'));
      assert.equal(read, bytes.length);
      assert.ok(pieces > 1);
    }
  }
});

test('decodeSample leaves out a character cut at the end of the sample', () => {
  const bytes = iconv.encode('自然语言', 'gbk');
  assert.equal(decodeSample(bytes.subarray(0, 5), 'gb18030', false), '自然');
  assert.equal(decodeSample(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'utf-8', true), 'A');
});

test('checkEncoding: a file in the named encoding passes, across chunk boundaries, for every encoding', async () => {
  const ws = await tempWorkspace();
  for (const c of cases) {
    const file = await ws.file(`ok-${c.encoding}-${c.iconvName}.txt`, iconv.encode(c.text, c.iconvName, { addBOM: c.bom ?? false }));
    for (const chunkBytes of [1, 3, 7, 1 << 16]) await checkEncoding(file, 'x.txt', c.encoding, { chunkBytes });
  }
});

test('checkEncoding: bytes the named encoding cannot decode are an error naming the file, line and byte offset', async () => {
  const ws = await tempWorkspace();
  const invalid = await ws.file('bad.txt', Buffer.concat([Buffer.from('first line\nsecond é line\nthird '), Buffer.from([0xff, 0xfe]), Buffer.from(' end\n')]));
  for (const chunkBytes of [1, 5, 1 << 16]) {
    await assert.rejects(checkEncoding(invalid, 'bad.txt', 'utf-8', { chunkBytes }), (e: StudioError) => {
      assert.equal(e.name, 'ImportError');
      assert.equal(e.file, 'bad.txt');
      assert.equal(e.line, 3);
      assert.match(e.message, /^bad\.txt is not valid utf-8: line 3 .*at byte 32: ff/);
      return true;
    });
  }
  // A GB18030 file read as UTF-8: its first character is already invalid.
  const gb = await ws.file('gb.txt', iconv.encode(CHINESE_SIMPLIFIED.join('\n'), 'gb18030'));
  await assert.rejects(checkEncoding(gb, 'gb.txt', 'utf-8'), /gb\.txt is not valid utf-8: line 1 .*at byte 0/);
  // A file cut in the middle of a character.
  const cut = await ws.file('cut.txt', Buffer.from([0x61, 0x0a, 0xe4, 0xb8]));
  await assert.rejects(checkEncoding(cut, 'cut.txt', 'utf-8'), /cut\.txt is not valid utf-8: it ends in the middle of a character \(line 2/);
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xc3, 0xa9, 0xed, 0xa0, 0x80])), 3, 'a UTF-16 surrogate encoded in UTF-8 is invalid');
  assert.equal(firstInvalidUtf8(Buffer.from([0x80, 0x61]), true), -1, 'a continuation from the previous chunk');
});
