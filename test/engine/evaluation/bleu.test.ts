import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { StudioError } from '../../../contract/errors.ts';
import { bleuFromStatistics, corpusBleu, sentenceBleu } from '../../../engine/evaluation/bleu.ts';
import type { BleuOptions } from '../../../engine/evaluation/bleu.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/evaluation/${name}`, import.meta.url), 'utf8'));
const cases = fixture('sacrebleu-cases.json');
const extra = fixture('sacrebleu-extra-cases.json');

/** sacreBLEU's keyword arguments → ours. */
function options(py: Record<string, unknown>): BleuOptions {
  const names: Record<string, keyof BleuOptions> = {
    tokenize: 'tokenize', lowercase: 'lowercase', smooth_method: 'smoothMethod', smooth_value: 'smoothValue', effective_order: 'effectiveOrder',
  };
  return Object.fromEntries(Object.entries(py).map(([k, v]) => {
    assert.ok(names[k], `unmapped sacreBLEU option ${k}`);
    return [names[k], v];
  }));
}

function close(actual: number, expected: number, tolerance: number, what: string) {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs sacreBLEU's ${expected}`);
}

test('every corpus_bleu case of sacreBLEU\'s test suite (13a, none, intl, exp and no smoothing, empty hypotheses)', () => {
  assert.equal(cases.corpus_bleu.length, 6);
  for (const c of cases.corpus_bleu) {
    close(corpusBleu(c.hyps, c.refs, options(c.options)).score, c.expected, cases.tolerance.bleu, JSON.stringify(c.options));
  }
});

test('raw_corpus_bleu cases (no tokenisation, floor 0.01, effective order; 0–1 scale), including no match at all → 0', () => {
  const raw: BleuOptions = { tokenize: 'none', smoothMethod: 'floor', smoothValue: 0.01, effectiveOrder: true, force: true };
  assert.equal(cases.raw_corpus_bleu_scale_0_1.cases.length, 6);
  for (const c of cases.raw_corpus_bleu_scale_0_1.cases) {
    close(corpusBleu(c.hyps, c.refs, raw).score / 100, c.expected, cases.tolerance.bleu, c.hyps.join(' | '));
  }
});

test('clipped n-gram statistics: repeated words count at most as often as in the reference', () => {
  const s = cases.bleu_statistics;
  const result = corpusBleu(s.hyps, s.refs, { tokenize: 'none' });
  assert.deepEqual(result.counts, s.matches);
  assert.deepEqual(result.totals, s.totals);
});

test('sacreBLEU 2.6.0 values for the zh and char tokenisers, floor/add-k/none smoothing, effective order, lowercase, two references', () => {
  assert.equal(extra.corpus_bleu.length, 12);
  for (const c of extra.corpus_bleu) {
    const o = options(c.options);
    const result = corpusBleu(c.hyps, c.refs, o);
    close(result.score, c.score, 1e-9, c.name);
    close(result.bp, c.bp, 1e-12, c.name);
    assert.equal(result.sysLen, c.sys_len, c.name);
    assert.equal(result.refLen, c.ref_len, c.name);
    assert.deepEqual(result.totals.map((t, n) => t + (o.smoothMethod === 'add-k' && n > 0 ? o.smoothValue ?? 1 : 0)), c.totals, c.name);
    // sacreBLEU reports add-k's smoothed counts; ours are the counts before smoothing.
    assert.deepEqual(result.counts.map((m, n) => m + (o.smoothMethod === 'add-k' && n > 0 ? o.smoothValue ?? 1 : 0)), c.counts, c.name);
  }
});

test('sentenceBleu: sacreBLEU 2.6.0\'s sentence_bleu (effective order on by default), two references', () => {
  for (const c of extra.sentence_bleu) close(sentenceBleu(c.hyp, c.refs).score, c.score, 1e-9, c.hyp);
  // Without effective order a 3-word hypothesis has no 4-grams: log 0 makes the score 0.
  assert.equal(sentenceBleu('a quick test', ['a very quick test'], { effectiveOrder: false }).score, 0);
});

test('empty hypotheses: zero length, zero score, brevity penalty 0', () => {
  const result = corpusBleu(['', '   '], [['the cat', 'a dog']]);
  assert.deepEqual({ ...result }, { score: 0, counts: [0, 0, 0, 0], totals: [0, 0, 0, 0], precisions: [0, 0, 0, 0], bp: 0, sysLen: 0, refLen: 4 });
});

