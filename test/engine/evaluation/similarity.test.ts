import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StudioError } from '../../../contract/errors.ts';
import { Evaluation, SimilarityEvaluation } from '../../../contract/word2vec.ts';
import { KeyedVectors } from '../../../engine/models/word2vec/keyed-vectors.ts';
import { evaluateWordPairs, parseWordPairs, readWordPairs } from '../../../engine/evaluation/similarity.ts';
import { evaluateVectors } from '../../../engine/evaluation/evaluate.ts';
import { readPretrainedVectors } from '../../../engine/vectors/read-vectors.ts';

const fixture = (name: string) => new URL(`../../fixtures/vectors/${name}`, import.meta.url).pathname;
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8'));

test('by hand: cosines rank the pairs exactly as the scores do (with ties) → ρ = 1; an unknown word lowers coverage', () => {
  // a·b = 0.71, a·c = 0, a·d = −1, b·c = 0.71: ranks [3.5, 2, 1, 3.5] for both columns.
  const kv = new KeyedVectors(['a', 'b', 'c', 'd'], new Float64Array(4), 2, Float32Array.from([1, 0, 1, 1, 0, 1, -1, 0]));
  const set = parseWordPairs(['a b 3', 'a c 2', 'a d 1', 'b c 3', 'a zebra 5'], 'p.txt');
  const result = evaluateWordPairs(kv, set);
  assert.deepEqual(result, { spearman: 1, pairs: 5, covered: 4, coverage: 0.8 });
  SimilarityEvaluation.parse(result);
  // Reversed scores: ρ = −1.
  assert.equal(evaluateWordPairs(kv, parseWordPairs(['a b 1', 'a c 2', 'a d 3'], 'p.txt')).spearman, -1);
  // Undefined ρ (one covered pair) is reported as 0.
  assert.deepEqual(evaluateWordPairs(kv, parseWordPairs(['a b 1', 'x y 2'], 'p.txt')), { spearman: 0, pairs: 2, covered: 1, coverage: 0.5 });
});

test('the fixture scores what gensim 4.2 evaluate_word_pairs scores', async () => {
  const { kv } = await readPretrainedVectors(fixture('tiny.vec'));
  const result = evaluateWordPairs(kv, await readWordPairs({ path: fixture('similarity.tsv'), fileName: 'similarity.tsv' }));
  assert.ok(Math.abs(result.spearman - expected.similarity.spearman) < 1e-9, `${result.spearman} vs ${expected.similarity.spearman}`);
  assert.ok(Math.abs((1 - result.coverage) * 100 - expected.similarity.oov_ratio) < 1e-9);
  assert.deepEqual([result.pairs, result.covered], [14, 13]);
});

test('tabs, commas or spaces; comments, blank lines and a header line are skipped', () => {
  const pairs = (lines: string[]) => parseWordPairs(lines, 'p').pairs.map((p) => [p.a, p.b, p.score, p.line]);
  assert.deepEqual(pairs(['# comment', 'Word 1\tWord 2\tHuman (mean)', 'tiger\tcat\t7.35', '', 'book\tpaper\t7.46']), [['tiger', 'cat', 7.35, 3], ['book', 'paper', 7.46, 5]]);
  assert.deepEqual(pairs(['word1,word2,score', 'a,b,1', 'c, d ,2.5']), [['a', 'b', 1, 2], ['c', 'd', 2.5, 3]]);
  assert.deepEqual(pairs(['a  b   -1e-1']), [['a', 'b', -0.1, 1]]);
});

test('malformed lines: ImportError naming the file and line', () => {
  const fails = (lines: string[], line: number | undefined, pattern: RegExp) =>
    assert.throws(() => parseWordPairs(lines, 'ws.tsv'), (e: unknown) => e instanceof StudioError && e.name === 'ImportError' && e.file === 'ws.tsv' && e.line === line && pattern.test(e.message));
  fails(['a b 1', 'c d'], 2, /^ws.tsv, line 2: expected "word1 word2 score".*found 2 fields/);
  fails(['a b 1', 'c d high'], 2, /the score "high" is not a number/);
  fails(['w1 w2 score', 'x y z'], 2, /"z" is not a number/);
  fails(['a\tb\tc\td'], 1, /found 4 fields/);
  fails(['# nothing'], undefined, /holds no word pairs/);
});

test('evaluateVectors: both benchmarks at once, in the contract\'s shape; neither is a ValidationError; file errors name the file', async () => {
  const { kv } = await readPretrainedVectors(fixture('tiny.vec'));
  const result = await evaluateVectors(kv, { analogies: { path: fixture('analogies.txt'), fileName: 'analogies.txt' }, similarity: { path: fixture('similarity.tsv'), fileName: 'similarity.tsv' } });
  Evaluation.parse(result);
  assert.equal(result.analogies?.overall.total, 17);
  assert.equal(result.similarity?.covered, 13);
  const only = await evaluateVectors(kv, { similarity: { path: fixture('similarity.tsv'), fileName: 'similarity.tsv' } });
  assert.equal(only.analogies, null);
  await assert.rejects(evaluateVectors(kv, {}), { name: 'ValidationError' });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'eval-'));
  await writeFile(path.join(dir, 'bad.txt'), Buffer.from([0x3a, 0x20, 0x73, 0x0a, 0x61, 0x20, 0xff, 0x20, 0x63, 0x20, 0x64, 0x0a]));
  await assert.rejects(evaluateVectors(kv, { analogies: { path: path.join(dir, 'bad.txt'), fileName: 'bad.txt' } }), { name: 'ImportError', message: 'bad.txt, line 2: the text is not valid UTF-8' });
  await assert.rejects(evaluateVectors(kv, { analogies: { path: path.join(dir, 'missing.txt'), fileName: 'missing.txt' } }), { name: 'NotFoundError' });
});
