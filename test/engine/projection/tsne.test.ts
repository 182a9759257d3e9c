/** Barnes–Hut t-SNE: calibrated affinities, well-separated clusters kept apart, seeded, cancellable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StudioError } from '../../../contract/errors.ts';
import { exactKnn } from '../../../engine/projection/knn.ts';
import { affinities, tsneLayout } from '../../../engine/projection/tsne.ts';
import { seededRandom } from '../../../engine/random.ts';

/** `clusters` gaussian blobs in d dimensions around random far-apart centres, as unit rows. Row-major [n, d] */
function blobs(clusters: number, perCluster: number, d: number, seed = 3): Float32Array {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: clusters }, () => Array.from({ length: d }, normal));
  const rows = new Float32Array(clusters * perCluster * d);
  for (let g = 0; g < clusters; g++) {
    for (let m = 0; m < perCluster; m++) {
      const o = (g * perCluster + m) * d;
      for (let c = 0; c < d; c++) rows[o + c] = centres[g][c] + 0.25 * normal();
      const norm = Math.hypot(...rows.subarray(o, o + d));
      for (let c = 0; c < d; c++) rows[o + c] /= norm;
    }
  }
  return rows;
}

/** The share of each point's k nearest neighbours in the layout that are in its own cluster. */
function purity(y: Float64Array, n: number, dims: number, per: number, k = 10): number {
  let same = 0;
  for (let i = 0; i < n; i++) {
    const near = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let c = 0; c < dims; c++) s += (y[i * dims + c] - y[j * dims + c]) ** 2;
      return { j, s };
    })
      .filter((e) => e.j !== i)
      .sort((a, b) => a.s - b.s)
      .slice(0, k);
    same += near.filter((e) => Math.floor(e.j / per) === Math.floor(i / per)).length;
  }
  return same / (n * k);
}

test('affinities: each row is a distribution over its neighbours with the asked perplexity', async () => {
  const [n, d, perplexity] = [90, 50, 10];
  const rows = blobs(3, 30, d);
  const k = 31;
  const knn = await exactKnn(rows, n, d, k);
  const { from, to, weight } = affinities(knn.indices, knn.distances, n, k, perplexity);
  assert.equal(from.length, n * (k - 1));
  for (let i = 0; i < n; i++) {
    const p = Array.from(weight.subarray(i * (k - 1), (i + 1) * (k - 1)), (w) => w * 2 * n);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    const entropy = -p.reduce((h, x) => h + (x > 0 ? x * Math.log(x) : 0), 0);
    assert.ok(Math.abs(Math.exp(entropy) - perplexity) < 0.01, `row ${i}: perplexity ${Math.exp(entropy)}`);
    assert.ok(Array.from(to.subarray(i * (k - 1), (i + 1) * (k - 1))).every((j) => j !== i));
  }
});

test('3 gaussian blobs in 50-D come out as 3 clusters, in 2-D and 3-D; the same seed gives the same layout', async () => {
  const [groups, per, d] = [3, 40, 50];
  const n = groups * per;
  const rows = blobs(groups, per, d);
  const progress: number[] = [];
  const a = await tsneLayout(rows, n, d, { dims: 2, perplexity: 15, iterations: 400, onProgress: (p) => progress.push(p.fraction) });
  assert.equal(a.length, n * 2);
  assert.ok(a.every(Number.isFinite));
  const score = purity(a, n, 2, per);
  assert.ok(score > 0.95, `kNN cluster purity ${score}`);
  progress.slice(1).forEach((f, i) => assert.ok(f >= progress[i], 'fractions never go back'));
  assert.ok(progress.at(-1)! > 0.99 && progress.at(-1)! < 1);

  assert.deepEqual(await tsneLayout(rows, n, d, { dims: 2, perplexity: 15, iterations: 400 }), a);
  assert.notDeepEqual(await tsneLayout(rows, n, d, { dims: 2, perplexity: 15, iterations: 400, seed: 7 }), a);

  const three = await tsneLayout(rows, n, d, { dims: 3, perplexity: 15, iterations: 400 });
  assert.equal(three.length, n * 3);
  assert.ok(purity(three, n, 3, per) > 0.95);
});

test('random points give a mixed layout (the purity test can fail), and a cancelled layout stops', async () => {
  // Labels that mean nothing: the same measure must then be near chance (1/3), or it would pass for anything.
  const [n, d] = [120, 50];
  const random = seededRandom(11);
  const rows = Float32Array.from({ length: n * d }, () => random() - 0.5);
  for (let i = 0; i < n; i++) {
    const norm = Math.hypot(...rows.subarray(i * d, (i + 1) * d));
    for (let c = 0; c < d; c++) rows[i * d + c] /= norm;
  }
  const y = await tsneLayout(rows, n, d, { dims: 2, perplexity: 15, iterations: 300 });
  assert.ok(purity(y, n, 2, 40) < 0.6);

  const controller = new AbortController();
  let iterations = 0;
  const layout = tsneLayout(rows, n, d, {
    dims: 2,
    iterations: 100_000,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.stage === 'layout' && ++iterations === 20) controller.abort();
    },
  });
  await assert.rejects(layout, (e: unknown) => e instanceof StudioError && e.name === 'CancelledError');
  assert.equal(iterations, 20);
  await assert.rejects(tsneLayout(rows.subarray(0, 3 * d), 3, d, { dims: 2 }), /at least 4 points/);
});
