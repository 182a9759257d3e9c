import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { StudioError } from '../../../contract/errors.ts';
import { AnalogyEvaluation } from '../../../contract/word2vec.ts';
import { KeyedVectors } from '../../../engine/models/word2vec/keyed-vectors.ts';
import { evaluateAnalogies, parseAnalogies, readAnalogies } from '../../../engine/evaluation/analogies.ts';
import { readPretrainedVectors } from '../../../engine/vectors/read-vectors.ts';

const fixture = (name: string) => new URL(`../../fixtures/vectors/${name}`, import.meta.url).pathname;
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8'));

function vectors(rows: Record<string, number[]>): KeyedVectors {
  const words = Object.keys(rows);
  const dim = rows[words[0]].length;
  return new KeyedVectors(words, new Float64Array(words.length), dim, Float32Array.from(Object.values(rows).flat()));
}

test('3CosAdd by hand: man:woman :: king:queen; the question words are never answers', async () => {
  // unit(woman) − unit(man) + unit(king) = (−0.29, 1, 0.71): cosine 0.96 with queen, 0.56 with apple, 0.79 with woman
  // (which is excluded, as man and king are).
  const kv = vectors({ man: [1, 0, 0], woman: [0, 1, 0], king: [1, 0, 1], queen: [0, 1, 1], apple: [0, 0, 1] });
  const set = parseAnalogies([': royals', 'man woman king queen', 'man woman king apple', 'woman man queen king'], 'q.txt');
  const result = await evaluateAnalogies(kv, set);
  // woman − … : unit(man) − unit(woman) + unit(queen) = (1, −0.29, 0.71) → king (0.96).
  assert.deepEqual(result, { sections: [{ name: 'royals', correct: 2, total: 3, accuracy: 2 / 3 }], overall: { correct: 2, total: 3, accuracy: 2 / 3 }, skipped: 0 });
  AnalogyEvaluation.parse(result);
});

test('case-insensitive like gensim: upper-cased words, the first case variant\'s vector, variants of the question words skipped as answers', async () => {
  // "KING" (a case variant of king, later in the vocabulary) points exactly along the query: gensim skips it
  // because its upper-case form is one of the question's words, and answers queen.
  const kv = vectors({ man: [1, 0, 0], woman: [0, 1, 0], king: [1, 0, 1], queen: [0, 1, 1], apple: [0, 0, 1], KING: [-0.29289, 1, 0.70711], Queen: [1, 0, 0] });
  const set = parseAnalogies([': s', 'MAN Woman KING Queen'], 'q.txt');
  assert.equal((await evaluateAnalogies(kv, set)).overall.correct, 1);
  // Case-sensitive, "MAN" is not in the vocabulary.
  assert.equal((await evaluateAnalogies(kv, set, { caseInsensitive: false })).skipped, 1);
});

test('restrictVocab: only the first N words are question words or answers; out-of-vocabulary questions are skipped', async () => {
  const kv = vectors({ man: [1, 0, 0], woman: [0, 1, 0], king: [1, 0, 1], apple: [0, 0, 1], queen: [0, 1, 1] });
  const set = parseAnalogies([': a', 'man woman king queen', 'man woman king unicorn', ': b', 'man woman king apple'], 'q.txt');
  const all = await evaluateAnalogies(kv, set);
  assert.deepEqual([all.sections[0].correct, all.sections[0].total, all.skipped], [1, 1, 1]);
  const four = await evaluateAnalogies(kv, set, { restrictVocab: 4 });
  // queen is beyond the first 4 words: its question is skipped, and apple becomes the nearest answer.
  assert.deepEqual(four.sections, [{ name: 'a', correct: 0, total: 0, accuracy: 0 }, { name: 'b', correct: 1, total: 1, accuracy: 1 }]);
  assert.equal(four.skipped, 2);
});

test('the fixture scores what gensim 4.2 evaluate_word_analogies scores (restrict_vocab 300000 and 20)', async () => {
  const { kv } = await readPretrainedVectors(fixture('tiny.vec'));
  const set = await readAnalogies({ path: fixture('analogies.txt'), fileName: 'analogies.txt' });
  for (const restrict of [300000, 20]) {
    const want = expected[`analogies_${restrict}`];
    const got = await evaluateAnalogies(kv, set, { restrictVocab: restrict });
    assert.deepEqual(got.sections.map(({ name, correct, total }) => ({ name, correct, total })), want.sections, `restrict ${restrict}`);
    assert.deepEqual([got.overall.correct, got.overall.total, got.skipped], [want.overall.correct, want.overall.total, want.skipped]);
    assert.ok(Math.abs(got.overall.accuracy - want.overall.accuracy) < 1e-12);
  }
});

test('batches: more questions than one batch give the same answers as one at a time', async () => {
  const { kv } = await readPretrainedVectors(fixture('tiny.vec'));
  const set = await readAnalogies({ path: fixture('analogies.txt'), fileName: 'analogies.txt' });
  const many = { fileName: 'x', sections: [{ name: 'all', line: 1, questions: Array.from({ length: 10 }, () => set.sections.flatMap((s) => s.questions)).flat() }] };
  const result = await evaluateAnalogies(kv, many);
  assert.equal(result.overall.total, 170);
  assert.equal(result.overall.correct, 80);
  assert.equal(result.skipped, 30);
});

test('malformed files: ImportError naming the file and line', () => {
  const fails = (lines: string[], line: number | undefined, pattern: RegExp) =>
    assert.throws(() => parseAnalogies(lines, 'qw.txt'), (e: unknown) => e instanceof StudioError && e.name === 'ImportError' && e.file === 'qw.txt' && e.line === line && pattern.test(e.message));
  fails([': s', 'a b c'], 2, /^qw.txt, line 2: expected 4 words "a b c d".*found 3/);
  fails([': s', 'a b c d', 'a b c d e'], 3, /found 5/);
  fails(['a b c d'], 1, /before the first section line/);
  fails([':   ', 'a b c d'], 1, /without a name/);
  fails(['# only a comment', ': s', ''], undefined, /holds no analogy questions/);
  const ok = parseAnalogies(['# comment', '', ': capital-common-countries', 'athens greece baghdad iraq', '  ', ':gram1', 'a b c d'], 'qw.txt');
  assert.deepEqual(ok.sections.map((s) => [s.name, s.questions.length, s.questions[0]?.line]), [['capital-common-countries', 1, 4], ['gram1', 1, 7]]);
});
