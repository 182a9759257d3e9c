/**
 * BLEU (Papineni et al., 2002, "BLEU: a Method for Automatic Evaluation of Machine Translation") computed exactly
 * as sacreBLEU 2.x computes it (Post, 2018, "A Call for Clarity in Reporting BLEU Scores"; checked against
 * sacrebleu/metrics/bleu.py and its test suite), so a score here can be compared with published ones.
 *
 * Per sentence: tokenise (13a by default) after an optional lowercasing and a right strip; count the hypothesis'
 * 1- to 4-grams, clipped by the largest count of that n-gram in any one reference; the reference length is the
 * reference length closest to the hypothesis length (the shorter one on a tie). The corpus score sums these
 * counts and lengths over all sentences first ("corpus BLEU", not an average of sentence scores):
 *
 *   BLEU = BP · exp(Σₙ log pₙ / N),   pₙ = matched n-grams / hypothesis n-grams,   BP = min(1, e^(1 − ref/sys))
 *
 * Smoothing of an order with no match (Chen & Cherry, 2014, "A Systematic Comparison of Smoothing Techniques for
 * Sentence-Level BLEU"): `exp` (default, mteval-v13a's: the k-th such order gets 1 / (2^k · total)), `floor`
 * (smoothValue / total, default 0.1), `add-k` (k added to the matches and totals of orders ≥ 2, default 1), `none`.
 * A corpus with no match at all scores 0 whatever the smoothing. `effectiveOrder` averages only over the orders
 * the hypotheses have n-grams of (sacreBLEU's recommendation for sentence BLEU; off for corpus BLEU).
 */
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import { rstrip, splitWords } from './python-text.ts';
import { NgramCounts, NgramIds, WORD_UNIGRAM } from './ngram-ids.ts';
import { checkReferenceStreams } from './reference-streams.ts';
import { tokenize13a } from './tokenizer-13a.ts';
import { tokenizeIntl } from './tokenizer-intl.ts';
import { tokenizeZh } from './tokenizer-zh.ts';

/** sacreBLEU's maximum n-gram order. */
export const BLEU_MAX_ORDER = 4;

const TOKENIZERS = {
  '13a': tokenize13a,
  none: (line: string) => line,
  zh: tokenizeZh,
  intl: tokenizeIntl,
  /** Every character a token (sacreBLEU's "char"), for languages without spaces between words. */
  char: (line: string) => Array.from(line).join(' '),
} satisfies Record<string, (line: string) => string>;
export type BleuTokenize = keyof typeof TOKENIZERS;

/** The default smoothing values; `exp` and `none` take none. */
const SMOOTH_DEFAULTS = { exp: undefined, floor: 0.1, 'add-k': 1, none: undefined };
export type BleuSmoothMethod = keyof typeof SMOOTH_DEFAULTS;

export interface BleuOptions {
  /** The tokeniser applied to hypotheses and references. @default '13a' */
  tokenize?: BleuTokenize;
  /** Lowercase both sides first (case-insensitive BLEU). @default false */
  lowercase?: boolean;
  /** @default 'exp' */
  smoothMethod?: BleuSmoothMethod;
  /** The value of `floor` and `add-k`. @default 0.1 for floor, 1 for add-k */
  smoothValue?: number;
  /** Average over the orders the hypotheses reach only. @default false (true in sentenceBleu) */
  effectiveOrder?: boolean;
  /** Do not warn about hypotheses that look tokenised already. @default false */
  force?: boolean;
}

export interface BleuScore {
  /** 0–100. */
  score: number;
  /** Clipped matching n-grams for n = 1…4, summed over the corpus (before add-k smoothing). */
  counts: number[];
  /** Hypothesis n-grams for n = 1…4, summed over the corpus (before add-k smoothing). */
  totals: number[];
  /** pₙ in percent, after smoothing; 0 for orders not reached. */
  precisions: number[];
  /** Brevity penalty. */
  bp: number;
  /** Hypothesis tokens. */
  sysLen: number;
  /** Closest-reference tokens. */
  refLen: number;
  /** Set when at least 100 hypotheses end in " ." — likely tokenised text, which BLEU scores lower — unless `force`. */
  warning?: string;
}

/** The reference length closest to the hypothesis length; the shortest of equally close ones. */
function closestRefLen(hypLen: number, refLens: number[]): number {
  let best = refLens[0];
  for (const len of refLens) {
    const diff = Math.abs(hypLen - len), bestDiff = Math.abs(hypLen - best);
    if (diff < bestDiff || (diff === bestDiff && len < best)) best = len;
  }
  return best;
}

/** sacreBLEU's log: log 0 is a very negative number rather than −∞, so 0 · … stays a number. */
function flooredLog(x: number): number {
  return x === 0 ? -9999999999 : Math.log(x);
}

function checkOptions(options: BleuOptions): void {
  if (options.tokenize !== undefined && !Object.hasOwn(TOKENIZERS, options.tokenize)) {
    throw new StudioError('ValidationError', userText('BLEU: unknown tokenize "{value}" (one of {choices})', { value: options.tokenize, choices: Object.keys(TOKENIZERS).join(', ') }));
  }
  if (options.smoothMethod !== undefined && !Object.hasOwn(SMOOTH_DEFAULTS, options.smoothMethod)) {
    throw new StudioError('ValidationError', userText('BLEU: unknown smoothMethod "{value}" (one of {choices})', { value: options.smoothMethod, choices: Object.keys(SMOOTH_DEFAULTS).join(', ') }));
  }
  if (options.smoothValue !== undefined && !(Number.isFinite(options.smoothValue) && options.smoothValue >= 0)) {
    throw new StudioError('ValidationError', userText('BLEU: smoothValue must be a number ≥ 0, not {value}', { value: options.smoothValue }));
  }
}

