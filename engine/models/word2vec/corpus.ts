/**
 * The training corpus as integers: one streaming pass over the tokens file turns every token into an id and
 * counts it, so training never touches a string again and every epoch is a walk over an Int32Array.
 *
 * The pass works on bytes: tokens are split at spaces and line ends in the raw UTF-8 (neither byte occurs inside
 * a multi-byte character) and looked up in a hash table keyed by their bytes (CorpusReader), so no string is
 * made for a token already seen — a string and a Map lookup per token took several times as long. Strings are
 * decoded once per distinct word, at the end.
 *
 * Ids handed out here are provisional (order of first occurrence); `buildVocab` later renumbers them by
 * descending count and marks words under min-count as -1, in place.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StudioError } from '../../../contract/errors.ts';
import { userText } from '../../../contract/user-text.ts';

/** Longer lines are cut into sentences of this many tokens, as gensim's LineSentence and word2vec.c do. */
export const MAX_SENTENCE_LENGTH = 10000;

export interface Corpus {
  /** Token ids, all sentences back to back. [tokenCount] */
  tokens: Int32Array;
  /** Sentence s is tokens[sentenceStarts[s] .. sentenceStarts[s + 1]). [sentenceCount + 1] */
  sentenceStarts: Int32Array;
  /** Distinct words by provisional id. */
  words: string[];
  /** Occurrences of each provisional id. */
  counts: Float64Array;
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(length);
  bigger.set(array);
  return bigger;
}

/**
 * FNV-1a (Fowler, Noll, Vo): one xor and one multiply a byte. Kept to 30 bits so the value is always a small
 * integer for V8: until the loop is optimised, a larger one is a heap allocation per byte.
 */
const FNV_OFFSET = 0x011c9dc5;
const FNV_PRIME = 0x01000193;
const HASH_BITS = 0x3fffffff;
const SPACE = 0x20, NEWLINE = 0x0a, CR = 0x0d;

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let p = start; p < end; p++) h = Math.imul(h ^ bytes[p], FNV_PRIME) & HASH_BITS;
  return h;
}

/**
 * The state of one pass, and the loop over its bytes. Words are found by their bytes in a hash table: open
 * addressing with linear probing over a power-of-two table of ids, kept at most half full; word id's bytes are
 * arena[ends[id - 1] .. ends[id]). One method holds the whole loop with the arrays in locals, so V8 optimises it
 * early and once (split into small functions and objects, the pass took twice as long in a fresh process).
 */
class CorpusReader {
  slots = new Int32Array(1 << 16).fill(-1);
  hashes = new Int32Array(1 << 12);
  ends = new Int32Array(1 << 12);
  arena = new Uint8Array(1 << 16);
  counts = new Float64Array(1 << 12);
  size = 0;
  tokens: Int32Array;
  tokenCount = 0;
  starts = new Int32Array(1 << 12);
  /** starts[0 .. startCount) are the sentence starts so far; the last is where the current sentence began. */
  startCount = 1;

  constructor(expectedTokens: number) {
    this.tokens = new Int32Array(Math.max(1 << 12, expectedTokens));
  }

