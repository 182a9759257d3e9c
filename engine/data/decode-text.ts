/**
 * Streams a file as decoded text. iconv-lite's stateful decoders carry a multi-byte character that a read chunk
 * cut in half over to the next chunk, so chunk boundaries never produce replacement characters.
 */
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import type { Encoding } from '../../contract/corpus.ts';
import { importError, readError } from './import-error.ts';
import { userText } from '../../contract/user-text.ts';

/** 256 KB: large enough for fast reads, small enough that progress and cancellation stay responsive. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;

/** Raw bytes read so far, shared with whoever reports progress. */
export interface ByteCounter {
  bytes: number;
}

/**
 * Our encoding names → iconv-lite's. `latin1` decodes as Windows-1252, as browsers do (WHATWG Encoding): files
 * labelled Latin-1 are nearly always Windows-1252, whose 0x80–0x9F are curly quotes and dashes, not controls.
 * `gb18030` also reads GBK and GB2312, its subsets.
 */
export function iconvName(encoding: Encoding): 'utf8' | 'utf16le' | 'utf16be' | 'gb18030' | 'big5' | 'windows1252' {
  switch (encoding) {
    case 'utf-8':
      return 'utf8';
    case 'utf-16le':
      return 'utf16le';
    case 'utf-16be':
      return 'utf16be';
    case 'latin1':
      return 'windows1252';
    default:
      return encoding;
  }
}

const BOM = '\ufeff';

/** Decode a leading sample; a character cut at the sample's end is left out unless the sample is the whole file. */
export function decodeSample(sample: Uint8Array, encoding: Encoding, wholeFile: boolean): string {
  const decoder = iconv.getDecoder(iconvName(encoding), { stripBOM: false });
  const text = decoder.write(Buffer.from(sample)) + (wholeFile ? (decoder.end() ?? '') : '');
  return text.startsWith(BOM) ? text.slice(1) : text;
}

export interface DecodeOptions {
  chunkBytes?: number;
  counter?: ByteCounter;
}

/** Yields the file's text in pieces of about `chunkBytes` bytes each, without a leading byte-order mark. */
export async function* decodeFile(filePath: string, encoding: Encoding, options: DecodeOptions = {}): AsyncGenerator<string> {
  const decoder = encoding === 'gb18030' ? new WholeSequenceGb18030Decoder() : iconv.getDecoder(iconvName(encoding), { stripBOM: false });
  const stream = createReadStream(filePath, { highWaterMark: options.chunkBytes ?? DEFAULT_CHUNK_BYTES });
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (options.counter) options.counter.bytes += chunk.length;
    let text = decoder.write(chunk);
    // The BOM may take more than one chunk to arrive when chunks are tiny, so strip it from the first text, not bytes.
    if (first && text.length > 0) {
      first = false;
      if (text.startsWith(BOM)) text = text.slice(1);
    }
    if (text.length > 0) yield text;
  }
  const tail = decoder.end();
  if (tail) yield first && tail.startsWith(BOM) ? tail.slice(1) : tail;
}

/**
 * iconv-lite 0.7.3 loses characters when a 4-byte GB18030 sequence (e.g. U+20000 𠀀) is split between two writes
 * (its output buffer is sized for the bytes of one write). So we cut the byte stream only between whole
 * sequences and hold back an unfinished one until the next chunk arrives.
 */
class WholeSequenceGb18030Decoder {
  private readonly inner = iconv.getDecoder('gb18030', { stripBOM: false });
  private pending: Buffer = Buffer.alloc(0);

  write(chunk: Buffer): string {
    const bytes = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const whole = completeGb18030Length(bytes);
    this.pending = Buffer.from(bytes.subarray(whole));
    return whole > 0 ? this.inner.write(bytes.subarray(0, whole)) : '';
  }

  end(): string | undefined {
    const rest = this.pending.length > 0 ? this.inner.write(this.pending) : '';
    this.pending = Buffer.alloc(0);
    return rest + (this.inner.end() ?? '');
  }
}

