/**
 * Principal component analysis for the embedding explorer (Pearson 1901; Hotelling 1933): centre the rows, form
 * the d×d covariance, and take its top-k eigenvectors as the axes of the picture.
 *
 * The eigenvectors come from subspace (block power) iteration with a Rayleigh–Ritz step (Golub & Van Loan,
 * "Matrix Computations", §8.2), on k + 6 vectors so convergence goes with λ(k+7)/λ(k) rather than λ(k+1)/λ(k), and
 * a cyclic Jacobi eigen-solver for the small projected matrix. Every step is deterministic (a fixed seeded start),
 * so the same vectors always give the same picture; the sign of each axis is fixed by a rule (see `fixSigns`).
 *
 * Cost: n·d²/2 for the covariance (10 000 × 100: 5·10⁷ multiply-adds), then d²·(k+6) per iteration.
 */
import { Slicer } from './slices.ts';
import { seededRandom } from '../random.ts';

export interface PcaResult {
  /** The rows in the new axes. Row-major [n, k] */
  coords: Float64Array;
  /** Variance along each axis (the covariance's eigenvalues), descending. [k] */
  eigenvalues: number[];
  /** Share of the total variance each axis explains. [k] */
  explained: number[];
  /** Unit eigenvectors, one per row. Row-major [k, d] */
  axes: Float64Array;
}

/** Extra vectors iterated beside the k wanted ones; they speed up convergence when eigenvalues are close. */
const GUARD = 6;
const MAX_ITERATIONS = 1000;
/** Converged when every wanted ‖C·v − λ·v‖ is below this fraction of the largest eigenvalue. */
const TOLERANCE = 1e-9;

/**
 * PCA of `n` rows of `d` values, onto the top `k` axes (k > d pads zero axes, so a 2-D vector set still draws in
 * 3-D). Rows are assumed to be in descending frequency order (as KeyedVectors keeps them): the sign rule uses it.
 * @param rows Row-major [n, d]
 */
export async function pca(rows: Float32Array, n: number, d: number, k: number, slicer = new Slicer()): Promise<PcaResult> {
  if (rows.length !== n * d) throw new Error(`pca: ${rows.length} values for ${n} rows of ${d}`);
  const mean = new Float64Array(d); // [d]
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] += rows[i * d + c];
  for (let c = 0; c < d; c++) mean[c] /= Math.max(n, 1);

  // Covariance, upper triangle accumulated row by row, then mirrored. [d, d]
  const cov = new Float64Array(d * d);
  const x = new Float64Array(d); // one centred row [d]
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) x[c] = rows[i * d + c] - mean[c];
    for (let a = 0; a < d; a++) {
      const xa = x[a];
      if (xa === 0) continue;
      const base = a * d;
      for (let b = a; b < d; b++) cov[base + b] += xa * x[b];
    }
    if ((i & 63) === 63) await slicer.tick();
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = cov[a * d + b] / Math.max(n, 1);
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
  }
  let total = 0;
  for (let a = 0; a < d; a++) total += cov[a * d + a];

  const kk = Math.min(k, d);
  const { values, vectors } = await topEigen(cov, d, kk, slicer);
  const axes = new Float64Array(k * d);
  axes.set(vectors);
  const coords = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) x[c] = rows[i * d + c] - mean[c];
    for (let j = 0; j < kk; j++) {
      let s = 0;
      for (let c = 0, o = j * d; c < d; c++) s += x[c] * axes[o + c];
      coords[i * k + j] = s;
    }
    if ((i & 1023) === 1023) await slicer.tick();
  }
  fixSigns(coords, axes, n, d, kk, k);
  const eigenvalues = Array.from({ length: k }, (_, j) => (j < kk ? Math.max(0, values[j]) : 0));
  return { coords, eigenvalues, explained: eigenvalues.map((v) => (total > 0 ? v / total : 0)), axes };
}

/**
 * An eigenvector's sign is arbitrary, and refreshing the picture during training must not mirror it at random.
 * Rule: the most frequent words lie on the positive side — the frequency-weighted mean coordinate, weights
 * 1/(rank + 1), is positive. (Frequency is one of the strongest directions in word2vec spaces, so this sum is
 * rarely near 0.) When it is (|sum| tiny), the largest-magnitude entry of the axis is made positive instead, as
 * scikit-learn's `svd_flip` does.
 */
function fixSigns(coords: Float64Array, axes: Float64Array, n: number, d: number, kk: number, k: number): void {
  for (let j = 0; j < kk; j++) {
    let weighted = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      const v = coords[i * k + j];
      weighted += v / (i + 1);
      scale += Math.abs(v) / (i + 1);
    }
    let flip = weighted < 0;
    if (Math.abs(weighted) <= 1e-9 * scale || scale === 0) {
      let big = 0;
      for (let c = 0; c < d; c++) if (Math.abs(axes[j * d + c]) > Math.abs(big) + 1e-12) big = axes[j * d + c];
      flip = big < 0;
    }
    if (!flip) continue;
    for (let c = 0; c < d; c++) axes[j * d + c] = -axes[j * d + c];
    for (let i = 0; i < n; i++) coords[i * k + j] = -coords[i * k + j] || 0; // no -0 in the output
  }
}

/**
 * The top `k` eigenpairs of the symmetric d×d matrix `a` (eigenvalues descending; eigenvectors as rows, [k, d]).
 * Subspace iteration with Rayleigh–Ritz; deterministic. It yields between iterations: on a flat spectrum (random
 * vectors) it can take all its iterations, measured 0.6 s at d = 100 and 2.1 s at d = 300 here, which as one block
 * would stall the engine.
 */
