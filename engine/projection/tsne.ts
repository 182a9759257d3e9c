/**
 * Barnes–Hut t-SNE: van der Maaten & Hinton, "Visualizing Data using t-SNE" (2008), and van der Maaten,
 * "Accelerating t-SNE using Tree-Based Algorithms" (JMLR 2014). No maintained JavaScript package was at hand
 * (tsne-js and tsnejs are exact O(n²) and unmaintained), so this is ours, written to be read.
 *
 * 1. Affinities: each point's Gaussian over its 3·perplexity nearest neighbours (knn.ts, exact cosine), its width
 *    found by binary search so the distribution's perplexity is the one asked for. Far points get 0: the sparse P
 *    of the 2014 paper.
 * 2. Layout: gradient descent on KL(P‖Q), Q a Student-t kernel in 2-D or 3-D. Attraction is summed over P's edges;
 *    repulsion over all pairs, approximated by a space-partitioning tree (a quadtree in 2-D, an octree in 3-D)
 *    whose far cells act as one point at their centre of mass (θ = 0.5).
 * 3. The usual tricks: early exaggeration (P × 12 for the first 250 iterations, so clusters form before they
 *    settle), momentum 0.5 then 0.8, and per-coordinate gains (delta-bar-delta) as in the reference bhtsne.
 *
 * Seeded (random.ts): the same rows, settings and seed give the same coordinates.
 */
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import { seededRandom } from '../random.ts';
import { exactKnn } from './knn.ts';
import { Slicer } from './slices.ts';

/**
 * Beyond this a layout is refused with a reason. Measured here (2 shared cores, busy): 10 000 points took ~350 ms an
 * iteration (1 000 iterations: six minutes); 5 000 about half of that.
 */
export const TSNE_MAX_POINTS = 5_000;
export const TSNE_PERPLEXITY = 30;
export const TSNE_ITERATIONS = 1000;
/** Barnes–Hut accuracy: a cell of width w at distance r is summarised when w / r < θ. 0.5 is the paper's choice. */
const THETA = 0.5;
const EXAGGERATION = 12;
const EXAGGERATION_ITERATIONS = 250;
const MIN_GAIN = 0.01;

export interface TsneOptions {
  dims: 2 | 3;
  /** Effective number of neighbours each point's Gaussian spreads over (5–50 is the usual range). @default 30 */
  perplexity?: number;
  /** Gradient-descent iterations, the first 250 of them exaggerated. @default 1000 */
  iterations?: number;
  /** @default 42 */
  seed?: number;
  slicer?: Slicer;
  /** Checked between iterations (a worker is terminated instead; this serves in-thread callers). */
  signal?: AbortSignal;
  onProgress?: (progress: TsneProgress) => void;
}

export interface TsneProgress {
  stage: 'neighbours' | 'affinities' | 'layout';
  /** Of the whole layout, estimated: the neighbours take about a fifth, the iterations the rest. */
  fraction: number;
}

const NEIGHBOURS_SHARE = 0.2;
const AFFINITIES_SHARE = 0.05;

/**
 * @param unit Unit-length rows, row-major [n, d]
 * @returns Row-major [n, dims], centred on the origin
 */
