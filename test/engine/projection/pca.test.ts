import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jacobiEigen, pca, topEigen } from '../../../engine/projection/pca.ts';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('jacobiEigen: eigenvalues descending and A·v = λ·v on a hand-made 3×3 matrix', () => {
  // [[2,1,0],[1,2,0],[0,0,5]]: 5 (e3), 3 ((1,1,0)/√2), 1 ((1,−1,0)/√2)
  const m = Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]);
  const { values, vectors } = jacobiEigen(m, 3);
  [5, 3, 1].forEach((v, i) => close(values[i], v, 1e-12));
  for (let col = 0; col < 3; col++) {
    for (let r = 0; r < 3; r++) {
      let av = 0;
      for (let c = 0; c < 3; c++) av += m[r * 3 + c] * vectors[c * 3 + col];
      close(av, values[col] * vectors[r * 3 + col], 1e-12);
    }
  }
  close(Math.abs(vectors[0 * 3 + 1]), Math.SQRT1_2, 1e-12);
  close(Math.abs(vectors[2 * 3 + 0]), 1, 1e-12);
});

test('topEigen finds the top pairs of a larger symmetric matrix (checked against A·v = λ·v)', async () => {
  const d = 40;
  // A = Σ λ_j u_j u_jᵀ with known λ on an orthonormal basis made from cosines.
  const lambdas = Array.from({ length: d }, (_, j) => 1 / (j + 1));
  const basis = Array.from({ length: d }, (_, j) => {
    const u = Array.from({ length: d }, (_, i) => Math.cos((Math.PI * (i + 0.5) * j) / d));
    const n = Math.hypot(...u);
    return u.map((x) => x / n);
  });
  const a = new Float64Array(d * d);
  for (let j = 0; j < d; j++) for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) a[r * d + c] += lambdas[j] * basis[j][r] * basis[j][c];
  const { values, vectors } = await topEigen(a, d, 3);
  [1, 1 / 2, 1 / 3].forEach((v, i) => close(values[i], v, 1e-8));
  for (let j = 0; j < 3; j++) {
    let dot = 0;
    for (let c = 0; c < d; c++) dot += vectors[j * d + c] * basis[j][c];
    close(Math.abs(dot), 1, 1e-8);
  }
});

test('PCA of points along one direction: the first axis is that direction and explains all the variance', async () => {
  const u = [1 / 3, 2 / 3, 2 / 3];
  const n = 50;
  const rows = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) rows[i * 3 + c] = (i - 20) * 0.1 * u[c] + 0.5;
  const result = await pca(rows, n, 3, 2);
  close(result.explained[0], 1, 1e-6);
  close(result.explained[1], 0, 1e-6);
  for (let c = 0; c < 3; c++) close(Math.abs(result.axes[c]), u[c], 1e-6);
  // The coordinate along the axis is the signed distance along the line from the mean.
  close(Math.abs(result.coords[0] - result.coords[2]), 0.1, 1e-5);
});

test('PCA eigenvalues match a hand computation: (±3, 0), (0, ±1) rotated by 30°', async () => {
  // Centred already; covariance = diag(9·2/4, 1·2/4) = diag(4.5, 0.5) before rotation, and rotation keeps eigenvalues.
  const angle = Math.PI / 6;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const points = [[3, 0], [-3, 0], [0, 1], [0, -1]].map(([x, y]) => [cos * x - sin * y, sin * x + cos * y]);
  const result = await pca(Float32Array.from(points.flat()), 4, 2, 2);
  close(result.eigenvalues[0], 4.5, 1e-5);
  close(result.eigenvalues[1], 0.5, 1e-5);
  close(result.explained[0], 0.9, 1e-6);
  close(result.explained[1], 0.1, 1e-6);
  close(Math.abs(result.axes[0]), cos, 1e-6); // first axis along the rotated x axis
  close(Math.abs(result.axes[1]), sin, 1e-6);
});

test('PCA is deterministic and its signs follow the data, not the solver: frequent words on the positive side', async () => {
  const n = 200;
  const d = 8;
  const rows = new Float32Array(n * d);
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  for (let i = 0; i < rows.length; i++) rows[i] = rand() * (1 + (i % d));
  const a = await pca(rows, n, d, 3);
  const b = await pca(rows, n, d, 3);
  assert.deepEqual(a.coords, b.coords);
  for (let j = 0; j < 3; j++) {
    let weighted = 0;
    for (let i = 0; i < n; i++) weighted += a.coords[i * 3 + j] / (i + 1);
    assert.ok(weighted > 0, `axis ${j}: frequency-weighted mean ${weighted}`);
  }
  // Mirrored data: the solver's eigenvectors are the same, the rule flips them back — the same picture.
  const mirrored = await pca(rows.map((v) => -v), n, d, 3);
  a.coords.forEach((v, i) => close(mirrored.coords[i], v, 1e-9));
});

test('PCA pads missing axes with zeros and survives data without variance', async () => {
  const flat = await pca(Float32Array.from([1, 2, 1, 2, 1, 2]), 3, 2, 3);
  assert.deepEqual(Array.from(flat.coords), new Array(9).fill(0));
  assert.deepEqual(flat.explained, [0, 0, 0]);
  const line = await pca(Float32Array.from([0, 0, 1, 1, 2, 2]), 3, 2, 3);
  close(line.explained[0], 1, 1e-9);
  assert.equal(line.explained[2], 0);
  for (let i = 0; i < 3; i++) assert.equal(line.coords[i * 3 + 2], 0);
  assert.ok(Array.from(line.coords).every(Number.isFinite));
});
