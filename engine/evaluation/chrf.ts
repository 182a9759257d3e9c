/**
 * chrF (Popović, 2015, "chrF: character n-gram F-score for automatic MT evaluation") and chrF++ (Popović, 2017,
 * "chrF++: words helping character n-grams") computed exactly as sacreBLEU 2.x computes them (checked against
 * sacrebleu/metrics/chrf.py and its test suite).
 *
 * For each order — character n-grams n = 1…charOrder, then word n-grams n = 1…wordOrder — count hypothesis,
 * reference and matching n-grams (the minimum of the two counts). Characters are Unicode code points, and
 * whitespace is removed before character n-grams are taken unless `whitespace`. Words are whitespace-separated,
 * with one ASCII punctuation mark split off the end (or else the start) of each word.
 *
 * With several references, each sentence keeps the statistics of the reference with the best sentence-level
 * score; the corpus score is computed once from the statistics summed over all sentences (not a mean of sentence
 * scores). The score is the F_β of precision and recall averaged over the orders present in both hypothesis and
 * reference (sacreBLEU's default). With `epsSmoothing`, it is instead the mean over all orders of each order's
 * F_β, an order without n-grams counting as ~0 (chrF++.py's, NLTK's and Moses' way; an option in sacreBLEU).
 * β = 2 weighs recall twice as much as precision (chrF2); wordOrder 2 gives chrF++.
 */
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import { removeWhitespace, splitWords } from './python-text.ts';
import { CHAR_UNIGRAM, NgramCounts, NgramIds, WORD_UNIGRAM } from './ngram-ids.ts';
import type { SentenceNgrams } from './ngram-ids.ts';
import { checkReferenceStreams } from './reference-streams.ts';

export interface ChrfOptions {
  /** Character n-gram orders 1…charOrder. @default 6 */
  charOrder?: number;
  /** Word n-gram orders 1…wordOrder; 2 makes chrF++. @default 0 */
  wordOrder?: number;
  /** Recall is β times as important as precision. @default 2 */
  beta?: number;
  /** Lowercase both sides first. @default false */
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams. @default false */
  whitespace?: boolean;
  /** Mean of per-order F-scores, orders without n-grams counting as ε (instead of averaging P and R over the orders present). @default false */
  epsSmoothing?: boolean;
}

export interface ChrfScore {
  /** 0–100. */
  score: number;
}

type Settings = Required<ChrfOptions>;

/** Python's string.punctuation: what chrF++ splits off a word's end or start. */
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/** chrF++'s word splitting: "word." → "word" "."; "(word" → "(" "word"; "(word)" → "(word" ")" (as sacreBLEU). */
function splitPunctuation(sentence: string): string[] {
  const words: string[] = [];
  for (const word of splitWords(sentence)) {
    // A one-character word is kept whole. (An astral character has length 2 here, but is no ASCII punctuation.)
    if (word.length > 1 && PUNCTUATION.has(word[word.length - 1])) words.push(word.slice(0, -1), word[word.length - 1]);
    else if (word.length > 1 && PUNCTUATION.has(word[0])) words.push(word[0], word.slice(1));
    else words.push(word);
  }
  return words;
}

/** Code points of `s`: chrF's characters are Python's, not UTF-16 units. */
function codePoints(s: string): number[] {
  const points: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    points.push(c);
    if (c > 0xffff) i++;
  }
  return points;
}

/** The ids of one sentence's n-grams: the character n-grams, then (chrF++) the word n-grams. */
function extractNgrams(sentence: string, settings: Settings, ngramIds: NgramIds): SentenceNgrams[] {
  const chars = codePoints(settings.whitespace ? sentence : removeWhitespace(sentence));
  const ngrams = [ngramIds.ngrams(chars, settings.charOrder, CHAR_UNIGRAM)];
  if (settings.wordOrder > 0) {
    const words = splitPunctuation(sentence).map((w) => ngramIds.tokenId(w));
    ngrams.push(ngramIds.ngrams(words, settings.wordOrder, WORD_UNIGRAM));
  }
  return ngrams;
}

/** [hypothesis, reference, matching] n-gram counts for each order, flattened. `scratch` is zero before and after. */
function matchStatistics(hyp: SentenceNgrams[], ref: SentenceNgrams[], scratch: NgramCounts): number[] {
  const stats: number[] = [];
  hyp.forEach((h, g) => {
    const r = ref[g];
    for (let n = 1; n < h.start.length; n++) {
      const [hFrom, hTo, rFrom, rTo] = [h.start[n - 1], h.start[n], r.start[n - 1], r.start[n]];
      scratch.add(r.ids, rFrom, rTo);
      const matched = scratch.consume(h.ids, hFrom, hTo); // Σ min(hypothesis count, reference count)
      scratch.clear(r.ids, rFrom, rTo);
      // sacreBLEU does not count hypothesis n-grams of an order the reference has none of.
      stats.push(rTo > rFrom ? hTo - hFrom : 0, rTo - rFrom, matched);
    }
  });
  return stats;
}

