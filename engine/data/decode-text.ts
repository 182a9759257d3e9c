/**
 * Streams a file as decoded text. iconv-lite's stateful decoders carry a multi-byte character that a read chunk
 * cut in half over to the next chunk, so chunk boundaries never produce replacement characters.
 */
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import type { Encoding } from '../../contract/corpus.ts';

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
