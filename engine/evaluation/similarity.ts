/**
 * Word-similarity benchmarks (WordSim-353, SimLex-999, MEN, …): a file of "word1 word2 score" lines, scored by the
 * Spearman correlation between the file's scores and the cosine similarity of the two words' vectors.
 *
 * As gensim 4.2's `KeyedVectors.evaluate_word_pairs` (checked against its source): only the first 300,000 words
 * count (restrict_vocab), words are compared upper-cased (case_insensitive; the first case variant's vector is
 * used), pairs with a word outside that vocabulary are left out of the correlation; ρ is scipy's spearmanr
 * (average ranks for ties). `coverage` = covered / pairs (gensim reports 1 − coverage as its OOV ratio).
 *
 * The file: fields separated by tabs, else commas, else spaces; blank lines and lines starting with "#" are
 * skipped; a first line whose score is not a number is a header and skipped. Any other line that is not two
 * words and a number is an ImportError naming the line (gensim logs and skips it).
 * ρ is 0 when it is undefined (fewer than 2 covered pairs, or all scores equal) — scipy would give NaN.
 */
import type { SimilarityEvaluation } from '../../contract/word2vec.ts';
import { userText } from '../../contract/user-text.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { DEFAULT_RESTRICT_VOCAB } from './analogies.ts';
import { evaluationError, readLines } from './read-text.ts';
import type { EvaluationFile } from './read-text.ts';
import { spearman } from './spearman.ts';

export interface WordPair {
  a: string;
  b: string;
  score: number;
  line: number;
}
export interface WordPairSet {
  fileName: string;
  pairs: WordPair[];
}

export interface SimilarityOptions {
  /** @default 300000 */
  restrictVocab?: number;
  /** @default true */
  caseInsensitive?: boolean;
}

export async function readWordPairs(file: EvaluationFile): Promise<WordPairSet> {
  return parseWordPairs(await readLines(file), file.fileName);
}

export function parseWordPairs(lines: string[], fileName: string): WordPairSet {
  const pairs: WordPair[] = [];
  let first = true;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const fields = (text.includes('\t') ? text.split('\t') : text.includes(',') ? text.split(',') : text.split(/\s+/)).map((f) => f.trim());
    const isHeader = first;
    first = false;
    if (fields.length !== 3 || fields.slice(0, 2).some((f) => f === '' || /\s/.test(f))) {
      if (isHeader && fields.length === 3) return; // e.g. "Word 1,Word 2,Human (mean)"
      throw evaluationError(fileName, fields.length === 1
        ? userText('expected "word1 word2 score" (3 fields separated by tabs, commas or spaces), found 1 field')
        : userText('expected "word1 word2 score" (3 fields separated by tabs, commas or spaces), found {count} fields', { count: fields.length }), line);
    }
    const score = fields[2] === '' ? NaN : Number(fields[2]);
    if (!Number.isFinite(score)) {
      if (isHeader) return;
      throw evaluationError(fileName, userText('the score {score} is not a number', { score: JSON.stringify(fields[2].slice(0, 40)) }), line);
    }
    pairs.push({ a: fields[0], b: fields[1], score, line });
  });
  if (pairs.length === 0) throw evaluationError(fileName, userText('{file} holds no word pairs (expected lines "word1 word2 score")', { file: fileName }));
  return { fileName, pairs };
}

export function evaluateWordPairs(kv: KeyedVectors, set: WordPairSet, options: SimilarityOptions = {}): SimilarityEvaluation {
  const restrict = Math.min(options.restrictVocab ?? DEFAULT_RESTRICT_VOCAB, kv.size);
  const key = (options.caseInsensitive ?? true) ? (w: string) => w.toUpperCase() : (w: string) => w;
  const okVocab = new Map<string, number>();
  for (let i = 0; i < restrict; i++) {
    const k = key(kv.words[i]);
    if (!okVocab.has(k)) okVocab.set(k, i);
  }
  const gold: number[] = [];
  const model: number[] = [];
  for (const pair of set.pairs) {
    const a = okVocab.get(key(pair.a));
    const b = okVocab.get(key(pair.b));
    if (a === undefined || b === undefined) continue;
    gold.push(pair.score);
    model.push(cosine(kv.vectors, a * kv.dim, b * kv.dim, kv.dim));
  }
  const rho = spearman(gold, model);
  return { spearman: Number.isNaN(rho) ? 0 : rho, pairs: set.pairs.length, covered: gold.length, coverage: gold.length / set.pairs.length };
}

/** Cosine of two rows; 0 if either is a zero vector. */
function cosine(v: Float32Array, ao: number, bo: number, dim: number): number {
  let dot = 0, na = 0, nb = 0;
  for (let c = 0; c < dim; c++) {
    dot += v[ao + c] * v[bo + c];
    na += v[ao + c] * v[ao + c];
    nb += v[bo + c] * v[bo + c];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
