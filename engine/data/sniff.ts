/**
 * The first look at a file, shared by preview and import: does it exist, is it empty, which encoding, is it text
 * at all. Reads only the first 64 KB.
 */
import { open, stat } from 'node:fs/promises';
import type { Encoding } from '../../contract/corpus.ts';
import { decodeSample, checkEncoding } from './decode-text.ts';
import { detectEncoding } from './encoding-detect.ts';
import { importError, readError } from './import-error.ts';
import { userText } from '../../contract/user-text.ts';

export const SAMPLE_BYTES = 64 * 1024;

export interface Sniffed {
  fileName: string;
  sizeBytes: number;
  encoding: Encoding;
  encodingConfidence: number;
  /** The decoded sample, without a BOM and without a character cut at the sample's end. */
  sampleText: string;
  /** The sample is the whole file. */
  complete: boolean;
}

/** Throws an ImportError naming the file when it cannot be read, is empty or is not text. */
export async function sniffFile(filePath: string, fileName: string, encoding: Encoding | 'auto' = 'auto'): Promise<Sniffed> {
  const sizeBytes = await fileSize(filePath, fileName);
  if (sizeBytes === 0) throw importError(fileName, userText('{file} is empty', { file: fileName }));
  const sample = await readSample(filePath, fileName, Math.min(sizeBytes, SAMPLE_BYTES));
  const complete = sample.length >= sizeBytes;
  const guess = encoding === 'auto' ? detectEncoding(sample, complete) : { encoding, confidence: 1 };
  const sampleText = decodeSample(sample, guess.encoding, complete);
  if (looksBinary(sampleText)) throw importError(fileName, userText('{file} looks like a binary file, not text', { file: fileName }));
  // An encoding the user named must fit the whole file: an error naming the line, not replaced characters.
  if (encoding !== 'auto') await checkEncoding(filePath, fileName, encoding);
  return { fileName, sizeBytes, encoding: guess.encoding, encodingConfidence: guess.confidence, sampleText, complete };
}

async function fileSize(filePath: string, fileName: string): Promise<number> {
  try {
    const info = await stat(filePath);
    if (info.isDirectory()) throw importError(fileName, userText('Cannot read {file}: {reason}', { file: fileName, reason: userText('it is a folder, not a file') }));
    return info.size;
  } catch (error) {
    throw readError(fileName, error);
  }
}

async function readSample(filePath: string, fileName: string, length: number): Promise<Buffer> {
  try {
    const handle = await open(filePath, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw readError(fileName, error);
  }
}

/**
 * Text has no NUL characters and few control characters (tab, line breaks and form feed aside). Checked on the
 * decoded sample, so UTF-16 — full of NUL bytes — passes once decoded.
 */
export function looksBinary(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) controls++;
  }
  return controls > 0.02 * text.length;
}
