/**
 * The vector file formats of word2vec.c, as gensim's save_word2vec_format / load_word2vec_format use them.
 *   text:   "V D\n", then per word "word v1 v2 … vD\n"
 *   binary: "V D\n", then per word the UTF-8 word, a space, D little-endian float32s, "\n"
 *           (word2vec.c writes the "\n", gensim does not; the reader accepts both, as gensim's does).
 * Writes are atomic; reads stream the file and report damage as ImportError with the file and line
 * (for binary files, entry k counts as line k + 1 after the header line).
 */
import { StudioError } from '../../../contract/errors.ts';
import { userText } from '../../../contract/user-text.ts';
import { writeChunk, writeStreamAtomic } from '../../workspace/atomic.ts';
import { ByteReader } from './byte-reader.ts';
import { KeyedVectors } from './keyed-vectors.ts';

const NEWLINE = 0x0a;
const SPACE = 0x20;
/** Bytes gathered before a write, so a big model is written in a few hundred large chunks. */
const CHUNK = 1 << 20;
/** The machines Node and Electron ship for are little-endian, so float32 rows can be copied as bytes. */
const LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 0x3f;

/**
 * The shortest decimal that reads back as the same float32 (what numpy's repr, hence gensim, writes):
 * 6 significant digits suffice for most values, 9 always do.
 */
export function formatFloat32(x: number): string {
  if (Object.is(x, -0)) return '-0';
  for (let digits = 6; digits < 9; digits++) {
    const s = Number(x.toPrecision(digits));
    if (Math.fround(s) === x) return String(s);
  }
  return String(Number(x.toPrecision(9)));
}

export async function writeWord2VecText(kv: KeyedVectors, path: string): Promise<void> {
  await writeStreamAtomic(path, async (out) => {
    let text = `${kv.words.length} ${kv.dim}\n`;
    const line: string[] = [];
    for (let i = 0; i < kv.words.length; i++) {
      line.length = 0;
      line.push(checkWord(kv.words[i]));
      for (let c = i * kv.dim, end = c + kv.dim; c < end; c++) line.push(formatFloat32(kv.vectors[c]));
      text += line.join(' ') + '\n';
      if (text.length >= CHUNK) {
        await writeChunk(out, text);
        text = '';
      }
    }
    await writeChunk(out, text);
  });
}

export async function writeWord2VecBinary(kv: KeyedVectors, path: string): Promise<void> {
  const rowBytes = kv.dim * 4;
  await writeStreamAtomic(path, async (out) => {
    let parts: Buffer[] = [Buffer.from(`${kv.words.length} ${kv.dim}\n`)];
    let size = 0;
    for (let i = 0; i < kv.words.length; i++) {
      parts.push(Buffer.from(checkWord(kv.words[i]) + ' ', 'utf8'));
      const row = Buffer.alloc(rowBytes + 1);
      if (LITTLE_ENDIAN) row.set(new Uint8Array(kv.vectors.buffer, kv.vectors.byteOffset + i * rowBytes, rowBytes));
      else for (let c = 0; c < kv.dim; c++) row.writeFloatLE(kv.vectors[i * kv.dim + c], c * 4);
      row[rowBytes] = NEWLINE;
      parts.push(row);
      size += rowBytes + 16;
      if (size >= CHUNK) {
        await writeChunk(out, Buffer.concat(parts));
        parts = [];
        size = 0;
      }
    }
    await writeChunk(out, Buffer.concat(parts));
  });
}

/** A space or newline inside a word would shift every later field of the file. */
function checkWord(word: string): string {
  if (word.length === 0 || /[ \n]/.test(word)) throw new Error(userText('Cannot write the word {word} in word2vec format', { word: JSON.stringify(word) }));
  return word;
}

