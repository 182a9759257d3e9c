/**
 * Keras's orthogonal initialiser (Saxe et al. 2014) for the recurrent kernels, computed without tfjs's QR.
 *
 * tfjs's own `tf.initializers.orthogonal` takes the Q of a Gaussian matrix's QR through `tf.linalg.qr`, which runs
 * Householder reflections as hundreds of small tensor ops: 18 s for one LSTM with 256 hidden units (a 1024 × 256
 * QR), minutes for 512, and it prints "Orthogonal initializer is being called on a matrix with more than 2000
 * elements: Slowness may result." for every layer. Here the tall shapes (LSTM [H, 4H], GRU [H, 3H]) take Cholesky
 * QR: two GEMMs on the backend a pass, well under a second for 256 hidden units; square ones (SimpleRNN [H, H])
 * Householder reflections on one Float64Array.
 *
 * Same distribution as tfjs and Keras: the Gaussian draw comes from tfjs with the same seed, Q's columns are signed
 * by R's diagonal (so Q is uniform over orthogonal matrices), wide shapes get the transpose, and the result is scaled
 * by `gain`. It serialises as tfjs's `Orthogonal` (same class name and config), so exported models load anywhere.
 */
import * as tf from '@tensorflow/tfjs';
// Types only: @tensorflow/tfjs re-exports the initialiser functions, not their classes.
import type { Initializer, Orthogonal as TfjsOrthogonal, OrthogonalArgs } from '@tensorflow/tfjs-layers/dist/initializers';

const Orthogonal = tf.initializers.orthogonal({}).constructor as typeof TfjsOrthogonal;

class FastOrthogonal extends Orthogonal {
  /** Written to model.json as tfjs's class: a loader needs nothing of ours. */
  static override className = 'Orthogonal';

  override apply(shape: number[], dtype?: tf.DataType): tf.Tensor {
    if (shape.length < 2) throw new Error('Orthogonal initialiser: shape must be at least 2D');
    if (dtype !== undefined && dtype !== 'float32') throw new Error(`Orthogonal initialiser: unsupported dtype ${dtype}`);
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1];
    const m = Math.max(rows, cols);
    const n = Math.min(rows, cols);
    return tf.tidy(() => {
      const gaussian = tf.randomNormal([m, n], 0, 1, 'float32', this.seed) as tf.Tensor2D;
      const q = (m >= 2 * n && choleskyQr2(gaussian)) || householderQ(gaussian); // [m, n]
      return tf.mul(this.gain, (rows >= cols ? q : tf.transpose(q)).reshape(shape));
    });
  }
}

/**
 * Cholesky QR, twice (Fukaya et al. 2014): R from the Cholesky factor of AᵀA, Q = A R⁻¹, and once more on Q to
 * win back the orthogonality float32 lost. The two products are GEMMs on the tensor backend (fast); only the n × n
 * factorisations run here. R's diagonal is positive, so this is the Q Keras takes. Fine for a tall Gaussian matrix
 * (m ≥ 2n: condition number ≈ (√m + √n) / (√m − √n) ≤ 6); null if it lost orthogonality all the same.
 */
function choleskyQr2(a: tf.Tensor2D): tf.Tensor2D | null {
  const n = a.shape[1];
  let q = a;
  for (let pass = 0; pass < 2; pass++) {
    const gram = tf.matMul(q, q, true, false); // [n, n]
    // Before the second pass QᵀQ is already near I; if not, float32 lost too much and one more pass would not do.
    if (pass === 1 && tf.max(tf.abs(tf.sub(gram, tf.eye(n)))).dataSync()[0] > 0.1) return null;
    const inverse = lowerInverse(cholesky(gram.dataSync(), n), n);
    if (!inverse) return null;
    q = tf.matMul(q, tf.tensor2d(inverse, [n, n]), false, true); // A (Lᵀ)⁻¹ = A R⁻¹
  }
  return q;
}