export async function tsneLayout(unit: Float32Array, n: number, d: number, options: TsneOptions): Promise<Float64Array> {
  const { dims, seed = 42, iterations = TSNE_ITERATIONS, slicer = new Slicer(), signal, onProgress = () => {} } = options;
  if (n < 4) throw new Error(userText('t-SNE needs at least 4 points, got {count}', { count: n }));
  // Each point needs more neighbours than its perplexity, or no width reaches it: at most (n − 1) / 3.
  const perplexity = Math.min(options.perplexity ?? TSNE_PERPLEXITY, (n - 1) / 3);
  const k = Math.min(n - 1, Math.floor(3 * perplexity));
  const checkCancelled = () => {
    if (signal?.aborted) throw new StudioError('CancelledError', userText('The {method} layout was cancelled', { method: 't-SNE' }));
  };

  const knn = await exactKnn(unit, n, d, k + 1, slicer, (done) => {
    checkCancelled();
    onProgress({ stage: 'neighbours', fraction: done * NEIGHBOURS_SHARE });
  });
  onProgress({ stage: 'affinities', fraction: NEIGHBOURS_SHARE });
  const edges = affinities(knn.indices, knn.distances, n, k + 1, perplexity);
  const start = NEIGHBOURS_SHARE + AFFINITIES_SHARE;

  // Start in a tiny Gaussian cloud (σ = 10⁻⁴, as the reference does): t-SNE's outcome depends little on the start.
  const random = seededRandom(seed);
  const y = Float64Array.from({ length: n * dims }, () => gaussian(random) * 1e-4);
  const update = new Float64Array(n * dims); // the momentum term
  const gains = new Float64Array(n * dims).fill(1);
  const grad = new Float64Array(n * dims);
  // sklearn's "auto" rate (Belkina et al. 2019): big datasets need bigger steps or exaggeration ends too soon.
  const rate = Math.max(n / EXAGGERATION / 4, 50);

  for (let it = 0; it < iterations; it++) {
    checkCancelled();
    onProgress({ stage: 'layout', fraction: start + (1 - start) * (it / iterations) });
    const early = it < EXAGGERATION_ITERATIONS;
    gradient(y, n, dims, edges, early ? EXAGGERATION : 1, grad);
    const momentum = early ? 0.5 : 0.8;
    for (let c = 0; c < n * dims; c++) {
      // Gains grow where the gradient keeps pushing against the last step's direction, shrink where it agrees.
      gains[c] = Math.sign(grad[c]) !== Math.sign(update[c]) ? gains[c] + 0.2 : Math.max(MIN_GAIN, gains[c] * 0.8);
      update[c] = momentum * update[c] - rate * gains[c] * grad[c];
      y[c] += update[c];
    }
    centre(y, n, dims); // the cost ignores translation; keep the numbers near 0
    await slicer.tick();
  }
  return y;
}

/** P's edges, one per (point, neighbour): p(j|i) / 2n. Attraction along both ends makes P symmetric implicitly. */
interface Edges {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

/**
 * For each row, the Gaussian width (precision β) whose conditional distribution over its neighbours has the asked
 * perplexity: entropy H = log(perplexity), found by bisection on β.
 * @param indices [n, k] nearest first, the row itself first; distances likewise (Euclidean between unit rows)
 */
export function affinities(indices: Int32Array, distances: Float32Array, n: number, k: number, perplexity: number): Edges {
  const m = k - 1; // neighbours other than the row itself
  const from = new Int32Array(n * m);
  const to = new Int32Array(n * m);
  const weight = new Float64Array(n * m);
  const target = Math.log(perplexity);
  const d2 = new Float64Array(m);
  const p = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    let nearest = Infinity;
    for (let j = 0; j < m; j++) {
      d2[j] = distances[i * k + j + 1] ** 2;
      nearest = Math.min(nearest, d2[j]);
    }
    let beta = 1;
    let lo = 0;
    let hi = Infinity;
    for (let step = 0; step < 100; step++) {
      // Distances measured from the nearest one: the same distribution, no underflow of exp for tight rows.
      let sum = 0;
      let weighted = 0;
      for (let j = 0; j < m; j++) {
        p[j] = Math.exp(-beta * (d2[j] - nearest));
        sum += p[j];
        weighted += (d2[j] - nearest) * p[j];
      }
      const entropy = Math.log(sum) + (beta * weighted) / sum;
      if (Math.abs(entropy - target) < 1e-5) break;
      // Too flat (entropy too high): narrow the Gaussian, i.e. raise β.
      if (entropy > target) {
        lo = beta;
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = (beta + lo) / 2;
      }
    }
    let sum = 0;
    for (let j = 0; j < m; j++) sum += p[j];
    for (let j = 0; j < m; j++) {
      const e = i * m + j;
      from[e] = i;
      to[e] = indices[i * k + j + 1];
      weight[e] = p[j] / sum / (2 * n);
    }
  }
  return { from, to, weight };
}

