import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import type { Encoding } from '../../../contract/corpus.ts';
import { decodeFile, decodeSample } from '../../../engine/data/decode-text.ts';
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
