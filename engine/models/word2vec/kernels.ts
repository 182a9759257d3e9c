/**
 * Three vector primitives over rows addressed as (array, offset), so loops never allocate: a dot product, the
 * fused logistic-regression gradient step, and a vector add (what gensim calls BLAS sdot/saxpy for). Training
 * itself uses the fused list kernels of learn-kernels.ts; these serve single products, such as the
 * nearest-neighbour search in engine/evaluation.
 *
 * These are the plain-JS versions, written for the V8 JIT: unrolled by 4 with separate partial sums (a single
 * sum is bound by the latency of each floating-point add). simd.ts has WebAssembly SIMD versions.
 */
export interface Kernels {
  /** u·h over `dim` floats. */
  dot(h: Float32Array, ho: number, u: Float32Array, uo: number, dim: number): number;
  /** e += g·u, then u += g·h (u is read once for both). */
  step(h: Float32Array, ho: number, u: Float32Array, uo: number, e: Float32Array, g: number, dim: number): void;
  /** a += b. */
  add(a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number): void;
}

export const jsKernels: Kernels = {
  dot(h, ho, u, uo, dim) {
    let f0 = 0, f1 = 0, f2 = 0, f3 = 0;
    let c = 0;
    for (; c + 3 < dim; c += 4) {
      f0 += h[ho + c] * u[uo + c];
      f1 += h[ho + c + 1] * u[uo + c + 1];
      f2 += h[ho + c + 2] * u[uo + c + 2];
      f3 += h[ho + c + 3] * u[uo + c + 3];
    }
    for (; c < dim; c++) f0 += h[ho + c] * u[uo + c];
    return f0 + f1 + f2 + f3;
  },

  step(h, ho, u, uo, e, g, dim) {
    let c = 0;
    for (; c + 3 < dim; c += 4) {
      const i = uo + c, j = ho + c;
      const u0 = u[i], u1 = u[i + 1], u2 = u[i + 2], u3 = u[i + 3];
      e[c] += g * u0;
      e[c + 1] += g * u1;
      e[c + 2] += g * u2;
      e[c + 3] += g * u3;
      u[i] = u0 + g * h[j];
      u[i + 1] = u1 + g * h[j + 1];
      u[i + 2] = u2 + g * h[j + 2];
      u[i + 3] = u3 + g * h[j + 3];
    }
    for (; c < dim; c++) {
      const u0 = u[uo + c];
      e[c] += g * u0;
      u[uo + c] = u0 + g * h[ho + c];
    }
  },

  add(a, ao, b, bo, dim) {
    let c = 0;
    for (; c + 3 < dim; c += 4) {
      a[ao + c] += b[bo + c];
      a[ao + c + 1] += b[bo + c + 1];
      a[ao + c + 2] += b[bo + c + 2];
      a[ao + c + 3] += b[bo + c + 3];
    }
    for (; c < dim; c++) a[ao + c] += b[bo + c];
  },
};
