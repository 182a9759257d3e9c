/**
 * Which pretrained layout a file has, from its first 64 KiB:
 *   - a first line "<count> <dim>" is a word2vec header (word2vec.c, gensim, fastText's `.vec`); the bytes after
 *     it are binary (word2vec-bin) if they hold control bytes or invalid UTF-8, else text (word2vec-text);
 *   - otherwise the file must look like GloVe text: "word v1 … vD" from the first line on.
 * An explicit format is checked against the file where a wrong choice would give a confusing error later.
 */
import { open } from 'node:fs/promises';
import type { PretrainedFormat } from '../../contract/word2vec.ts';
import { userText } from '../../contract/user-text.ts';
import { parseFloatBytes, isNanLiteral } from './parse-float.ts';
import { vectorsError } from './vectors-error.ts';

export type ConcreteFormat = Exclude<PretrainedFormat, 'auto'>;

export interface VectorsLayout {
  format: ConcreteFormat;
  /** The word2vec header, or null for GloVe. */
  header: { count: number; dim: number } | null;
  /** Bytes before the first vector: a byte order mark, if any, and the header line with its newline. */
  headerBytes: number;
}

const SAMPLE_BYTES = 64 * 1024;
const NEWLINE = 0x0a;
const HEADER = /^\s*(\d+)\s+(\d+)\s*$/;
/** Beyond this a vector is surely not a word vector (and a typo'd header would allocate gigabytes). */
export const MAX_DIM = 100_000;

export async function sniffVectors(path: string, fileName: string, requested: PretrainedFormat): Promise<VectorsLayout> {
  const file = await open(path, 'r');
  let sample: Buffer;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SAMPLE_BYTES, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  // A UTF-8 byte order mark (some editors add one) is skipped, not read as part of the header or first word.
  const bom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0;
  sample = sample.subarray(bom);
  if (sample.length === 0) throw vectorsError(fileName, userText('{file} is empty', { file: fileName }));

  const firstEnd = sample.indexOf(NEWLINE);
  const firstLine = sample.subarray(0, firstEnd === -1 ? sample.length : firstEnd);
  const header = firstLine.length <= 100 ? HEADER.exec(firstLine.toString('latin1')) : null;

  if (header) {
    const count = Number(header[1]);
    const dim = Number(header[2]);
    if (dim < 1 || dim > MAX_DIM) throw vectorsError(fileName, userText('the header says {dim} dimensions (expected 1 to {max})', { dim, max: MAX_DIM }), 1);
    if (count < 1) throw vectorsError(fileName, userText('the header says the file holds no vectors'), 1);
    if (requested === 'glove') {
      throw vectorsError(fileName, userText('"{header}" is a word2vec/fastText header (word count, dimensions), which GloVe files do not have: choose word2vec-text, word2vec-bin or auto', { header: firstLine.toString('latin1').trim() }), 1);
    }
    const format = requested === 'auto' ? (looksBinary(sample.subarray(firstEnd + 1)) ? 'word2vec-bin' : 'word2vec-text') : requested;
    return { format, header: { count, dim }, headerBytes: bom + firstEnd + 1 };
  }

  if (requested === 'word2vec-text' || requested === 'word2vec-bin') {
    throw vectorsError(fileName, userText('expected a header "<number of words> <dimensions>" (GloVe files have none: choose glove or auto)'), 1);
  }
  if (looksBinary(sample)) throw vectorsError(fileName, userText('{file} is not a vectors file: it holds binary data but no word2vec header', { file: fileName }));
  // GloVe: "word v1 … vD". The first value must be a number, or this is some other text file.
  const text = firstLine.toString('latin1');
  const fields = text.trim().split(/[ \t]+/);
  const firstValue = Buffer.from(fields[1] ?? '', 'latin1');
  if (fields.length < 2 || (Number.isNaN(parseFloatBytes(firstValue, 0, firstValue.length)) && !isNanLiteral(firstValue, 0, firstValue.length))) {
    throw vectorsError(fileName, userText('expected a word followed by its vector\'s numbers (GloVe) or a header "<number of words> <dimensions>" (word2vec, fastText)'), 1);
  }
  return { format: 'glove', header: null, headerBytes: bom };
}

/**
 * Text is printable UTF-8; float32 bytes almost surely contain control bytes or invalid UTF-8 within a few
 * vectors. Only the part up to the last newline must decode (a character may be cut at the sample's end).
 */
export function looksBinary(sample: Uint8Array): boolean {
  for (const byte of sample) if (byte < 0x20 && byte !== NEWLINE && byte !== 0x0d && byte !== 0x09) return true;
  let end = sample.lastIndexOf(NEWLINE);
  if (end === -1) end = Math.max(0, sample.length - 3);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return false;
  } catch {
    return true;
  }
}