/**
 * ∂KL/∂y into `grad`: 4·(attraction − repulsion / Z), with q = 1 / (1 + |yᵢ − yⱼ|²) and Z = Σ q over all pairs.
 * @param y [n, dims]
 */
function gradient(y: Float64Array, n: number, dims: number, edges: Edges, exaggeration: number, grad: Float64Array): void {
  grad.fill(0);
  // Attraction, exact over P's edges: p·q·(yᵢ − yⱼ) on i, and its opposite on j (P is pᵢⱼ + pⱼᵢ).
  const { from, to, weight } = edges;
  for (let e = 0; e < from.length; e++) {
    const a = from[e] * dims;
    const b = to[e] * dims;
    let dist2 = 0;
    for (let c = 0; c < dims; c++) dist2 += (y[a + c] - y[b + c]) ** 2;
    const f = (exaggeration * weight[e]) / (1 + dist2);
    for (let c = 0; c < dims; c++) {
      const force = f * (y[a + c] - y[b + c]);
      grad[a + c] += force;
      grad[b + c] -= force;
    }
  }
  // Repulsion, approximated by the tree: Σⱼ q²·(yᵢ − yⱼ) unnormalised, and Z.
  const tree = new SpaceTree(y, n, dims);
  const repulsion = new Float64Array(n * dims);
  let z = 0;
  for (let i = 0; i < n; i++) z += tree.repulsion(i, repulsion);
  for (let c = 0; c < n * dims; c++) grad[c] = 4 * (grad[c] - repulsion[c] / z);
}

/** Deeper than this, points are taken as one (they coincide to 2⁻⁵⁰ of the picture's width). */
const MAX_DEPTH = 50;

/**
 * A quadtree (2-D) or octree (3-D) over the points, in flat arrays: each cell knows its centre, half-width, how many
 * points it holds and their coordinate sums (the centre of mass). A leaf holds one point (or several coinciding).
 */
class SpaceTree {
  private readonly children: number; // 2^dims
  private center: Float64Array; // [cells, dims]
  private half: Float64Array; // [cells]
  private count: Int32Array; // [cells]
  private sum: Float64Array; // [cells, dims]
  private firstChild: Int32Array; // [cells], −1 for a leaf
  private point: Int32Array; // [cells], the leaf's point or −1
  private cells = 0;
  private readonly stack: Int32Array;

