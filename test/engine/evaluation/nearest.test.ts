import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedVectors } from '../../../engine/models/word2vec/keyed-vectors.ts';
import { UnitRows, normalizeInto } from '../../../engine/evaluation/nearest.ts';

function random(words: number, dim: number, seed: number): KeyedVectors {
  let s = seed;
  const vectors = Float32Array.from({ length: words * dim }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
  vectors.fill(0, 3 * dim, 4 * dim); // a zero vector: cosine 0 with everything, never NaN
  return new KeyedVectors(Array.from({ length: words }, (_, i) => `w${i}`), new Float64Array(words), dim, vectors);
}

/** The k best rows by brute force in double precision, skipping `exclude`. */
function bruteForce(unit: Float32Array, stride: number, rows: number, query: Float32Array, k: number, exclude: number[]): number[] {
  const scored = Array.from({ length: rows }, (_, r) => ({ r, s: query.reduce((sum, x, c) => sum + x * unit[r * stride + c], 0) }));
  return scored.filter((x) => !exclude.includes(x.r)).sort((a, b) => b.s - a.s).slice(0, k).map((x) => x.r);
}

test('SIMD and JS scoring find the same top rows as brute force, for any dim (padding) and batch size', () => {
  for (const dim of [1, 4, 7, 33]) {
    const kv = random(700, dim, dim);
    for (const simd of [true, false]) {
      const rows = new UnitRows(kv, 650, 10, simd); // rows beyond 650 are outside restrict_vocab
      assert.equal(rows.simd, simd);
      const count = 9;
      const exclude = Int32Array.from({ length: count * 3 }, (_, i) => (i * 37) % 650);
      for (let q = 0; q < count; q++) normalizeInto(kv.vectors, (q * 50 + 1) * dim, rows.queries, q * rows.stride, dim);
      const outRows = new Int32Array(count * 5);
      const outScores = new Float64Array(count * 5);
      rows.top(count, 5, exclude, 3, outRows, outScores);
      for (let q = 0; q < count; q++) {
        const query = rows.queries.slice(q * rows.stride, q * rows.stride + dim);
        const want = bruteForce(rows.unit, rows.stride, 650, query, 5, [...exclude.slice(q * 3, q * 3 + 3)]);
        assert.deepEqual([...outRows.slice(q * 5, q * 5 + 5)], want, `dim ${dim} simd ${simd} query ${q}`);
        for (let t = 1; t < 5; t++) assert.ok(outScores[q * 5 + t - 1] >= outScores[q * 5 + t]);
      }
    }
  }
});

test('fewer candidate rows than k: the rest are -1', () => {
  const kv = random(4, 3, 1);
  const rows = new UnitRows(kv, 4, 4);
  normalizeInto(kv.vectors, 0, rows.queries, 0, 3);
  const outRows = new Int32Array(5);
  rows.top(1, 5, Int32Array.from([0, 1, -1]), 3, outRows, new Float64Array(5));
  assert.deepEqual([...outRows].slice(2), [-1, -1, -1]);
  assert.deepEqual([...outRows].slice(0, 2).sort(), [2, 3]);
});
