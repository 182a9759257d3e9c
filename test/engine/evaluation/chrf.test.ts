import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { StudioError } from '../../../contract/errors.ts';
import { chrfFromStatistics, corpusChrf, sentenceChrf } from '../../../engine/evaluation/chrf.ts';
import type { ChrfOptions } from '../../../engine/evaluation/chrf.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/evaluation/${name}`, import.meta.url), 'utf8'));
const cases = fixture('sacrebleu-cases.json');
const extra = fixture('sacrebleu-extra-cases.json');
const tolerance = cases.tolerance.chrf;

/** sacreBLEU's keyword arguments → ours. */
function options(py: Record<string, unknown>): ChrfOptions {
  const names: Record<string, keyof ChrfOptions> = {
    char_order: 'charOrder', word_order: 'wordOrder', beta: 'beta', lowercase: 'lowercase', whitespace: 'whitespace', eps_smoothing: 'epsSmoothing',
  };
  return Object.fromEntries(Object.entries(py).map(([k, v]) => {
    assert.ok(names[k], `unmapped sacreBLEU option ${k}`);
    return [names[k], v];
  }));
}

function close(actual: number, expected: number, tol: number, what: string) {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs sacreBLEU's ${expected}`);
}

test('every chrf_corpus case, with the options sacreBLEU\'s test_chrf.py scores them with (β 3, eps smoothing)', () => {
  assert.equal(cases.chrf_corpus.length, 11);
  for (const c of cases.chrf_corpus) {
    close(corpusChrf(c.hyps, [c.refs], { beta: 3, epsSmoothing: true }).score, c.expected, tolerance, c.hyps[0]);
  }
  // The default (effective order, no ε) gives other values on these cases: the file's values are not default chrF2.
  assert.equal(corpusChrf(['a'], [['a']]).score, 100);
});

test('every chrf_sentence case (sentence_chrf with eps smoothing, chrF2)', () => {
  assert.equal(cases.chrf_sentence.length, 3);
  for (const c of cases.chrf_sentence) close(sentenceChrf(c.hyp, c.refs, { epsSmoothing: true }).score, c.expected, tolerance, c.hyp);
});

test('sacreBLEU\'s effective-order and keep-whitespace cases (test_chrf.py, β 3)', () => {
  const effective: [string[], string[], number][] = [
    [['a'], ['a'], 100], [[''], ['reference'], 0], [['a b c'], ['a b c'], 100], [['a b c'], ['abc'], 100],
    [[''], ['c'], 0], [['a', 'b'], ['a', 'c'], 50], [['aa'], ['ab'], 25],
  ];
  for (const [hyps, refs, expected] of effective) close(corpusChrf(hyps, [refs], { beta: 3 }).score, expected, tolerance, hyps.join('|'));
  close(corpusChrf(['Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.'],
    [['Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.']], { beta: 3, whitespace: true }).score, 67.3481606, tolerance, 'whitespace 1');
  close(corpusChrf(['risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .'],
    [['risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .']], { beta: 3, whitespace: true }).score, 65.2414427, tolerance, 'whitespace 2');
});

test('sacreBLEU 2.6.0 values: chrF2 defaults, two references, chrF++, lowercase, whitespace, other orders and β, astral characters', () => {
  assert.equal(extra.corpus_chrf.length, 8);
  for (const c of extra.corpus_chrf) close(corpusChrf(c.hyps, c.refs, options(c.options)).score, c.score, 1e-9, c.name);
});

test('several references: each sentence takes its best reference; the corpus sums those statistics', () => {
  // Sentence 1 matches the second stream exactly, sentence 2 the first: 100 either way round.
  const hyps = ['abc', 'xyz'];
  assert.equal(corpusChrf(hyps, [['qqq', 'xyz'], ['abc', 'qqq']]).score, 100);
  assert.equal(corpusChrf(hyps, [['abc', 'qqq'], ['qqq', 'xyz']]).score, 100);
  assert.equal(corpusChrf(hyps, [['qqq', 'xyz']]).score, chrfFromStatistics(stats(hyps, ['qqq', 'xyz'])));
});