/** Bytes at the start of `bytes` that form whole GB18030 sequences (1, 2 or 4 bytes long). */
function completeGb18030Length(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x81 || lead === 0xff) {
      i++;
      continue;
    }
    if (i + 1 >= bytes.length) break;
    const second = bytes[i + 1];
    const length = second >= 0x30 && second <= 0x39 ? 4 : 2;
    if (i + length > bytes.length) break;
    i += length;
  }
  return i;
}

/** WHATWG names of our encodings, for the platform's fatal TextDecoder. */
const WHATWG: Record<Encoding, string> = { 'utf-8': 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', gb18030: 'gb18030', big5: 'big5', latin1: 'windows-1252' };

/**
 * A file imported with an encoding the user named must really be in it: decoding never drops or replaces bytes
 * silently. One streaming pass with the platform's fatal decoder (native, fast); at the first byte sequence the
 * encoding cannot decode, an ImportError names the file, the line and the byte offset. ('auto' does not call this:
 * detection chose the encoding.) Latin-1 (Windows-1252) decodes every byte, so it always passes.
 */
export async function checkEncoding(filePath: string, fileName: string, encoding: Encoding, options: DecodeOptions = {}): Promise<void> {
  const fatal = new TextDecoder(WHATWG[encoding], { fatal: true });
  // Runs beside the fatal one to tell, once it fails, where: the line of the first replacement character.
  const lenient = new TextDecoder(WHATWG[encoding]);
  let lines = 1;
  let offset = 0;
  try {
    for await (const chunk of createReadStream(filePath, { highWaterMark: options.chunkBytes ?? DEFAULT_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      const text = lenient.decode(chunk, { stream: true });
      try {
        fatal.decode(chunk, { stream: true });
      } catch {
        throw badBytes(fileName, encoding, lines, text, chunk, offset);
      }
      lines += countLines(text);
      offset += chunk.length;
    }
    try {
      fatal.decode();
    } catch {
      throw importError(fileName, userText('{file} is not valid {encoding}: it ends in the middle of a character (line {line}, byte {byte}). Choose its encoding (or auto) when importing', { file: fileName, encoding, line: lines, byte: offset }), lines);
    }
  } catch (error) {
    throw readError(fileName, error);
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The error for the first undecodable bytes in `chunk` (which starts at byte `start` of the file, on line `line`). */
function badBytes(fileName: string, encoding: Encoding, line: number, text: string, chunk: Buffer, start: number) {
  const bad = text.indexOf('\ufffd');
  const before = bad >= 0 ? text.slice(0, bad) : text;
  const at = line + countLines(before);
  // UTF-8: the exact offset of the first invalid byte; otherwise the offset of the text before it, re-encoded.
  const within = encoding === 'utf-8' ? firstInvalidUtf8(chunk, start > 0) : Math.min(chunk.length, iconv.encode(before, iconvName(encoding)).length);
  const offset = start + Math.max(0, within);
  const bytes = [...chunk.subarray(Math.max(0, within), Math.max(0, within) + 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return importError(fileName, userText('{file} is not valid {encoding}: line {line} has bytes {encoding} cannot decode (at byte {byte}: {bytes}). Choose its encoding (or auto) when importing', { file: fileName, encoding, line: at, byte: offset, bytes }), at);
}

/**
 * The offset of the first byte of `bytes` that does not belong to a valid UTF-8 sequence, or -1. `continued`: the
 * bytes follow a previous chunk, so up to 3 leading continuation bytes end a sequence begun there.
 */
export function firstInvalidUtf8(bytes: Uint8Array, continued = false): number {
  let i = 0;
  while (continued && i < bytes.length && i < 3 && (bytes[i] & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return -1; // cut at the chunk's end: judged with the next chunk
      const c = bytes[i + k];
      const lo = k === 1 && b === 0xe0 ? 0xa0 : k === 1 && b === 0xf0 ? 0x90 : 0x80;
      const hi = k === 1 && b === 0xed ? 0x9f : k === 1 && b === 0xf4 ? 0x8f : 0xbf;
      if (c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return -1;
}
