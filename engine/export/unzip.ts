/**
 * A small ZIP reader for importing an exported model: the end record, the central directory, and each entry's data,
 * stored (method 0, as zip.ts writes them) or deflated (method 8, as most zip tools re-zip them; node:zlib
 * inflateRawSync). Format: PKWARE APPNOTE.TXT 6.3. No ZIP64, no encryption, no multi-disk archives; entry names
 * that are absolute or climb out (`..`) are refused. Every problem is an ImportError naming the file.
 */
import { inflateRawSync } from 'node:zlib';
import { StudioError } from '../../contract/errors.ts';
import { crc32 } from './zip.ts';

export interface ZipEntry {
  /** The name as in the archive, `/`-separated; folders end with `/`. */
  name: string;
  data: Uint8Array;
}

const MAX_COMMENT = 0xffff;

/** All file entries (folders skipped) of a zip archive's bytes. `fileName` names the file in errors. */
export function readZip(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const fail = (reason: string) => new StudioError('ImportError', `Cannot read ${fileName}: ${reason}`, { file: fileName });
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end of central directory record: 22 bytes + a comment of up to 64 KiB, searched from the end.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - MAX_COMMENT); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw fail('not a zip archive (no end of central directory record)');
  if (buf.readUInt16LE(end + 4) !== 0 || buf.readUInt16LE(end + 6) !== 0) throw fail('multi-disk zip archives are not supported');
  const count = buf.readUInt16LE(end + 10);
  const dirSize = buf.readUInt32LE(end + 12);
  const dirOffset = buf.readUInt32LE(end + 16);
  if (dirOffset === 0xffffffff || count === 0xffff) throw fail('ZIP64 archives are not supported');
  if (dirOffset + dirSize > end) throw fail('the central directory lies outside the file');

  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== 0x02014b50) throw fail(`central directory entry ${n + 1} is damaged`);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    if (at + 46 + nameLength > end) throw fail(`central directory entry ${n + 1} is damaged`);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x0800 ? 'utf8' : 'latin1');
    at += 46 + nameLength + extraLength + commentLength;

    checkName(name, fail);
    if (flags & 0x0001) throw fail(`${name} is encrypted`);
    if (name.endsWith('/')) continue; // a folder
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== 0x04034b50) throw fail(`${name}: local header is damaged`);
    const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (start + compressed > buf.length) throw fail(`${name} is cut short`);
    const raw = buf.subarray(start, start + compressed);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
      } catch (error) {
        throw fail(`${name} cannot be inflated (${(error as Error).message})`);
      }
    } else throw fail(`${name} uses compression method ${method}; only stored and deflated entries are supported`);
    if (data.length !== size) throw fail(`${name} has ${data.length} bytes, the directory says ${size}`);
    if (crc32(data) !== crc) throw fail(`${name} is damaged (CRC mismatch)`);
    entries.push({ name, data: new Uint8Array(data) });
  }
  return entries;
}

/** Refuse names that would land outside the folder they are unpacked into. */
function checkName(name: string, fail: (reason: string) => StudioError): void {
  const parts = name.split(/[\\/]/);
  if (name.length === 0 || name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || name.includes('\0') || parts.some((p) => p === '..')) {
    throw fail(`entry "${name}" has an unsafe path`);
  }
}