/** chrF from summed [hyp, ref, match] statistics (sacreBLEU's `CHRF._compute_f_score`), 0–100. */
export function chrfFromStatistics(stats: readonly number[], options: Pick<ChrfOptions, 'beta' | 'epsSmoothing'> = {}): number {
  const eps = 1e-16;
  const factor = (options.beta ?? 2) ** 2;
  const orders = stats.length / 3;
  let fSum = 0, precisionSum = 0, recallSum = 0, effectiveOrder = 0;
  for (let o = 0; o < orders; o++) {
    const [hyp, ref, matched] = [stats[3 * o], stats[3 * o + 1], stats[3 * o + 2]];
    const precision = hyp > 0 ? matched / hyp : eps;
    const recall = ref > 0 ? matched / ref : eps;
    const denominator = factor * precision + recall;
    fSum += denominator > 0 ? ((1 + factor) * precision * recall) / denominator : eps;
    if (hyp > 0 && ref > 0) {
      precisionSum += precision;
      recallSum += recall;
      effectiveOrder++;
    }
  }
  if (options.epsSmoothing) return (100 * fSum) / orders;
  if (effectiveOrder === 0) return 0;
  const precision = precisionSum / effectiveOrder, recall = recallSum / effectiveOrder;
  if (precision + recall === 0) return 0;
  return (100 * (1 + factor) * precision * recall) / (factor * precision + recall);
}

function settingsOf(options: ChrfOptions): Settings {
  const settings: Settings = {
    charOrder: options.charOrder ?? 6, wordOrder: options.wordOrder ?? 0, beta: options.beta ?? 2,
    lowercase: options.lowercase ?? false, whitespace: options.whitespace ?? false, epsSmoothing: options.epsSmoothing ?? false,
  };
  const { charOrder, wordOrder, beta } = settings;
  if (!Number.isInteger(charOrder) || !Number.isInteger(wordOrder) || charOrder < 0 || wordOrder < 0 || charOrder + wordOrder === 0) {
    throw new StudioError('ValidationError', userText('chrF: charOrder and wordOrder must be whole numbers ≥ 0, not both 0 (got {charOrder} and {wordOrder})', { charOrder, wordOrder }));
  }
  if (!(Number.isFinite(beta) && beta >= 0)) throw new StudioError('ValidationError', userText('chrF: beta must be a number ≥ 0, not {beta}', { beta }));
  return settings;
}

/**
 * Corpus chrF of `hyps` against `refs`, a list of reference streams each aligned with `hyps` (sacreBLEU's layout:
 * `refs[k][i]` is the k-th reference of `hyps[i]`). Throws a ValidationError when a stream's length differs.
 */
export function corpusChrf(hyps: readonly string[], refs: readonly (readonly string[])[], options: ChrfOptions = {}): ChrfScore {
  const settings = settingsOf(options);
  checkReferenceStreams('chrF', hyps, refs);
  const prepare = (s: string) => (settings.lowercase ? s.toLowerCase() : s);
  const ngramIds = new NgramIds(), scratch = new NgramCounts();
  const corpus: number[] = new Array(3 * (settings.charOrder + settings.wordOrder)).fill(0);
  for (let i = 0; i < hyps.length; i++) {
    const hyp = extractNgrams(prepare(hyps[i]), settings, ngramIds);
    let best: number[] = [];
    let bestScore = -1;
    for (const stream of refs) {
      const ref = extractNgrams(prepare(stream[i]), settings, ngramIds);
      scratch.fit(ngramIds);
      const stats = matchStatistics(hyp, ref, scratch);
      // Only several references need a choice; the first of equally good ones is kept.
      const score = refs.length === 1 ? 0 : chrfFromStatistics(stats, settings);
      if (score > bestScore) [best, bestScore] = [stats, score];
    }
    for (let j = 0; j < corpus.length; j++) corpus[j] += best[j];
    ngramIds.clear();
  }
  return { score: chrfFromStatistics(corpus, settings) };
}

/** chrF of one sentence against its references (`refs`: the references of this one hypothesis). */
export function sentenceChrf(hyp: string, refs: readonly string[], options: ChrfOptions = {}): ChrfScore {
  return corpusChrf([hyp], refs.map((ref) => [ref]), options);
}
