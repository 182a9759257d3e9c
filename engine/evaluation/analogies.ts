/**
 * Word-analogy accuracy (Mikolov et al. 2013, "Efficient Estimation of Word Representations in Vector Space"),
 * on files in the questions-words format: ": section name" lines, then questions "a b c d" meaning a:b :: c:d.
 *
 * Scored as gensim 4.2's `KeyedVectors.evaluate_word_analogies` does (checked against its source):
 * - restrict_vocab = 300,000: only the first 300,000 words of the model (the most frequent) are answers or
 *   question words; a question with a word outside them is skipped (counted in `skipped`, not in the accuracy).
 * - case-insensitive: model words and question words are compared UPPER-CASED; when the model has several case
 *   variants of a word, the first (most frequent) one's vector is used.
 * - the answer is 3CosAdd: the word whose vector is nearest (cosine) to unit(b) − unit(a) + unit(c), among the top 5
 *   the first whose upper-cased form is none of A, B, C (the three question words' own rows are never candidates).
 * - accuracy of a section (and overall) = correct / answered; 0 when nothing was answered.
 * Differences: a line that is not 4 words is an ImportError naming the line (gensim logs and skips it); blank
 * lines and lines starting with "#" are skipped.
 */
import type { AnalogyEvaluation } from '../../contract/word2vec.ts';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { UnitRows, normalizeInto } from './nearest.ts';
import { evaluationError, readLines } from './read-text.ts';
import type { EvaluationFile } from './read-text.ts';

export interface AnalogyQuestion {
  words: [string, string, string, string];
  line: number;
}
export interface AnalogySet {
  fileName: string;
  sections: { name: string; line: number; questions: AnalogyQuestion[] }[];
}

export interface AnalogyOptions {
  /** Only the first N words take part (gensim's restrict_vocab). @default 300000 */
  restrictVocab?: number;
  /** Compare upper-cased words (gensim's case_insensitive). @default true */
  caseInsensitive?: boolean;
  signal?: AbortSignal;
  /** Called after each batch of questions. */
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_RESTRICT_VOCAB = 300_000;
/** Candidates gensim looks at (most_similar topn=5) before giving up on a question. */
const TOP = 5;
/** Questions scored per pass over the rows. */
const BATCH = 64;

export async function readAnalogies(file: EvaluationFile): Promise<AnalogySet> {
  return parseAnalogies(await readLines(file), file.fileName);
}

export function parseAnalogies(lines: string[], fileName: string): AnalogySet {
  const sections: AnalogySet['sections'] = [];
  let questions = 0;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    if (text.startsWith(':')) {
      const name = text.replace(/^:\s*/, '').trim();
      if (!name) throw evaluationError(fileName, userText('a section line ": name" without a name'), line);
      sections.push({ name, line, questions: [] });
      return;
    }
    const words = text.split(/\s+/);
    if (words.length !== 4) throw evaluationError(fileName, userText('expected 4 words "a b c d" (a is to b as c is to d), found {count}', { count: words.length }), line);
    const section = sections.at(-1);
    if (!section) throw evaluationError(fileName, userText('a question before the first section line (": section name")'), line);
    section.questions.push({ words: words as AnalogyQuestion['words'], line });
    questions++;
  });
  if (questions === 0) throw evaluationError(fileName, userText('{file} holds no analogy questions (expected ": section" lines followed by lines of 4 words)', { file: fileName }));
  return { fileName, sections };
}

export async function evaluateAnalogies(kv: KeyedVectors, set: AnalogySet, options: AnalogyOptions = {}): Promise<AnalogyEvaluation> {
  const restrict = Math.min(options.restrictVocab ?? DEFAULT_RESTRICT_VOCAB, kv.size);
  const caseInsensitive = options.caseInsensitive ?? true;
  const key = caseInsensitive ? (w: string) => w.toUpperCase() : (w: string) => w;
  // First occurrence wins: gensim builds the dict from the reversed key list.
  const okVocab = new Map<string, number>();
  for (let i = 0; i < restrict; i++) {
    const k = key(kv.words[i]);
    if (!okVocab.has(k)) okVocab.set(k, i);
  }

  // The questions every word of which is known, as rows; the others are skipped.
  const pending: { section: number; a: number; b: number; c: number; ignore: string[]; expected: string }[] = [];
  let skipped = 0;
  set.sections.forEach((section, s) => {
    for (const q of section.questions) {
      const keys = q.words.map(key);
      const rows = keys.map((k) => okVocab.get(k));
      if (rows.some((r) => r === undefined)) {
        skipped++;
        continue;
      }
      pending.push({ section: s, a: rows[0]!, b: rows[1]!, c: rows[2]!, ignore: keys.slice(0, 3), expected: keys[3] });
    }
  });

  const correct = new Array<number>(set.sections.length).fill(0);
  const answered = new Array<number>(set.sections.length).fill(0);
  if (pending.length > 0) {
    const dim = kv.dim;
    const rows = new UnitRows(kv, restrict, BATCH);
    const exclude = new Int32Array(BATCH * 3);
    const topRows = new Int32Array(BATCH * TOP);
    const topScores = new Float64Array(BATCH * TOP);
    const query = new Float32Array(dim);
    for (let start = 0; start < pending.length; start += BATCH) {
      if (options.signal?.aborted) throw new StudioError('CancelledError', userText('The evaluation was cancelled'));
      const batch = pending.slice(start, start + BATCH);
      batch.forEach((p, j) => {
        // gensim: unitvec(mean(unit(b), unit(c), −unit(a))); the mean's 1/3 does not change the ranking.
        const { unit, stride } = rows;
        for (let c = 0; c < dim; c++) query[c] = unit[p.b * stride + c] + unit[p.c * stride + c] - unit[p.a * stride + c];
        normalizeInto(query, 0, rows.queries, j * stride, dim);
        exclude[j * 3] = p.a;
        exclude[j * 3 + 1] = p.b;
        exclude[j * 3 + 2] = p.c;
      });
      rows.top(batch.length, TOP, exclude, 3, topRows, topScores);
      batch.forEach((p, j) => {
        let predicted: string | null = null;
        for (let t = 0; t < TOP; t++) {
          const row = topRows[j * TOP + t];
          if (row < 0) break;
          predicted = key(kv.words[row]);
          if (okVocab.has(predicted) && !p.ignore.includes(predicted)) break;
        }
        answered[p.section]++;
        if (predicted === p.expected) correct[p.section]++;
      });
      options.onProgress?.(Math.min(pending.length, start + BATCH), pending.length);
      // Let the engine answer other calls between batches: a full benchmark takes minutes on a big model.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  const accuracy = (c: number, n: number) => (n > 0 ? c / n : 0);
  const sections = set.sections.map((section, s) => ({ name: section.name, correct: correct[s], total: answered[s], accuracy: accuracy(correct[s], answered[s]) }));
  const total = answered.reduce((x, y) => x + y, 0);
  const right = correct.reduce((x, y) => x + y, 0);
  return { sections, overall: { correct: right, total, accuracy: accuracy(right, total) }, skipped };
}
