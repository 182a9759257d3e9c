/**
 * The training corpus as integers: one streaming pass over the tokens file turns every token into an id and
 * counts it, so training never touches a string again and every epoch is a walk over an Int32Array.
 *
 * Ids handed out here are provisional (order of first occurrence); `buildVocab` later renumbers them by
 * descending count and marks words under min-count as -1, in place.
 */
import { createReadStream } from 'node:fs';
import { StudioError } from '../../../contract/errors.ts';

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

/** A growable Int32Array (doubling), so a big corpus costs 4 bytes a token and no JS array of boxed numbers. */
class IntList {
  data = new Int32Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export async function readCorpus(tokensPath: string, signal?: AbortSignal): Promise<Corpus> {
  const ids = new Map<string, number>();
  const words: string[] = [];
  let counts = new Float64Array(1 << 12);
  const tokens = new IntList();
  const starts = new IntList();
  starts.push(0);

  const addToken = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) {
      id = words.length;
      // Copy the key out of the chunk it was sliced from: V8 substrings keep their parent alive, and the
      // vocabulary would otherwise pin every chunk of the file in memory.
      const own = Buffer.from(token, 'utf8').toString('utf8');
      ids.set(own, id);
      words.push(own);
      if (id === counts.length) {
        const bigger = new Float64Array(counts.length * 2);
        bigger.set(counts);
        counts = bigger;
      }
    }
    counts[id]++;
    tokens.push(id);
    if (tokens.length - starts.data[starts.length - 1] === MAX_SENTENCE_LENGTH) starts.push(tokens.length);
  };

  const addLine = (text: string, from: number, to: number) => {
    if (to > from && text.charCodeAt(to - 1) === 13) to--; // CRLF files
    let start = from;
    while (start < to) {
      let space = text.indexOf(' ', start);
      if (space === -1 || space > to) space = to;
      if (space > start) addToken(text.slice(start, space));
      start = space + 1;
    }
    if (tokens.length > starts.data[starts.length - 1]) starts.push(tokens.length);
  };

  const stream = createReadStream(tokensPath, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      if (signal?.aborted) throw cancelled();
      const text = rest + chunk;
      let from = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
        addLine(text, from, nl);
        from = nl + 1;
      }
      rest = text.slice(from);
    }
  } catch (error) {
    stream.destroy();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new StudioError('NotFoundError', `The tokens file does not exist: ${tokensPath}`, { file: tokensPath });
    }
    throw error;
  }
  addLine(rest, 0, rest.length);
  return { tokens: tokens.toArray(), sentenceStarts: starts.toArray(), words, counts: counts.slice(0, words.length) };
}

export const cancelled = () => new StudioError('CancelledError', 'Training was cancelled');