  constructor(
    private readonly y: Float64Array,
    n: number,
    private readonly dims: number,
  ) {
    this.children = 1 << dims;
    const capacity = 1 + 2 * n * this.children; // generous; grown if ever exceeded
    this.center = new Float64Array(capacity * dims);
    this.half = new Float64Array(capacity);
    this.count = new Int32Array(capacity);
    this.sum = new Float64Array(capacity * dims);
    this.firstChild = new Int32Array(capacity);
    this.point = new Int32Array(capacity);
    this.stack = new Int32Array(MAX_DEPTH * this.children + 8);
    // The root: the bounding box, as a cube.
    const lo = new Float64Array(dims).fill(Infinity);
    const hi = new Float64Array(dims).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < dims; c++) {
        lo[c] = Math.min(lo[c], y[i * dims + c]);
        hi[c] = Math.max(hi[c], y[i * dims + c]);
      }
    }
    let half = 0;
    for (let c = 0; c < dims; c++) half = Math.max(half, (hi[c] - lo[c]) / 2);
    const root = this.newCell();
    for (let c = 0; c < dims; c++) this.center[c] = (lo[c] + hi[c]) / 2;
    this.half[root] = half * (1 + 1e-6) + 1e-12;
    for (let i = 0; i < n; i++) this.insert(i);
  }

  private newCell(): number {
    if (this.cells === this.half.length) this.grow();
    const cell = this.cells++;
    this.count[cell] = 0;
    this.firstChild[cell] = -1;
    this.point[cell] = -1;
    for (let c = 0; c < this.dims; c++) this.sum[cell * this.dims + c] = 0;
    return cell;
  }

  private grow(): void {
    const more = <T extends Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (size: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    [this.center, this.half, this.sum] = [more(this.center), more(this.half), more(this.sum)];
    [this.count, this.firstChild, this.point] = [more(this.count), more(this.firstChild), more(this.point)];
  }

  /** Child index of `cell` on the side of (x) for each axis: bit c set when coordinate c ≥ the centre's. */
  private childFor(cell: number, at: Float64Array, offset: number): number {
    let which = 0;
    for (let c = 0; c < this.dims; c++) if (at[offset + c] >= this.center[cell * this.dims + c]) which |= 1 << c;
    return this.firstChild[cell] + which;
  }

  private split(cell: number): void {
    const first = this.cells;
    const half = this.half[cell] / 2;
    for (let which = 0; which < this.children; which++) {
      const child = this.newCell();
      this.half[child] = half;
      for (let c = 0; c < this.dims; c++) {
        this.center[child * this.dims + c] = this.center[cell * this.dims + c] + ((which >> c) & 1 ? half : -half);
      }
    }
    this.firstChild[cell] = first;
  }

  private add(cell: number, i: number): void {
    this.count[cell]++;
    for (let c = 0; c < this.dims; c++) this.sum[cell * this.dims + c] += this.y[i * this.dims + c];
  }

  private insert(i: number): void {
    const { y, dims } = this;
    let cell = 0;
    for (let depth = 0; ; depth++) {
      const leaf = this.firstChild[cell] === -1;
      if (leaf && this.count[cell] === 0) {
        this.add(cell, i);
        this.point[cell] = i;
        return;
      }
      if (leaf && depth >= MAX_DEPTH) {
        this.add(cell, i); // coincides with the leaf's point: counted, not told apart
        return;
      }
      if (leaf) {
        // Move the resident point down a level, then keep descending with the new one.
        const resident = this.point[cell];
        this.split(cell);
        const child = this.childFor(cell, y, resident * dims);
        this.add(child, resident);
        this.point[child] = resident;
        this.point[cell] = -1;
      }
      this.add(cell, i);
      cell = this.childFor(cell, y, i * dims);
    }
  }

  /**
   * Adds Σⱼ q²·(yᵢ − yⱼ) for point i into `out` and returns Σⱼ q (its share of Z), cells far enough away taken
   * whole at their centre of mass.
   */
  repulsion(i: number, out: Float64Array): number {
    const { y, dims, stack } = this;
    const o = i * dims;
    let z = 0;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const cell = stack[--top];
      const count = this.count[cell];
      if (count === 0 || this.point[cell] === i) continue;
      let dist2 = 0;
      for (let c = 0; c < dims; c++) dist2 += (y[o + c] - this.sum[cell * dims + c] / count) ** 2;
      const leaf = this.firstChild[cell] === -1;
      const width = 2 * this.half[cell];
      if (leaf || width * width < THETA * THETA * dist2) {
        const q = 1 / (1 + dist2);
        z += count * q;
        const f = count * q * q;
        for (let c = 0; c < dims; c++) out[o + c] += f * (y[o + c] - this.sum[cell * dims + c] / count);
      } else {
        for (let which = 0; which < this.children; which++) stack[top++] = this.firstChild[cell] + which;
      }
    }
    return z;
  }
}

function centre(y: Float64Array, n: number, dims: number): void {
  for (let c = 0; c < dims; c++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y[i * dims + c] / n;
    for (let i = 0; i < n; i++) y[i * dims + c] -= mean;
  }
}

/** A standard normal draw (Box–Muller) from a uniform generator. */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