  /** Splits bytes[0, length) into tokens and lines; returns where the unfinished last token starts. */
  scan(bytes: Uint8Array, length: number): number {
    let { slots, hashes, ends, arena, counts, tokens, starts, size, tokenCount, startCount } = this;
    let mask = slots.length - 1;
    let sentenceStart = starts[startCount - 1];
    let start = 0;
    let h = FNV_OFFSET;
    for (let p = 0; p < length; p++) {
      const b = bytes[p];
      if (b !== SPACE && b !== NEWLINE) {
        h = Math.imul(h ^ b, FNV_PRIME) & HASH_BITS;
        continue;
      }
      let end = p;
      if (b === NEWLINE && end > start && bytes[end - 1] === CR) h = hashBytes(bytes, start, --end); // CRLF files
      if (end > start) {
        // Find the word, or add it.
        const n = end - start;
        let id = -1;
        for (let slot = h & mask; ; slot = (slot + 1) & mask) {
          id = slots[slot];
          if (id < 0) {
            id = size++;
            if (id === ends.length) {
              ends = grow(ends, id * 2);
              hashes = grow(hashes, id * 2);
              counts = grow(counts, id * 2);
            }
            const from = id === 0 ? 0 : ends[id - 1];
            if (from + n > arena.length) arena = grow(arena, Math.max(from + n, arena.length * 2));
            arena.set(bytes.subarray(start, end), from);
            ends[id] = from + n;
            hashes[id] = h;
            slots[slot] = id;
            if (size * 2 > slots.length) {
              slots = rehash(hashes, size, slots.length * 2);
              mask = slots.length - 1;
            }
            break;
          }
          if (hashes[id] !== h) continue;
          const from = id === 0 ? 0 : ends[id - 1];
          if (ends[id] - from !== n) continue;
          let k = 0;
          while (k < n && arena[from + k] === bytes[start + k]) k++;
          if (k === n) break;
        }
        counts[id]++;
        if (tokenCount === tokens.length) tokens = grow(tokens, tokenCount * 2);
        tokens[tokenCount++] = id;
        if (tokenCount - sentenceStart === MAX_SENTENCE_LENGTH) {
          if (startCount === starts.length) starts = grow(starts, startCount * 2);
          starts[startCount++] = sentenceStart = tokenCount;
        }
      }
      if (b === NEWLINE && tokenCount > sentenceStart) {
        if (startCount === starts.length) starts = grow(starts, startCount * 2);
        starts[startCount++] = sentenceStart = tokenCount;
      }
      start = p + 1;
      h = FNV_OFFSET;
    }
    Object.assign(this, { slots, hashes, ends, arena, counts, tokens, starts, size, tokenCount, startCount });
    return start;
  }

  finish(): Corpus {
    const arena = Buffer.from(this.arena.buffer, this.arena.byteOffset, this.arena.length);
    const words = Array.from({ length: this.size }, (_, id) => arena.toString('utf8', id === 0 ? 0 : this.ends[id - 1], this.ends[id]));
    return {
      tokens: this.tokens.slice(0, this.tokenCount),
      sentenceStarts: this.starts.slice(0, this.startCount),
      words,
      counts: this.counts.slice(0, this.size),
    };
  }
}

/** A table of twice the slots for the first `size` ids. */
function rehash(hashes: Int32Array, size: number, length: number): Int32Array<ArrayBuffer> {
  const slots = new Int32Array(length).fill(-1);
  const mask = length - 1;
  for (let id = 0; id < size; id++) {
    let slot = hashes[id] & mask;
    while (slots[slot] >= 0) slot = (slot + 1) & mask;
    slots[slot] = id;
  }
  return slots;
}

export async function readCorpus(tokensPath: string, signal?: AbortSignal): Promise<Corpus> {
  const notFound = (error: unknown) =>
    (error as NodeJS.ErrnoException).code === 'ENOENT' ? new StudioError('NotFoundError', userText('The tokens file does not exist: {file}', { file: tokensPath }), { file: tokensPath }) : error;
  // Tokens take 4 bytes each and a token and its separator at least 2 bytes of the file: starting at
  // file size / 4 tokens, the array grows at most once for ordinary text.
  const size = await stat(tokensPath).then((s) => s.size, (error) => Promise.reject(notFound(error)));
  const reader = new CorpusReader(Math.floor(size / 4));
  let rest: Uint8Array = new Uint8Array(0);
  const stream = createReadStream(tokensPath, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw cancelled();
      // A token cut by the chunk boundary is carried over and scanned again with the next chunk.
      const bytes = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      rest = bytes.subarray(reader.scan(bytes, bytes.length));
    }
  } catch (error) {
    stream.destroy();
    throw notFound(error);
  }
  // The last line, without its newline.
  const last = new Uint8Array(rest.length + 1);
  last.set(rest);
  last[rest.length] = NEWLINE;
  reader.scan(last, last.length);
  return reader.finish();
}

export const cancelled = () => new StudioError('CancelledError', userText('Training was cancelled'));
