/** The store-only zip writer of the export flow. */
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('the store-only zip: CRC-32 check value and a readable central directory', async () => {
  const { crc32, zipStore } = await import('../../../engine/export/zip.ts');
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926); // the CRC-32 check value
  // Dev-time: Python's zipfile.testzip() accepted this archive (names, sizes and CRCs).
  const zip = Buffer.from(zipStore([{ name: 'm/a.txt', data: new TextEncoder().encode('hello') }, { name: 'm/ü.bin', data: new Uint8Array([0, 1, 2, 255]) }]));
  const end = zip.length - 22;
  assert.equal(zip.readUInt32LE(end), 0x06054b50);
  assert.equal(zip.readUInt16LE(end + 10), 2);
  const dir = zip.readUInt32LE(end + 16);
  assert.equal(zip.readUInt32LE(dir), 0x02014b50);
  assert.equal(zip.readUInt32LE(dir + 16), crc32(new TextEncoder().encode('hello')));
  assert.equal(zip.subarray(30, 37).toString(), 'm/a.txt');
  assert.equal(zip.subarray(37, 42).toString(), 'hello');
});
