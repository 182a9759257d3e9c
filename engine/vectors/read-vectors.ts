/**
 * Pretrained word vectors from a file: word2vec.c / gensim text and binary, fastText `.vec` (word2vec text with a
 * "count dim" header) and GloVe text (no header; the dimension is the first line's number of values).
 *   word2vec-text, .vec: "V D\n", then per word "word v1 … vD\n"
 *   word2vec-bin:        "V D\n", then per word the word's bytes, " ", D float32 LE, and an optional "\n"
 *   glove:               "word v1 … vD\n" from the first line on
 *
 * Memory is the vectors themselves: one Float32Array [words, dim] allocated from the header's count (or, for
 * GloVe, from an estimate by file size, grown by re-estimating in the rare case it falls short), filled in place
 * while the file streams through a 4 MiB buffer; values are parsed from the bytes without a string per value.
 *
 * Choices, as gensim's `load_word2vec_format` makes them: a word that appears again keeps its first vector (later
 * copies are dropped and counted in `duplicates`); `maxWords` keeps the first N words (gensim's `limit`); a
 * word that is not valid UTF-8 is read as Latin-1 (gensim's `unicode_errors` with a lossless fallback), counted in
 * `latin1Words`. Damage — a wrong number of values, a value that is not a number, fewer vectors than the header
 * says, a binary vector cut short — is an ImportError naming the file and line (for binary files, vector k counts
 * as line k + 1 after the header line). Blank lines are skipped. Lines after the header's count are ignored.
 */
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import type { PretrainedFormat } from '../../contract/word2vec.ts';
import { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { ChunkReader } from './chunk-reader.ts';
import { isNanLiteral, parseFloatBytes } from './parse-float.ts';
import { sniffVectors } from './sniff.ts';
import type { ConcreteFormat, VectorsLayout } from './sniff.ts';
import { vectorsError } from './vectors-error.ts';

export interface ReadVectorsOptions {
  /** @default 'auto' */
  format?: PretrainedFormat;
  /** Keep only the first N distinct words. */
  maxWords?: number;
  /** The file's name in error messages (uploads live under random names). @default the path's basename */
  fileName?: string;
  /** A layout already sniffed (the import handler sniffs before it creates the run). */
  layout?: VectorsLayout;
  signal?: AbortSignal;
  /** Called after each chunk of the file (every 4 MiB). */
  onProgress?: (progress: { bytesRead: number; totalBytes: number; words: number }) => void;
  /** Bytes read at a time (tests use tiny chunks to cross every boundary). @default 4 MiB */
  chunkSize?: number;
}

export interface PretrainedVectors {
  kv: KeyedVectors;
  format: ConcreteFormat;
  /** Later occurrences of a word already read; dropped. */
  duplicates: number;
  /** Words that were not valid UTF-8, read as Latin-1. */
  latin1Words: number;
  totalBytes: number;
}

/** readWord2Vec (hence loadWord2VecModel) refuses more values than this, so an import must too. */
const MAX_VALUES = 2 ** 31;
const DEFAULT_CHUNK = 4 << 20;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 0x3f;

export async function readPretrainedVectors(file: string, options: ReadVectorsOptions = {}): Promise<PretrainedVectors> {
  const fileName = options.fileName ?? path.basename(file);
  let reader: ChunkReader;
  try {
    reader = await ChunkReader.open(file, chunkBytes(options));
  } catch (error) {
    throw readError(fileName, error);
  }
  try {
    const layout = options.layout ?? (await sniffVectors(file, fileName, options.format ?? 'auto'));
    const builder = new VectorsBuilder(fileName, reader, options, layout);
    if (layout.format === 'word2vec-bin') await builder.readBinary();
    else await builder.readText();
    return builder.finish();
  } catch (error) {
    throw readError(fileName, error);
  } finally {
    await reader.close();
  }
}

class VectorsBuilder {
  dim = 0;
  private vectors = new Float32Array(0);
  private capacity = 0;
  private readonly words: string[] = [];
  private readonly seen = new Set<string>();
  private duplicates = 0;
  private latin1Words = 0;
  /** How many words to keep at most. */
  private readonly limit: number;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly fileName: string,
    private readonly reader: ChunkReader,
    private readonly options: ReadVectorsOptions,
    private readonly layout: VectorsLayout,
  ) {
    this.limit = Math.min(options.maxWords ?? Infinity, layout.header?.count ?? Infinity);
    if (layout.header) {
      this.dim = layout.header.dim;
      if (this.limit * this.dim > MAX_VALUES) {
        throw vectorsError(fileName, userText('{words} words × {dim} dimensions is more than NLP Studio can hold (2^31 values): import fewer words (maxWords)', { words: this.limit, dim: this.dim }), 1);
      }
      this.allocate(this.limit);
    }
  }

  private fail(message: string, line: number): StudioError {
    return vectorsError(this.fileName, message, line);
  }

  /** Between chunks: stop if cancelled, report how far we are. */
  private tick(): void {
    if (this.options.signal?.aborted) throw new StudioError('CancelledError', userText('The import was cancelled'));
    this.options.onProgress?.({ bytesRead: this.reader.offset, totalBytes: this.reader.size, words: this.words.length });
  }

  private allocate(rows: number): void {
    const next = new Float32Array(rows * this.dim);
    next.set(this.vectors.subarray(0, this.words.length * this.dim));
    this.vectors = next;
    this.capacity = rows;
  }

  /** Room for one more row; GloVe files grow to a fresh estimate from the bytes per line so far. */
  private reserveRow(line: number): void {
    if (this.words.length < this.capacity) return;
    const maxRows = Math.floor(MAX_VALUES / this.dim);
    if (this.words.length >= maxRows) {
      throw this.fail(userText('more than {rows} vectors of {dim} dimensions is more than NLP Studio can hold (2^31 values): import fewer words (maxWords)', { rows: maxRows, dim: this.dim }), line);
    }
    const done = Math.max(1, this.reader.offset);
    const bytesPerWord = done / Math.max(1, this.words.length + this.duplicates);
    const estimate = Math.ceil(this.words.length + ((this.reader.size - done) / bytesPerWord) * 1.02) + 1024;
    const rows = Math.min(this.limit, maxRows, Math.max(estimate, Math.ceil(this.capacity * 1.25), 1024));
    this.allocate(rows);
  }

  /** Keeps the word whose values were just written into the next row, unless it is a duplicate (the row is reused). */
  private commit(word: string): void {
    if (this.seen.has(word)) {
      this.duplicates++;
      return;
    }
    this.seen.add(word);
    this.words.push(word);
  }

  private decodeWord(bytes: Buffer, start: number, end: number): string {
    let ascii = true;
    for (let i = start; i < end; i++) if (bytes[i] >= 0x80) (ascii = false), (i = end);
    if (ascii) return bytes.toString('latin1', start, end);
    try {
      return this.utf8.decode(bytes.subarray(start, end));
    } catch {
      this.latin1Words++;
      return bytes.toString('latin1', start, end);
    }
  }

  async readText(): Promise<void> {
    const { reader, layout } = this;
    await reader.need(layout.headerBytes);
    reader.pos = layout.headerBytes;
    let line = layout.header ? 1 : 0;
    let rowsRead = 0; // non-blank lines after the header, duplicates included
    const rowsWanted = layout.header?.count ?? Infinity;
    while (this.words.length < this.limit && rowsRead < rowsWanted) {
      let nl = reader.bytes.indexOf(NEWLINE, reader.pos);
      if (nl === -1 || nl >= reader.end) {
        this.tick();
        if (await reader.more()) continue;
        if (reader.pos >= reader.end) break;
        nl = reader.end; // a last line without a newline
      }
      line++;
      const complete = nl < reader.end;
      const start = reader.pos;
      reader.pos = complete ? nl + 1 : nl;
      if (this.parseLine(reader.bytes, start, nl, line, complete)) rowsRead++;
    }
    if (layout.header && rowsRead < rowsWanted && this.words.length < this.limit) {
      throw this.fail(userText('the file ends after {read} of the {wanted} vectors its header announces (truncated?)', { read: rowsRead, wanted: rowsWanted }), line + 1);
    }
    if (this.words.length === 0) throw vectorsError(this.fileName, userText('{file} holds no vectors', { file: this.fileName }));
  }

  /** One "word v1 … vD" line; false for a blank line. */
  private parseLine(bytes: Buffer, start: number, end: number, line: number, complete: boolean): boolean {
    while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === CR || bytes[end - 1] === TAB)) end--;
    if (end === start) return false;
    let wordEnd = start;
    while (wordEnd < end && bytes[wordEnd] !== SPACE && bytes[wordEnd] !== TAB) wordEnd++;
    if (wordEnd === start) throw this.fail(userText('the line starts with a space: its word is empty'), line);
    if (this.dim === 0) {
      // GloVe: the first line decides the dimension.
      this.dim = countFields(bytes, wordEnd, end);
      if (this.dim === 0) throw this.fail(userText('expected a word followed by its vector\'s numbers'), line);
      const bytesPerLine = end - start + 1;
      this.allocate(Math.min(this.limit, Math.floor(MAX_VALUES / this.dim), Math.ceil((this.reader.size / bytesPerLine) * 1.05) + 1024));
    }
    this.reserveRow(line);
    const dim = this.dim;
    const out = this.vectors;
    const o = this.words.length * dim;
    let k = 0;
    let i = wordEnd;
    for (;;) {
      while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
      if (i >= end) break;
      let j = i;
      while (j < end && bytes[j] !== SPACE && bytes[j] !== TAB) j++;
      if (k < dim) {
        const value = parseFloatBytes(bytes, i, j);
        if (value !== value && !isNanLiteral(bytes, i, j)) {
          throw this.fail(userText('"{value}" is not a number', { value: JSON.stringify(bytes.toString('utf8', i, Math.min(j, i + 40))).slice(1, -1) }), line);
        }
        out[o + k] = value;
      }
      k++;
      i = j;
    }
    if (k !== dim) {
      const word = bytes.toString('utf8', start, Math.min(wordEnd, start + 60));
      const counts = { word: JSON.stringify(word), expected: numbers(dim), found: numbers(k) };
      throw this.fail(complete ? userText('expected {word} and {expected}, found {found}', counts) : userText('expected {word} and {expected}, found {found} (truncated?)', counts), line);
    }
    this.commit(this.decodeWord(bytes, start, wordEnd));
    return true;
  }

  async readBinary(): Promise<void> {
    const { reader, layout, dim } = this;
    const count = layout.header!.count;
    const rowBytes = dim * 4;
    await reader.need(layout.headerBytes);
    reader.pos = layout.headerBytes;
    const tickBytes = chunkBytes(this.options);
    let nextTick = reader.offset + tickBytes;
    let entry = 0;
    for (; entry < count && this.words.length < this.limit; entry++) {
      const line = entry + 2;
      if (reader.offset >= nextTick) {
        this.tick();
        nextTick = reader.offset + tickBytes;
      }
      // word2vec.c writes "\n" after each vector; gensim does not. Skip it either way.
      for (;;) {
        while (reader.pos < reader.end && reader.bytes[reader.pos] === NEWLINE) reader.pos++;
        if (reader.pos < reader.end || !(await reader.more())) break;
      }
      const space = await reader.find(SPACE, 100_000);
      if (space === -1) {
        if (reader.pos >= reader.end) throw this.fail(userText('the file ends after {read} of the {wanted} vectors its header announces (truncated?)', { read: entry, wanted: count }), line);
        throw this.fail(reader.end - reader.pos > 100_000 ? userText('no space after the word within 100,000 bytes: not a word2vec binary file?') : userText('the file ends inside a word, after {read} of the {wanted} vectors (truncated?)', { read: entry, wanted: count }), line);
      }
      const wordLength = space - reader.pos;
      if (wordLength === 0) throw this.fail(userText('empty word'), line);
      if (!(await reader.need(wordLength + 1 + rowBytes))) {
        throw this.fail(userText('the file ends inside the vector of word {word} of {count} (truncated?)', { word: entry + 1, count }), line);
      }
      const bytes = reader.bytes;
      const start = reader.pos;
      const values = start + wordLength + 1;
      this.reserveRow(line);
      const o = this.words.length * dim;
      if (LITTLE_ENDIAN) new Uint8Array(this.vectors.buffer, o * 4, rowBytes).set(bytes.subarray(values, values + rowBytes));
      else for (let c = 0; c < dim; c++) this.vectors[o + c] = bytes.readFloatLE(values + c * 4);
      this.commit(this.decodeWord(bytes, start, start + wordLength));
      reader.pos = values + rowBytes;
    }
    if (this.words.length === 0) throw vectorsError(this.fileName, userText('{file} holds no vectors', { file: this.fileName }));
  }

  finish(): PretrainedVectors {
    this.tick();
    const n = this.words.length;
    this.seen.clear();
    // A view when little is unused (duplicates, GloVe's estimate); a copy only when the estimate was far off.
    const used = n * this.dim;
    const vectors = this.vectors.length - used > used / 16 ? this.vectors.slice(0, used) : this.vectors.subarray(0, used);
    const kv = new KeyedVectors(this.words, new Float64Array(n), this.dim, vectors);
    return { kv, format: this.layout.format, duplicates: this.duplicates, latin1Words: this.latin1Words, totalBytes: this.reader.size };
  }
}

const chunkBytes = (options: ReadVectorsOptions) => options.chunkSize ?? DEFAULT_CHUNK;

/** "1 number", "300 numbers": a line's count of values, for messages. */
function numbers(count: number): string {
  return count === 1 ? userText('1 number') : userText('{count} numbers', { count });
}

/** Number of space- or tab-separated fields in bytes[start, end). */
function countFields(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  let inField = false;
  for (let i = start; i < end; i++) {
    const sep = bytes[i] === SPACE || bytes[i] === TAB;
    if (!sep && !inField) n++;
    inField = !sep;
  }
  return n;
}

function readError(fileName: string, error: unknown): StudioError {
  if (error instanceof StudioError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new StudioError('NotFoundError', userText('The file does not exist: {file}', { file: fileName }), { file: fileName });
  const reason = code === 'EACCES' || code === 'EPERM' ? userText('permission denied') : code === 'EISDIR' ? userText('it is a folder, not a file') : error instanceof Error ? error.message : String(error);
  return new StudioError('ImportError', userText('Cannot read {file}: {reason}', { file: fileName, reason }), { file: fileName });
}
