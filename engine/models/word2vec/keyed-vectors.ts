/**
 * Trained word vectors and the queries the explorer runs on them (gensim's KeyedVectors, the parts we need).
 * Similarities are cosines; unit-length rows are computed once, on the first query, and reused.
 */
import { StudioError } from '../../../contract/errors.ts';
import { userText } from '../../../contract/user-text.ts';
import { normalizationOfVocabulary, wordNormalizer, type WordNormalization } from '../../../contract/word-normalization.ts';

export interface Scored {
  word: string;
  score: number;
}

export class KeyedVectors {
  readonly words: string[];
  /** Corpus counts, aligned with `words` (the word2vec file formats do not store them; 0 when unknown). */
  readonly counts: Float64Array;
  readonly dim: number;
  /** Row-major. [words.length, dim] */
  readonly vectors: Float32Array;
  private readonly index: Map<string, number>;
  private unit: Float32Array | undefined;
  private normalizationCache: WordNormalization | undefined;
  private normalizeCache: ((word: string) => string) | undefined;

  constructor(words: string[], counts: Float64Array, dim: number, vectors: Float32Array) {
    if (counts.length !== words.length || vectors.length !== words.length * dim) {
      throw new Error(`KeyedVectors: ${words.length} words, ${counts.length} counts, ${vectors.length} values for dim ${dim}`);
    }
    this.words = words;
    this.counts = counts;
    this.dim = dim;
    this.vectors = vectors;
    this.index = new Map();
    // First occurrence wins if a file repeats a word, as gensim's loader does.
    words.forEach((w, i) => this.index.has(w) || this.index.set(w, i));
  }

  get size(): number {
    return this.words.length;
  }

  /** Row of `word` exactly as given, or -1. */
  indexOf(word: string): number {
    return this.index.get(word) ?? -1;
  }

  /** How typed words are normalised for this model (read from its vocabulary once: word vectors record no options). */
  get normalization(): WordNormalization {
    return (this.normalizationCache ??= normalizationOfVocabulary(this.words));
  }

  /** This model's normalisation of a typed word (NFC; lower-cased for a lower-cased model). */
  normalizeWord(word: string): string {
    return (this.normalizeCache ??= wordNormalizer(this.normalization))(word);
  }

  /**
   * Where a typed word is: the word as it stands if the vocabulary has it, else its normalised form (NFC, and
   * lower-cased for a lower-cased model: "King" finds "king"). `lookedUp` is the form searched last; row -1 when
   * neither is there. Every query (neighbours, similarity, analogy, prefixes) goes through here.
   */
  lookup(word: string): { row: number; lookedUp: string } {
    const exact = this.index.get(word);
    if (exact !== undefined) return { row: exact, lookedUp: word };
    const normal = this.normalizeWord(word);
    return { row: this.index.get(normal) ?? -1, lookedUp: normal };
  }

  /** The vector of `word` (a view, not a copy). [dim] */
  vector(word: string): Float32Array {
    const i = this.require(word);
    return this.vectors.subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** The `top` words with the highest cosine to `word`, excluding itself. */
  neighbors(word: string, top: number): Scored[] {
    const i = this.require(word);
    return this.nearest(this.unitVectors().subarray(i * this.dim, (i + 1) * this.dim), top, new Set([i]));
  }

  similarity(a: string, b: string): number {
    const ia = this.require(a);
    const ib = this.require(b);
    const unit = this.unitVectors();
    let dot = 0;
    for (let c = 0; c < this.dim; c++) dot += unit[ia * this.dim + c] * unit[ib * this.dim + c];
    return dot;
  }

  /**
   * 3CosAdd analogy (Mikolov et al. 2013): the words nearest to unit(a) − unit(b) + unit(c), so
   * analogy('king', 'man', 'woman') ≈ queen. Same ranking as gensim's most_similar(positive=[a, c], negative=[b]);
   * a, b and c themselves are excluded.
   */
  analogy(a: string, b: string, c: string, top: number): Scored[] {
    const ids = [this.require(a), this.require(b), this.require(c)];
    const unit = this.unitVectors();
    const query = new Float32Array(this.dim);
    for (let k = 0; k < this.dim; k++) {
      query[k] = unit[ids[0] * this.dim + k] - unit[ids[1] * this.dim + k] + unit[ids[2] * this.dim + k];
    }
    return this.nearest(normalize(query), top, new Set(ids));
  }

  /** Words starting with `prefix` (normalised as a lookup is), most frequent first (vocabulary order), and how many there are in all. */
  vocabulary(prefix: string, limit: number): { total: number; words: { word: string; count: number }[] } {
    const words: { word: string; count: number }[] = [];
    let total = 0;
    prefix = this.normalizeWord(prefix);
    for (let i = 0; i < this.words.length; i++) {
      if (!this.words[i].startsWith(prefix)) continue;
      total++;
      if (words.length < limit) words.push({ word: this.words[i], count: this.counts[i] });
    }
    return { total, words };
  }

  private require(word: string): number {
    const { row, lookedUp } = this.lookup(word);
    if (row < 0) {
      throw new StudioError('NotFoundError', lookedUp !== word ? userText('"{word}" is not in the vocabulary (looked up "{lookedUp}")', { word, lookedUp }) : userText('"{word}" is not in the vocabulary', { word }));
    }
    return row;
  }

  /** Unit-length copies of the rows (zero rows stay zero, so their cosine is 0, not NaN). [V, dim] */
  private unitVectors(): Float32Array {
    if (!this.unit) {
      const unit = new Float32Array(this.vectors.length);
      for (let i = 0; i < this.words.length; i++) {
        normalize(this.vectors.subarray(i * this.dim, (i + 1) * this.dim), unit.subarray(i * this.dim, (i + 1) * this.dim));
      }
      this.unit = unit;
    }
    return this.unit;
  }

  /** The `top` rows with the largest dot product with the unit vector `query`, skipping `exclude`. */
  private nearest(query: Float32Array, top: number, exclude: Set<number>): Scored[] {
    if (top <= 0) return [];
    const unit = this.unitVectors();
    const dim = this.dim;
    // A small sorted list (best first) beats sorting all V scores when top << V.
    const best: { i: number; score: number }[] = [];
    for (let i = 0; i < this.words.length; i++) {
      if (exclude.has(i)) continue;
      let score = 0;
      for (let c = 0, o = i * dim; c < dim; c++) score += query[c] * unit[o + c];
      if (best.length === top && score <= best[top - 1].score) continue;
      let at = best.length < top ? best.length : top - 1;
      while (at > 0 && best[at - 1].score < score) at--;
      best.splice(at, 0, { i, score });
      if (best.length > top) best.pop();
    }
    return best.map(({ i, score }) => ({ word: this.words[i], score }));
  }
}

/** Scale `v` to unit length into `out` (default: in place); a zero vector stays zero. */
function normalize(v: Float32Array, out: Float32Array = v): Float32Array {
  let norm = 0;
  for (let c = 0; c < v.length; c++) norm += v[c] * v[c];
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let c = 0; c < v.length; c++) out[c] = v[c] * inv;
  return out;
}