/** L (row-major, lower) with L Lᵀ = g, or null if g is not positive definite. */
function cholesky(g: ArrayLike<number>, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = g[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * n + i] = Math.sqrt(sum);
      } else l[i * n + j] = sum / l[j * n + j];
    }
  }
  return l;
}

/** L⁻¹ (lower) row by row: row i = (eᵢ − Σₖ₍ₖ₌₀…ᵢ₋₁₎ L[i, k] · row k) / L[i, i], each a contiguous axpy. */
function lowerInverse(l: Float64Array | null, n: number): Float32Array | null {
  if (!l) return null;
  const x = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    x[row + i] = 1;
    for (let k = 0; k < i; k++) {
      const c = l[row + k];
      if (c !== 0) for (let j = 0; j <= k; j++) x[row + j] -= c * x[k * n + j];
    }
    const d = l[row + i];
    for (let j = 0; j <= i; j++) x[row + j] /= d;
  }
  return Float32Array.from(x);
}

/** Q by Householder reflections in float64 (the square and nearly square shapes, where Cholesky QR is unstable). */
function householderQ(a: tf.Tensor2D): tf.Tensor2D {
  const [m, n] = a.shape;
  const q = orthonormalColumns(a.dataSync(), m, n); // column-major
  const out = new Float32Array(m * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) out[i * n + j] = q[j * m + i];
  return tf.tensor2d(out, [m, n]);
}

/**
 * Q of the thin QR of `a` (m × n row-major, m ≥ n) by Householder reflections, each column j of Q signed by R[j, j]
 * as Keras does. Returned column-major (m × n): the inner loops then run over contiguous memory.
 */
export function orthonormalColumns(a: ArrayLike<number>, m: number, n: number): Float64Array {
  const r = new Float64Array(m * n); // column-major working copy, reduced to R in place
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) r[j * m + i] = a[i * n + j];
  const vs: Float64Array[] = []; // reflection k: I − 2 v vᵀ on rows k … m − 1, v of unit length
  const signs = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const col = k * m;
    let norm = 0;
    for (let i = k; i < m; i++) norm += r[col + i] * r[col + i];
    norm = Math.sqrt(norm);
    const alpha = r[col + k] > 0 ? -norm : norm; // R[k, k]; the sign avoids cancellation in v
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = r[col + i];
    v[0] -= alpha;
    let vNorm = 0;
    for (let i = 0; i < v.length; i++) vNorm += v[i] * v[i];
    vNorm = Math.sqrt(vNorm);
    if (vNorm > 0) for (let i = 0; i < v.length; i++) v[i] /= vNorm;
    vs.push(v);
    signs[k] = alpha < 0 ? -1 : 1;
    for (let j = k + 1; j < n; j++) reflect(r, j * m + k, v);
  }
  // Q = H₀ H₁ … H₍ₙ₋₁₎ times the first n columns of the identity, applied from the last reflection back.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * m + j] = 1;
  for (let k = n - 1; k >= 0; k--) for (let j = k; j < n; j++) reflect(q, j * m + k, vs[k]);
  for (let j = 0; j < n; j++) if (signs[j] < 0) for (let i = 0; i < m; i++) q[j * m + i] = -q[j * m + i];
  return q;
}

/** x ← (I − 2 v vᵀ) x for the segment of `x` starting at `offset`, as long as v. */
function reflect(x: Float64Array, offset: number, v: Float64Array): void {
  let dot = 0;
  for (let i = 0; i < v.length; i++) dot += v[i] * x[offset + i];
  dot *= 2;
  if (dot !== 0) for (let i = 0; i < v.length; i++) x[offset + i] -= dot * v[i];
}

// Also what 'Orthogonal' in a model.json now deserialises to: loading an exported model runs its initialisers before
// the saved weights replace them, and tfjs's would take as long there (and warn).
tf.serialization.registerClass(FastOrthogonal);

/** Drop-in for `tf.initializers.orthogonal`. */
export function orthogonal(args: OrthogonalArgs): Initializer {
  return new FastOrthogonal(args);
}