/**
 * BLEU from its sufficient statistics (sacreBLEU's `BLEU.compute_bleu`): matches and totals per order and the
 * corpus lengths. Useful to add statistics up across batches before scoring.
 */
export function bleuFromStatistics(
  counts: readonly number[], totals: readonly number[], sysLen: number, refLen: number,
  options: Pick<BleuOptions, 'smoothMethod' | 'smoothValue' | 'effectiveOrder'> = {},
): BleuScore {
  checkOptions(options);
  if (counts.length !== totals.length) throw new StudioError('ValidationError', userText('BLEU: {counts} match counts but {totals} totals', { counts: counts.length, totals: totals.length }));
  const method = options.smoothMethod ?? 'exp';
  const smoothValue = options.smoothValue ?? SMOOTH_DEFAULTS[method] ?? 0;
  const maxOrder = counts.length;
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const precisions: number[] = new Array(maxOrder).fill(0);
  const result = { counts: [...counts], totals: [...totals], precisions, bp, sysLen, refLen };
  if (!counts.some((c) => c > 0)) return { score: 0, ...result };

  let mtevalDivisor = 1; // exp smoothing: doubles at every order without a match
  let order = maxOrder; // the orders averaged over
  for (let n = 1; n <= maxOrder; n++) {
    const k = method === 'add-k' && n > 1 ? smoothValue : 0;
    const matched = counts[n - 1] + k, total = totals[n - 1] + k;
    if (total === 0) break; // no hypothesis reaches this order: log 0 below unless effectiveOrder
    if (options.effectiveOrder) order = n;
    if (matched > 0) precisions[n - 1] = (100 * matched) / total;
    else if (method === 'exp') precisions[n - 1] = 100 / ((mtevalDivisor *= 2) * total);
    else if (method === 'floor') precisions[n - 1] = (100 * smoothValue) / total;
  }
  let logSum = 0;
  for (let n = 0; n < order; n++) logSum += flooredLog(precisions[n]);
  return { score: bp * Math.exp(logSum / order), ...result };
}

/**
 * Corpus BLEU of `hyps` against `refs`, a list of reference streams each aligned with `hyps` (sacreBLEU's
 * layout: `refs[k][i]` is the k-th reference of `hyps[i]`). Throws a ValidationError when a stream's length differs.
 */
export function corpusBleu(hyps: readonly string[], refs: readonly (readonly string[])[], options: BleuOptions = {}): BleuScore {
  checkOptions(options);
  checkReferenceStreams('BLEU', hyps, refs);
  const tokenizer = TOKENIZERS[options.tokenize ?? '13a'];
  const ngramIds = new NgramIds();
  const ngrams = (sentence: string) => {
    const words = splitWords(tokenizer(rstrip(options.lowercase ? sentence.toLowerCase() : sentence)));
    return { length: words.length, ...ngramIds.ngrams(words.map((w) => ngramIds.tokenId(w)), BLEU_MAX_ORDER, WORD_UNIGRAM) };
  };
  // refMax: the references' counts merged, the largest count of each n-gram in any one reference; refCount: one
  // reference's counts. Both are zero again after each sentence.
  const refMax = new NgramCounts(), refCount = new NgramCounts();
  const counts: number[] = new Array(BLEU_MAX_ORDER).fill(0);
  const totals: number[] = new Array(BLEU_MAX_ORDER).fill(0);
  let sysLen = 0, refLen = 0, looksTokenised = 0;
  for (let i = 0; i < hyps.length; i++) {
    if (hyps[i].endsWith(' .')) looksTokenised++;
    const refNgrams = refs.map((stream) => ngrams(stream[i]));
    const hyp = ngrams(hyps[i]);
    refMax.fit(ngramIds);
    refCount.fit(ngramIds);
    for (const { ids } of refNgrams) {
      if (refs.length === 1) refMax.add(ids);
      else {
        refCount.add(ids);
        for (const id of ids) refMax.counts[id] = Math.max(refMax.counts[id], refCount.counts[id]);
        refCount.clear(ids);
      }
    }
    sysLen += hyp.length;
    refLen += closestRefLen(hyp.length, refNgrams.map((ref) => ref.length));
    for (let n = 0; n < BLEU_MAX_ORDER; n++) {
      totals[n] += hyp.start[n + 1] - hyp.start[n];
      counts[n] += refMax.consume(hyp.ids, hyp.start[n], hyp.start[n + 1]); // Σ min(hypothesis count, merged reference count)
    }
    for (const { ids } of refNgrams) refMax.clear(ids);
    ngramIds.clear();
  }
  const score = bleuFromStatistics(counts, totals, sysLen, refLen, options);
  if (!options.force && looksTokenised >= 100) {
    score.warning = userText('{count} hypotheses end in a tokenised period (" ."): BLEU expects detokenised text, so this likely lowers the score (force: true silences this)', { count: looksTokenised });
  }
  return score;
}

/**
 * BLEU of one sentence against its references (`refs`: the references of this one hypothesis). BLEU is a corpus
 * metric; a sentence's score is a rough indication only. As sacreBLEU, effectiveOrder is on by default here.
 */
export function sentenceBleu(hyp: string, refs: readonly string[], options: BleuOptions = {}): BleuScore {
  return corpusBleu([hyp], refs.map((ref) => [ref]), { ...options, effectiveOrder: options.effectiveOrder ?? true });
}
