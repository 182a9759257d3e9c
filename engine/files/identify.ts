/**
 * `file.identify`: what a dropped or picked file is, so the app imports it as that instead of offering every file
 * to the corpus import (which calls a model zip "a binary file"). Decided from the file's own bytes, not its name:
 *   - a zip (its magic "PK\x03\x04") whose central directory lists `model/model.json` and `model/family.json` (or the
 *     older `sequence.json`; or both at the top level, re-zipped by hand) is a model exported by NLP Studio;
 *   - a first line "<count> <dim>" followed by vectors (word2vec text or binary, fastText `.vec`), or lines that are
 *     each a word and the same number of numbers (GloVe; also tab-separated), is a word-vectors file;
 *   - other text (plain, CSV, TSV, JSON Lines, a folder of them) is a corpus;
 *   - anything else (another zip, a cut-short zip, binary data, an empty file) is `unknown`, the reason naming the file.
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError, toStudioError } from '../../contract/errors.ts';
import type { FileIdentity } from '../../contract/files.ts';
import { readZipNames } from '../export/unzip.ts';
import { isNanLiteral, parseFloatBytes } from '../vectors/parse-float.ts';
import { looksBinary, sniffVectors } from '../vectors/sniff.ts';
import { userText } from '../../contract/user-text.ts';

const SAMPLE_BYTES = 64 * 1024;
/** GloVe has no header: this many first lines must each be a word and the same count (≥ 2) of numbers. */
const GLOVE_LINES = 10;
const MODEL_FILE = 'model.json';
const META_FILES = ['family.json', 'sequence.json'];

export async function identifyFile(filePath: string, displayName?: string): Promise<FileIdentity> {
  const fileName = displayName ?? path.basename(filePath);
  const answer = (kind: FileIdentity['kind'], reason: string): FileIdentity => ({ kind, fileName, reason });
  let info;
  try {
    info = await stat(filePath);
  } catch (error) {
    throw new StudioError('ImportError', userText('Cannot read {file}: {reason}', { file: fileName, reason: (error as Error).message }), { file: fileName });
  }
  if (info.isDirectory()) return answer('corpus', userText('{file} is a folder: its text files are imported as one corpus', { file: fileName }));
  if (info.size === 0) return answer('unknown', userText('{file} is empty', { file: fileName }));

  const head = await readHead(filePath);
  if (isZip(head)) return identifyZip(filePath, fileName, answer);

  const vectors = await vectorsLayout(filePath, fileName, head);
  if (vectors) return answer('vectors', vectors);
  if (looksBinary(head)) {
    return answer('unknown', userText('{file} holds binary data: it is not a text corpus, not a model exported by NLP Studio (a .zip) and not a word-vectors file', { file: fileName }));
  }
  return answer('corpus', userText('{file} is text: it is imported as a corpus', { file: fileName }));
}

async function readHead(filePath: string): Promise<Buffer> {
  const file = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** A local file header, or the end record of an empty archive. */
const isZip = (head: Buffer) => head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));

async function identifyZip(filePath: string, fileName: string, answer: (kind: FileIdentity['kind'], reason: string) => FileIdentity): Promise<FileIdentity> {
  let names: string[];
  try {
    names = await readZipNames(filePath, fileName);
  } catch (error) {
    return answer('unknown', toStudioError(error).message);
  }
  const has = new Set(names);
  for (const prefix of ['model/', '']) {
    const meta = META_FILES.find((m) => has.has(prefix + m));
    if (has.has(prefix + MODEL_FILE) && meta) {
      return answer('model-zip', userText('{file} is a zip holding {model} and {meta}: a model exported by NLP Studio', { file: fileName, model: prefix + MODEL_FILE, meta: prefix + meta }));
    }
  }
  return answer('unknown', userText('{file} is a zip archive, but not a model exported by NLP Studio (no model/{model} with model/family.json inside)', { file: fileName, model: MODEL_FILE }));
}

/** Why the file reads as word vectors, or null. A file the vectors reader refuses is simply not vectors here. */
async function vectorsLayout(filePath: string, fileName: string, head: Buffer): Promise<string | null> {
  let layout;
  try {
    layout = await sniffVectors(filePath, fileName, 'auto');
  } catch {
    return null;
  }
  const lines = completeLines(head.subarray(layout.headerBytes));
  if (layout.header) {
    const { count, dim } = layout.header;
    const what = userText('its first line "{count} {dim}" is a word2vec / fastText header ({count} words, {dim} dimensions)', { count, dim });
    if (layout.format === 'word2vec-bin') return userText('{file} is word vectors in word2vec\'s binary format: {header}', { file: fileName, header: what });
    // Text: the next line must be a word and `dim` numbers, or this is some text that starts with two numbers.
    const first = lines[0];
    return first && numbersAfterWord(first) === dim ? userText('{file} is word vectors in word2vec text format: {header}', { file: fileName, header: what }) : null;
  }
  const counts = lines.slice(0, GLOVE_LINES).map(numbersAfterWord);
  const dim = counts[0];
  if (dim === undefined || dim < 2 || counts.some((c) => c !== dim)) return null;
  return userText('{file} is word vectors in GloVe\'s text format: each line is a word and {dim} numbers', { file: fileName, dim });
}

/** The sample's whole lines (the last one may be cut off by the sample's end), empty ones skipped. */
function completeLines(sample: Buffer): string[] {
  const text = sample.toString('latin1');
  const end = text.lastIndexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
}

/** How many numbers follow the first field of a line; -1 when any of them is not a number. */
function numbersAfterWord(line: string): number {
  const fields = line.split(/[ \t]+/).slice(1);
  for (const f of fields) {
    const bytes = Buffer.from(f, 'latin1');
    if (Number.isNaN(parseFloatBytes(bytes, 0, bytes.length)) && !isNanLiteral(bytes, 0, bytes.length)) return -1;
  }
  return fields.length;
}

/** For a command that imports whatever it is given: the identity, or an ImportError saying why it cannot be. */
export function importable(identity: FileIdentity): Exclude<FileIdentity['kind'], 'unknown'> {
  if (identity.kind === 'unknown') throw new StudioError('ImportError', identity.reason, { file: identity.fileName });
  return identity.kind;
}