test('a hypothesis longer than its reference: no brevity penalty, the extra words lower the precisions', () => {
  const result = corpusBleu(['the cat sat on the mat today'], [['the cat sat on the mat']]);
  assert.deepEqual(result.counts, [6, 5, 4, 3]);
  assert.deepEqual(result.totals, [7, 6, 5, 4]);
  assert.equal(result.bp, 1);
  close(result.score, 100 * Math.pow((6 / 7) * (5 / 6) * (4 / 5) * (3 / 4), 1 / 4), 1e-9, 'longer');
  // Shorter: BP = e^(1 − 6/4).
  const short = corpusBleu(['the cat sat on'], [['the cat sat on the mat']]);
  close(short.bp, Math.exp(1 - 6 / 4), 1e-12, 'shorter');
  close(short.score, 100 * short.bp, 1e-9, 'shorter');
});

test('several references: n-grams clipped by the largest count in any one reference; the closest length, the shorter on a tie', () => {
  // "a a a": "a" occurs twice in the second reference, once in the first → 2 matches, not 3.
  assert.equal(corpusBleu(['a a a'], [['a b c'], ['a a d']], { tokenize: 'none' }).counts[0], 2);
  // Hypothesis of 4 tokens, references of 3 and 5: both 1 away → 3.
  assert.equal(corpusBleu(['w x y z'], [['a b c d e'], ['a b c']], { tokenize: 'none' }).refLen, 3);
  assert.equal(corpusBleu(['w x y z'], [['a b c'], ['a b c d e']], { tokenize: 'none' }).refLen, 3);
});

test('bleuFromStatistics agrees with sacreBLEU\'s compute_bleu (its test_scoring and degenerate cases)', () => {
  close(bleuFromStatistics([9, 7, 5, 3], [10, 8, 6, 4], 11, 11).score / 100, 0.8375922397, 1e-8, 'scoring');
  assert.equal(bleuFromStatistics([0, 0, 0, 0], [4, 4, 2, 1], 0, 1, { smoothMethod: 'floor', smoothValue: 0 }).score, 0);
  assert.equal(bleuFromStatistics([6, 5, 4, 0], [6, 5, 4, 3], 6, 6, { smoothMethod: 'floor', smoothValue: 0 }).score, 0);
  assert.equal(bleuFromStatistics([0, 0, 0, 0], [0, 0, 0, 0], 1, 5, { smoothMethod: 'floor', smoothValue: 0.01 }).score, 0);
});

test('reference streams of another length than the hypotheses are a clear error, not a silently truncated score', () => {
  assert.throws(() => corpusBleu(['a', 'b', 'c'], [['a', 'b', 'c'], ['a', 'b']]), (e: unknown) =>
    e instanceof StudioError && e.name === 'ValidationError' && /reference stream 2 has 2 sentences but there are 3 hypotheses/.test(e.message));
  assert.throws(() => corpusBleu(['a'], []), /no reference streams/);
  assert.throws(() => corpusBleu([], [[]]), /no hypotheses/);
  // The per-sentence layout by mistake (a string where a stream belongs).
  assert.throws(() => corpusBleu(['a'], ['a'] as unknown as string[][]), /reference stream 1 is not a list/);
  assert.throws(() => corpusBleu(['a'], [['a']], { tokenize: 'moses' as never }), /unknown tokenize "moses"/);
  assert.throws(() => corpusBleu(['a'], [['a']], { smoothMethod: 'add-one' as never }), /unknown smoothMethod/);
});

test('a warning when 100 hypotheses end in " ." (tokenised output), silenced by force', () => {
  const hyps = Array.from({ length: 100 }, (_, i) => `sentence ${i} .`);
  const refs = [hyps.map((h) => h.replace(' .', '.'))];
  assert.match(corpusBleu(hyps, refs).warning ?? '', /100 hypotheses end in a tokenised period/);
  assert.equal(corpusBleu(hyps, refs, { force: true }).warning, undefined);
  assert.equal(corpusBleu(hyps.slice(1), [refs[0].slice(1)]).warning, undefined);
});

test('10,000 sentence pairs score in a fraction of a second', () => {
  const words = 'the a cat dog sat ran on under mat tree , . quickly slowly big small red blue house car'.split(' ');
  let seed = 1;
  const random = () => ((seed = Math.imul(seed, 48271) % 0x7fffffff) & 0xffff) / 0x10000;
  const sentence = () => Array.from({ length: 8 + Math.floor(random() * 20) }, () => words[Math.floor(random() * words.length)]).join(' ');
  const hyps = Array.from({ length: 10_000 }, sentence), refs = [Array.from({ length: 10_000 }, sentence)];
  const start = performance.now();
  const result = corpusBleu(hyps, refs);
  const ms = performance.now() - start;
  assert.ok(result.score > 0 && result.sysLen > 150_000);
  // ~150 ms on a quiet machine; the bound only catches a blow-up (say quadratic work), not noise on a loaded CI.
  assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
});