/** By hand: [hyp, ref, match] for orders 1…6 summed over the sentences, as sacreBLEU counts them. */
function stats(hyps: string[], refs: string[]): number[] {
  const out = new Array(18).fill(0);
  hyps.forEach((h, i) => {
    for (let n = 1; n <= 6; n++) {
      const grams = (s: string) => Array.from({ length: Math.max(0, s.length - n + 1) }, (_, j) => s.slice(j, j + n));
      const hg = grams(h), rg = [...grams(refs[i])];
      let match = 0;
      for (const g of hg) {
        const k = rg.indexOf(g);
        if (k >= 0) (match++, rg.splice(k, 1));
      }
      out[3 * (n - 1)] += grams(refs[i]).length > 0 ? hg.length : 0;
      out[3 * (n - 1) + 1] += grams(refs[i]).length;
      out[3 * (n - 1) + 2] += match;
    }
  });
  return out;
}

test('chrF2 by hand: averaged precision and recall over the orders present, β 2', () => {
  // "abcd" vs "abce": orders 1–3 present on both sides (4-grams: one each, no match).
  // P = R: (3/4 + 2/3 + 1/2 + 0/1) / 4 = 23/48, so F = P.
  close(corpusChrf(['abcd'], [['abce']]).score, (100 * 23) / 48, 1e-9, 'abcd');
  // Whitespace is removed before character n-grams unless asked for.
  assert.equal(corpusChrf(['a b c d'], [['abcd']]).score, 100);
  assert.ok(corpusChrf(['a b c d'], [['abcd']], { whitespace: true }).score < 100);
  assert.equal(corpusChrf(['ABC'], [['abc']], { lowercase: true }).score, 100);
  assert.equal(corpusChrf(['ABC'], [['abc']]).score, 0);
  // sacreBLEU leaves out a sentence's hypothesis n-grams of an order its reference is too short for: the 4-grams of
  // "abcdef" do not make order 4 count here, so P = R = (6/9 + 4/7 + 2/5) / 3 over orders 1–3.
  close(corpusChrf(['abcdef', 'xyz'], [['abc', 'xyzuvw']]).score, (100 * (6 / 9 + 4 / 7 + 2 / 5)) / 3, 1e-9, 'short reference');
});

test('empty hypotheses score 0; a hypothesis longer than the reference loses precision, not recall', () => {
  assert.equal(corpusChrf(['', ''], [['abc', 'def']]).score, 0);
  assert.equal(corpusChrf(['', ''], [['abc', 'def']], { epsSmoothing: true }).score < 1e-10, true);
  const longer = corpusChrf(['abcdef'], [['abc']]).score;
  // Orders 1–3: recall 1, precision 3/6, 2/5, 1/4 → P̄ = 0.3833…; F2 = 5PR/(4P+R).
  const p = (3 / 6 + 2 / 5 + 1 / 4) / 3;
  close(longer, (100 * 5 * p) / (4 * p + 1), 1e-9, 'longer');
});

test('mismatched streams and bad options are clear errors', () => {
  assert.throws(() => corpusChrf(['a', 'b'], [['a']]), (e: unknown) =>
    e instanceof StudioError && e.name === 'ValidationError' && /reference stream 1 has 1 sentences but there are 2 hypotheses/.test(e.message));
  assert.throws(() => corpusChrf([], [[]]), /no hypotheses/);
  assert.throws(() => corpusChrf(['a'], [['a']], { charOrder: 0, wordOrder: 0 }), /not both 0/);
  assert.throws(() => corpusChrf(['a'], [['a']], { charOrder: 2.5 }), /whole numbers/);
  assert.throws(() => corpusChrf(['a'], [['a']], { beta: -1 }), /beta/);
});

test('10,000 sentence pairs score in a fraction of a second, chrF++ included', () => {
  const words = 'the a cat dog sat ran on under mat tree , . quickly slowly big small red blue house car'.split(' ');
  let seed = 1;
  const random = () => ((seed = Math.imul(seed, 48271) % 0x7fffffff) & 0xffff) / 0x10000;
  const sentence = () => Array.from({ length: 8 + Math.floor(random() * 20) }, () => words[Math.floor(random() * words.length)]).join(' ');
  const hyps = Array.from({ length: 10_000 }, sentence), refs = [Array.from({ length: 10_000 }, sentence)];
  for (const wordOrder of [0, 2]) {
    const start = performance.now();
    const { score } = corpusChrf(hyps, refs, { wordOrder });
    const ms = performance.now() - start;
    assert.ok(score > 0 && score < 100);
    // ~200 ms on a quiet machine; the bound only catches a blow-up (say quadratic work), not noise on a loaded CI.
    assert.ok(ms < 5000, `word order ${wordOrder}: ${ms.toFixed(0)} ms`);
  }
});