/** Reads a word2vec text or binary file; `binary` is detected from the bytes after the header when omitted. */
export async function readWord2Vec(path: string, opts: { binary?: boolean } = {}): Promise<KeyedVectors> {
  const reader = new ByteReader(path);
  const fail = (message: string, line: number) => new StudioError('ImportError', userText('{file}, line {line}: {message}', { file: path, line, message }), { file: path, line });
  try {
    const header = await reader.until(NEWLINE, 1000);
    const match = header?.complete ? /^\s*(\d+)\s+(\d+)\s*$/.exec(header.bytes.toString('latin1')) : null;
    if (!match) throw fail(userText('expected a header "<number of words> <dimensions>"'), 1);
    const [count, dim] = [Number(match[1]), Number(match[2])];
    if (dim < 1 || count * dim > 2 ** 31) throw fail(userText('unsupported size: {count} words of {dim} dimensions', { count, dim }), 1);
    const binary = opts.binary ?? looksBinary(await reader.peek(1 << 16));
    const words: string[] = [];
    const vectors = new Float32Array(count * dim);
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    for (let i = 0; i < count; i++) {
      const line = i + 2;
      if (binary) {
        await reader.skip(NEWLINE);
        const word = await reader.until(SPACE, 100_000);
        const row = word?.complete ? await reader.take(dim * 4) : null;
        if (!word || !row) throw fail(userText('the file ends after {done} of {count} vectors (truncated?)', { done: i, count }), line);
        words.push(decode(utf8, word.bytes, () => fail(userText('the word is not valid UTF-8'), line)));
        if (LITTLE_ENDIAN) new Uint8Array(vectors.buffer, i * dim * 4, dim * 4).set(row);
        else for (let c = 0; c < dim; c++) vectors[i * dim + c] = row.readFloatLE(c * 4);
      } else {
        const text = await reader.until(NEWLINE);
        if (!text) throw fail(userText('the file ends after {done} of {count} vectors (truncated?)', { done: i, count }), line);
        const parts = decode(utf8, text.bytes, () => fail(userText('the line is not valid UTF-8'), line)).trimEnd().split(' ');
        if (parts.length !== dim + 1) {
          const found = { dim, found: parts.length - 1 };
          throw fail(text.complete ? userText('expected a word and {dim} numbers, found {found} numbers', found) : userText('expected a word and {dim} numbers, found {found} numbers (truncated?)', found), line);
        }
        words.push(parts[0]);
        for (let c = 0; c < dim; c++) {
          const value = parseNumber(parts[c + 1]);
          if (value === undefined) throw fail(userText('{value} is not a number', { value: JSON.stringify(parts[c + 1].slice(0, 40)) }), line);
          vectors[i * dim + c] = value;
        }
      }
    }
    return new KeyedVectors(words, new Float64Array(count), dim, vectors);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('NotFoundError', userText('The file does not exist: {file}', { file: path }), { file: path });
    throw error;
  } finally {
    reader.close();
  }
}

/** Text files are printable UTF-8 after the header; float32 bytes almost surely contain control bytes or invalid UTF-8. */
function looksBinary(sample: Buffer): boolean {
  for (const byte of sample) if (byte < 0x20 && byte !== NEWLINE && byte !== 0x0d && byte !== 0x09) return true;
  // A multi-byte character may be cut at the end of the sample; only the part up to the last newline must decode.
  const end = sample.lastIndexOf(NEWLINE);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(end === -1 ? sample.subarray(0, Math.max(0, sample.length - 3)) : sample.subarray(0, end));
    return false;
  } catch {
    return true;
  }
}

function decode(decoder: TextDecoder, bytes: Uint8Array, onError: () => Error): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw onError();
  }
}

/** A float as Python writes it (including nan, inf, -inf); undefined for anything else, including "". */
function parseNumber(s: string): number | undefined {
  const value = Number(s);
  if (!Number.isNaN(value) && s.trim() !== '') return value;
  const special = s.toLowerCase();
  if (special === 'nan') return NaN;
  if (special === 'inf' || special === '+inf' || special === 'infinity') return Infinity;
  if (special === '-inf' || special === '-infinity') return -Infinity;
  return undefined;
}