export async function topEigen(a: Float64Array, d: number, k: number, slicer = new Slicer()): Promise<{ values: Float64Array; vectors: Float64Array }> {
  const p = Math.min(d, k + GUARD);
  const random = seededRandom(0x5eed);
  let q = new Float64Array(p * d); // basis, one vector per row [p, d]
  for (let i = 0; i < q.length; i++) q[i] = random() - 0.5;
  orthonormalize(q, p, d);
  const z = new Float64Array(p * d); // a·q [p, d]
  const t = new Float64Array(p * p);
  const y = new Float64Array(p * d); // rotated basis (Ritz vectors)
  const ay = new Float64Array(p * d); // a·y
  let values: Float64Array = new Float64Array(p);
  for (let iteration = 0; ; iteration++) {
    for (let j = 0; j < p; j++) {
      for (let r = 0; r < d; r++) {
        let s = 0;
        for (let c = 0, o = r * d, qo = j * d; c < d; c++) s += a[o + c] * q[qo + c];
        z[j * d + r] = s;
      }
    }
    // Rayleigh–Ritz: the small matrix qᵀ·a·q, its eigenvectors rotate the basis. [p, p]
    for (let i = 0; i < p; i++) {
      for (let j = i; j < p; j++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += q[i * d + c] * z[j * d + c];
        t[i * p + j] = s;
        t[j * p + i] = s;
      }
    }
    const small = jacobiEigen(t, p);
    values = small.values;
    y.fill(0);
    ay.fill(0);
    for (let m = 0; m < p; m++) {
      for (let j = 0; j < p; j++) {
        const w = small.vectors[j * p + m];
        if (w === 0) continue;
        for (let c = 0; c < d; c++) {
          y[m * d + c] += w * q[j * d + c];
          ay[m * d + c] += w * z[j * d + c];
        }
      }
    }
    let worst = 0;
    for (let m = 0; m < k; m++) {
      let r = 0;
      for (let c = 0; c < d; c++) r += (ay[m * d + c] - values[m] * y[m * d + c]) ** 2;
      worst = Math.max(worst, Math.sqrt(r));
    }
    if (worst <= TOLERANCE * Math.max(Math.abs(values[0]), 1e-300) || iteration >= MAX_ITERATIONS) {
      return { values: values.slice(0, k), vectors: y.slice(0, k * d) };
    }
    q = ay.slice();
    orthonormalize(q, p, d);
    await slicer.tick();
  }
}

/**
 * Modified Gram–Schmidt on the rows of `q` [p, d], in place. A row that vanishes (the matrix has rank < p) is
 * replaced by the first basis vector e_c still independent of the earlier rows.
 */
function orthonormalize(q: Float64Array, p: number, d: number): void {
  for (let j = 0; j < p; j++) {
    for (let attempt = -1; attempt < d; attempt++) {
      if (attempt >= 0) {
        q.fill(0, j * d, (j + 1) * d);
        q[j * d + attempt] = 1;
      }
      const before = norm(q, j, d);
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let c = 0; c < d; c++) dot += q[i * d + c] * q[j * d + c];
        for (let c = 0; c < d; c++) q[j * d + c] -= dot * q[i * d + c];
      }
      const after = norm(q, j, d);
      if (after > 1e-10 * Math.max(before, 1e-300)) {
        for (let c = 0; c < d; c++) q[j * d + c] /= after;
        break;
      }
    }
  }
}

function norm(q: Float64Array, row: number, d: number): number {
  let s = 0;
  for (let c = 0; c < d; c++) s += q[row * d + c] ** 2;
  return Math.sqrt(s);
}

/**
 * All eigenpairs of a small symmetric p×p matrix by cyclic Jacobi rotations (Numerical Recipes §11.1): values
 * descending, eigenvectors as the columns of `vectors` [p, p]. `m` is not modified.
 */
export function jacobiEigen(m: Float64Array, p: number): { values: Float64Array; vectors: Float64Array } {
  const a = m.slice();
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < p; i++) {
      diag += a[i * p + i] ** 2;
      for (let j = i + 1; j < p; j++) off += a[i * p + j] ** 2;
    }
    if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = a[i * p + j];
        if (aij === 0) continue;
        const theta = (a[j * p + j] - a[i * p + i]) / (2 * aij);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < p; r++) {
          if (r === i || r === j) continue;
          const ari = a[r * p + i];
          const arj = a[r * p + j];
          a[r * p + i] = a[i * p + r] = c * ari - s * arj;
          a[r * p + j] = a[j * p + r] = s * ari + c * arj;
        }
        a[i * p + i] -= t * aij;
        a[j * p + j] += t * aij;
        a[i * p + j] = a[j * p + i] = 0;
        for (let r = 0; r < p; r++) {
          const vri = v[r * p + i];
          const vrj = v[r * p + j];
          v[r * p + i] = c * vri - s * vrj;
          v[r * p + j] = s * vri + c * vrj;
        }
      }
    }
  }
  const order = Array.from({ length: p }, (_, i) => i).sort((x, y) => a[y * p + y] - a[x * p + x] || x - y);
  const values = Float64Array.from(order, (i) => a[i * p + i]);
  const vectors = new Float64Array(p * p);
  order.forEach((from, to) => {
    for (let r = 0; r < p; r++) vectors[r * p + to] = v[r * p + from];
  });
  return { values, vectors };
}
