import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { KeyedVectors } from '../../../../engine/models/word2vec/keyed-vectors.ts';
import { readWord2Vec } from '../../../../engine/models/word2vec/formats.ts';
import { StudioError } from '../../../../contract/errors.ts';

const fixtures = new URL('../../../fixtures/word2vec/', import.meta.url);

function kv(rows: Record<string, number[]>, counts?: number[]): KeyedVectors {
  const words = Object.keys(rows);
  const dim = rows[words[0]].length;
  return new KeyedVectors(words, Float64Array.from(counts ?? words.map(() => 1)), dim, Float32Array.from(Object.values(rows).flat()));
}

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);

test('similarity is the cosine; neighbors rank by cosine and exclude the word itself', () => {
  const v = kv({ a: [1, 0], b: [0, 2], c: [3, 3], d: [-1, 0], z: [0, 0] });
  close(v.similarity('a', 'c'), Math.SQRT1_2);
  close(v.similarity('a', 'd'), -1);
  close(v.similarity('a', 'b'), 0);
  close(v.similarity('a', 'z'), 0); // a zero vector is orthogonal to everything, not NaN
  const n = v.neighbors('a', 3);
  assert.deepEqual(n.map((x) => x.word), ['c', 'b', 'z']);
  close(n[0].score, Math.SQRT1_2);
  assert.equal(v.neighbors('a', 10).length, 4);
  assert.deepEqual(v.neighbors('a', 0), []);
  assert.equal(v.indexOf('c'), 2);
  assert.equal(v.indexOf('nope'), -1);
});

test('analogy(a, b, c) = a − b + c on unit vectors: king − man + woman ≈ queen, inputs excluded', () => {
  const v = kv({
    king: [1, 0, 1, 0], man: [1, 0, 0, 0], woman: [0, 1, 0, 0], queen: [0, 1, 1, 0],
    prince: [1, 0, 0.8, 0.3], apple: [0, 0, 0, 1],
  });
  const result = v.analogy('king', 'man', 'woman', 2);
  assert.equal(result[0].word, 'queen');
  // unit(king) - unit(man) + unit(woman) = (1/√2 - 1, 1, 1/√2, 0); its cosine with queen (0, 1, 1, 0)/√2:
  const q = [Math.SQRT1_2 - 1, 1, Math.SQRT1_2, 0];
  const norm = Math.hypot(...q);
  close(result[0].score, (1 + Math.SQRT1_2) / Math.SQRT2 / norm);
  assert.ok(!result.some((r) => ['king', 'man', 'woman'].includes(r.word)));
});

test('unknown words are a NotFoundError naming the word', () => {
  const v = kv({ a: [1, 0] });
  for (const call of [() => v.neighbors('x', 1), () => v.similarity('a', 'x'), () => v.analogy('a', 'x', 'a', 1)]) {
    assert.throws(call, (e: unknown) => e instanceof StudioError && e.name === 'NotFoundError' && e.message === '"x" is not in the vocabulary');
  }
});

test('vocabulary(prefix, limit): matching words in vocabulary order, with counts and the total', () => {
  const v = kv({ the: [1], then: [1], a: [1], there: [1], thy: [1] }, [50, 20, 10, 5, 1]);
  assert.deepEqual(v.vocabulary('the', 2), { total: 3, words: [{ word: 'the', count: 50 }, { word: 'then', count: 20 }] });
  assert.equal(v.vocabulary('', 1).total, 5);
  assert.deepEqual(v.vocabulary('q', 5), { total: 0, words: [] });
});

test('on gensim-trained vectors, similarity, neighbors and analogy agree with gensim', async () => {
  const expected = JSON.parse(await readFile(new URL('expected.json', fixtures), 'utf8'));
  const v = await readWord2Vec(new URL('gensim.txt', fixtures).pathname);
  for (const [pair, score] of Object.entries(expected.similarity as Record<string, number>)) {
    const [a, b] = pair.split('|');
    close(v.similarity(a, b), score, 1e-5);
  }
  const neighbors = v.neighbors('river', 5);
  assert.deepEqual(neighbors.map((n) => n.word), expected.most_similar.river.map((x: [string, number]) => x[0]));
  neighbors.forEach((n, i) => close(n.score, expected.most_similar.river[i][1], 1e-5));
  const analogy = v.analogy('judge', 'court', 'river', 3);
  assert.deepEqual(analogy.map((n) => n.word), expected.analogy['judge|court|river'].map((x: [string, number]) => x[0]));
  analogy.forEach((n, i) => close(n.score, expected.analogy['judge|court|river'][i][1], 1e-5));
});

test('a lower-cased model finds "King" as "king" in every query; the error says what it looked up', () => {
  const v = kv({ king: [1, 0], queen: [0.9, 0.1], man: [1, 1], woman: [0.8, 1.2], caf\u00e9: [0, 1] });
  assert.deepEqual(v.normalization, { lowercase: true });
  assert.deepEqual(v.neighbors('King', 4), v.neighbors('king', 4));
  assert.equal(v.similarity('KING', 'Queen'), v.similarity('king', 'queen'));
  assert.deepEqual(v.analogy('King', 'Man', 'Woman', 1), v.analogy('king', 'man', 'woman', 1));
  assert.deepEqual(v.lookup('Cafe\u0301'), { row: 4, lookedUp: 'caf\u00e9' }, 'NFC as well');
  assert.deepEqual(v.vocabulary('Qu', 5).words.map((w) => w.word), ['queen']);
  assert.throws(() => v.neighbors('Kingdom', 1), (e: unknown) => e instanceof StudioError && e.name === 'NotFoundError' && e.message === '"Kingdom" is not in the vocabulary (looked up "kingdom")');
});

test('a cased model (imported vectors with "King" and "king") keeps them apart and does not lower-case', () => {
  const v = kv({ King: [1, 0], king: [0, 1], Paris: [1, 1] });
  assert.deepEqual(v.normalization, { lowercase: false });
  assert.equal(v.lookup('King').row, 0);
  assert.equal(v.lookup('king').row, 1);
  assert.equal(v.neighbors('King', 1)[0].word, 'Paris');
  assert.throws(() => v.neighbors('paris', 1), (e: unknown) => e instanceof Error && e.message === '"paris" is not in the vocabulary');
  assert.deepEqual(v.vocabulary('k', 5).words.map((w) => w.word), ['king']);
});
