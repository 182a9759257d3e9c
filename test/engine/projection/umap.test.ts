import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactKnn } from '../../../engine/projection/knn.ts';
import { seededRandom } from '../../../engine/random.ts';
import { umapEpochs, umapLayout } from '../../../engine/projection/umap.ts';

/** `clusters` tight groups of unit vectors in d dimensions, each around a different axis. Row-major [n, d] */
function clustered(clusters: number, perCluster: number, d: number, seed = 3): Float32Array {
  const random = seededRandom(seed);
  const rows = new Float32Array(clusters * perCluster * d);
  for (let g = 0; g < clusters; g++) {
    for (let m = 0; m < perCluster; m++) {
      const o = (g * perCluster + m) * d;
      let norm = 0;
      for (let c = 0; c < d; c++) {
        rows[o + c] = (c === g ? 1 : 0) + (random() - 0.5) * 0.3;
        norm += rows[o + c] ** 2;
      }
      for (let c = 0; c < d; c++) rows[o + c] /= Math.sqrt(norm);
    }
  }
  return rows;
}

test('exactKnn matches a brute-force sort, with each row its own first neighbour', async () => {
  const [n, d, k] = [120, 12, 6];
  const rows = clustered(4, 30, d);
  const { indices, distances } = await exactKnn(rows, n, d, k);
  for (let i = 0; i < n; i++) {
    const scores = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let c = 0; c < d; c++) s += rows[i * d + c] * rows[j * d + c];
      return { j, s: j === i ? Infinity : s };
    }).sort((a, b) => b.s - a.s);
    assert.equal(indices[i * k], i);
    assert.equal(distances[i * k], 0);
    for (let m = 1; m < k; m++) {
      // Same score (ties may order differently), and the distance is √(2 − 2·cos).
      const j = indices[i * k + m];
      let s = 0;
      for (let c = 0; c < d; c++) s += rows[i * d + c] * rows[j * d + c];
      assert.ok(Math.abs(s - scores[m].s) < 1e-5, `row ${i}, neighbour ${m}`);
      assert.ok(Math.abs(distances[i * k + m] - Math.sqrt(Math.max(0, 2 - 2 * s))) < 1e-5);
    }
  }
});

test('UMAP: [n, dims] finite coordinates, the same layout for the same seed, clusters kept apart', async () => {
  const [groups, per, d] = [3, 40, 10];
  const n = groups * per;
  const rows = clustered(groups, per, d);
  const a = await umapLayout(rows, n, d, { dims: 2, epochs: 120 });
  const b = await umapLayout(rows, n, d, { dims: 2, epochs: 120 });
  assert.equal(a.length, n * 2);
  assert.ok(a.every(Number.isFinite));
  assert.deepEqual(a, b);
  const c = await umapLayout(rows, n, d, { dims: 2, epochs: 120, seed: 7 });
  assert.notDeepEqual(a, c);

  const centroid = (g: number) => [0, 1].map((j) => {
    let s = 0;
    for (let m = 0; m < per; m++) s += a[(g * per + m) * 2 + j];
    return s / per;
  });
  const spread = (g: number) => {
    const [cx, cy] = centroid(g);
    let s = 0;
    for (let m = 0; m < per; m++) s += Math.hypot(a[(g * per + m) * 2] - cx, a[(g * per + m) * 2 + 1] - cy);
    return s / per;
  };
  for (let g = 0; g < groups; g++) {
    for (let h = g + 1; h < groups; h++) {
      const [gx, gy] = centroid(g);
      const [hx, hy] = centroid(h);
      assert.ok(Math.hypot(gx - hx, gy - hy) > 2 * Math.max(spread(g), spread(h)), `clusters ${g} and ${h} overlap`);
    }
  }

  const three = await umapLayout(rows, n, d, { dims: 3, epochs: 50 });
  assert.equal(three.length, n * 3);
  assert.ok(three.every(Number.isFinite));
});

test('UMAP epochs follow umap-js’s schedule', () => {
  assert.deepEqual([1000, 4000, 6000, 10_000].map(umapEpochs), [500, 400, 300, 200]);
});
