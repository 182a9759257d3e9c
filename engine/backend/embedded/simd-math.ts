/**
 * Transcendental functions for the WebAssembly SIMD kernels, as code generators over f32x4 locals (WebAssembly has
 * no exp instruction). exp is Cephes' expf: x = n·ln2 + r with n = round(x·log₂e) and |r| ≤ ln2/2 (ln2 split in two
 * parts so r is exact), exp(r) by its degree-7 minimax polynomial, and 2ⁿ built directly in the exponent bits.
 * Relative error ≤ 2e-7 (float32 rounding is 6e-8). Inputs are clamped to [−87.3, 88.3], where float32 exp neither
 * under- nor overflows. sigmoid and tanh are built on it: σ(x) = 1 / (1 + e⁻ˣ), tanh(x) = 2σ(2x) − 1 (absolute
 * error ~1e-7 near 0, where tanh's own value is small).
 */
import { f32x4, get, i32, i32x4, set } from '../../wasm/asm.ts';

const k = (c: number) => f32x4.const(c);
const POLY = [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];

/** exp of the v128 in local `x` (clobbered), left on the stack; `r` and `n` are scratch v128 locals. */
export function vexp(x: number, r: number, n: number): number[] {
  return [
    // x = clamp(x); n = nearest(x·log₂e); r = x − n·C1 − n·C2 (C1 + C2 = ln 2, C1 exact in few bits)
    ...get(x), ...k(-87.3), ...f32x4.max, ...k(88.3), ...f32x4.min, ...set(x),
    ...get(x), ...k(1.44269504088896341), ...f32x4.mul, ...f32x4.nearest, ...set(n),
    ...get(x), ...get(n), ...k(0.693359375), ...f32x4.mul, ...f32x4.sub, ...get(n), ...k(-2.12194440e-4), ...f32x4.mul, ...f32x4.sub, ...set(r),
    // p(r) by Horner, then p·r² + r + 1
    ...k(POLY[0]),
    ...POLY.slice(1).flatMap((c) => [...get(r), ...f32x4.mul, ...k(c), ...f32x4.add]),
    ...get(r), ...get(r), ...f32x4.mul, ...f32x4.mul, ...get(r), ...f32x4.add, ...k(1), ...f32x4.add,
    // · 2ⁿ: (n + 127) << 23 as float bits
    ...get(n), ...i32x4.truncSatF32x4, ...i32x4.const(127), ...i32x4.add, ...i32.const(23), ...i32x4.shl, ...f32x4.mul,
  ];
}

/** σ of the v128 in local `x` (clobbered), left on the stack. */
export function vsigmoid(x: number, r: number, n: number): number[] {
  return [...k(1), ...k(0), ...get(x), ...f32x4.sub, ...set(x), ...vexp(x, r, n), ...k(1), ...f32x4.add, ...f32x4.div];
}

/** tanh of the v128 in local `x` (clobbered), left on the stack. */
export function vtanh(x: number, r: number, n: number): number[] {
  return [...get(x), ...k(2), ...f32x4.mul, ...set(x), ...vsigmoid(x, r, n), ...k(2), ...f32x4.mul, ...k(1), ...f32x4.sub];
}
