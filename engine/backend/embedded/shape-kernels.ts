/**
 * Fast copies and reductions for the embedded backend. tfjs-backend-cpu 4.22 moves data through generic
 * per-element index arithmetic (`util.indexToLoc`, `TensorBuffer.get/set`, an array allocated per element) in
 * Slice, SplitV, Unpack, Transpose, Tile, GatherV2 and Reverse, and its reductions (Sum, Mean, Max) transpose the input
 * whenever the reduced axes are not the innermost ones — the bias gradient, a sum over axis 0 of [1120, 10000],
 * becomes a full transpose first. In an LSTM language-model step these took ~1.5 s out of the profile.
 *
 * Here the same ops are typed-array loops: shapes are collapsed (size-1 axes dropped, axes that stay adjacent
 * merged) so that the innermost loop is a contiguous run copied by `set` or a tight loop; Transpose walks the output
 * with an odometer over precomputed input strides; a reduction over a contiguous run of axes is done in place
 * (any other axis set goes through the fast transpose, as the reference does). Results are bit-identical to the
 * reference: copies are copies, and sums accumulate in a float64 in the reference's order before rounding.
 * Anything odd (string, complex64, empty or unusual attributes) is handed to the stock cpu kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { type CpuBackend, valuesOf } from './cpu-backend.ts';

type TensorInfo = tf.TensorInfo;
type TypedArray = tf.TypedArray;
type KernelArgs = Parameters<tf.KernelFunc>[0];
type KernelResult = TensorInfo | TensorInfo[];

const reference = (name: string, args: KernelArgs): KernelResult => tf.getKernel(name, 'cpu')!.kernelFunc(args);

/** string and complex64 keep their own layouts (encoded bytes, real/imag pairs): those go to the reference. */
const isPlain = (t: TensorInfo) => t.dtype === 'float32' || t.dtype === 'int32' || t.dtype === 'bool';

/** The output array the reference would allocate: by dtype, not by the input's array type (a float32 cast of an int32 keeps an Int32Array). */
const newArray = (dtype: tf.DataType, n: number): TypedArray => tf.util.getTypedArrayFromDType(dtype as 'float32', n);

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  for (let i = shape.length - 1, acc = 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** Copies n values; `set` pays for a subarray object, so short runs are cheaper as a plain loop. */
function copyRun(dst: TypedArray, to: number, src: TypedArray, from: number, n: number): void {
  if (n >= 48) dst.set(src.subarray(from, from + n), to);
  else for (let j = 0; j < n; j++) dst[to + j] = src[from + j];
}

// ---------------------------------------------------------------------------------------------------- transpose

/**
 * Permutes `x` (row-major, `shape`) so that output axis j is input axis perm[j]. Size-1 axes are dropped and input
 * axes that stay adjacent are merged first, so [32,35,128] perm [1,0,2] is 1120 contiguous runs of 128 values.
 */
export function transposeValues(x: TypedArray, shape: readonly number[], perm: readonly number[], dtype: tf.DataType): TypedArray {
  const n = sizeOf(shape);
  const out = newArray(dtype, n);
  if (n === 0) return out;
  // Drop size-1 axes: they move nothing.
  const kept = shape.map((d, a) => (d > 1 ? a : -1)).filter((a) => a >= 0);
  const renumber = new Map(kept.map((a, i) => [a, i]));
  const p1 = perm.filter((a) => shape[a] > 1).map((a) => renumber.get(a)!);
  const s1 = kept.map((a) => shape[a]);
  // Merge runs of output axes that are consecutive input axes into one axis.
  const groups: number[][] = [];
  for (const a of p1) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1] + 1 === a) last.push(a);
    else groups.push([a]);
  }
  const byInput = [...groups].sort((g, h) => g[0] - h[0]);
  const dims = byInput.map((g) => g.reduce((acc, a) => acc * s1[a], 1));
  const inStrides = stridesOf(dims);
  const k = groups.length;
  if (k <= 1) {
    out.set(x.subarray(0, n));
    return out;
  }
  const order = groups.map((g) => byInput.indexOf(g));
  const oShape = order.map((a) => dims[a]);
  const oStride = order.map((a) => inStrides[a]); // input stride of each output axis
  const inner = oShape[k - 1];
  const innerStride = oStride[k - 1];
  const idx = new Array<number>(k - 1).fill(0);
  let base = 0;
  for (let o = 0; o < n; o += inner) {
    if (innerStride === 1) copyRun(out, o, x, base, inner);
    else for (let j = 0, from = base; j < inner; j++, from += innerStride) out[o + j] = x[from];
    // Odometer over the outer output axes.
    for (let a = k - 2; a >= 0; a--) {
      base += oStride[a];
      if (++idx[a] < oShape[a]) break;
      base -= oStride[a] * oShape[a];
      idx[a] = 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------- slice

/**
 * The block [begin, begin + size) of `x`. When it is one contiguous run the result is a view (`subarray`), as the
 * reference returns; otherwise rows are copied, the trailing axes taken whole being folded into the row.
 */
function sliceValues(x: TypedArray, shape: readonly number[], begin: readonly number[], size: readonly number[], dtype: tf.DataType): TypedArray {
  const rank = shape.length;
  const n = sizeOf(size);
  const strides = stridesOf(shape);
  let offset = 0;
  for (let a = 0; a < rank; a++) offset += begin[a] * strides[a];
  if (n === 0) return newArray(dtype, 0);
  // t: the outermost axis of the row; every axis after it is taken whole.
  let t = rank - 1;
  while (t > 0 && size[t] === shape[t]) t--;
  const row = t < 0 ? 1 : size[t] * (t + 1 < rank ? strides[t] : 1);
  let single = true;
  for (let a = 0; a < t; a++) if (size[a] !== 1) single = false;
  if (single) return x.subarray(offset, offset + n);
  const out = newArray(dtype, n);
  const idx = new Array<number>(t).fill(0);
  let base = offset;
  for (let o = 0; o < n; o += row) {
    copyRun(out, o, x, base, row);
    for (let a = t - 1; a >= 0; a--) {
      base += strides[a];
      if (++idx[a] < size[a]) break;
      base -= strides[a] * size[a];
      idx[a] = 0;
    }
  }
  return out;
}

function sliceKernel(args: KernelArgs): KernelResult {
  const { x } = args.inputs as { x: TensorInfo };
  if (!isPlain(x)) return reference('Slice', args);
  const { begin, size } = args.attrs as unknown as { begin: number | number[]; size?: number | number[] };
  // The reference's own parsing: -1 sizes, scalar begin/size, and its range checks (which throw the same errors).
  const [b, s] = tf.slice_util.parseSliceParams(x, begin, size);
  tf.slice_util.assertParamsValid(x, b, s);
  const cpu = args.backend as CpuBackend;
  return cpu.makeTensorInfo(s, x.dtype, sliceValues(valuesOf(cpu, x), x.shape, b, s, x.dtype));
}

function splitVKernel(args: KernelArgs): KernelResult {
  const { x } = args.inputs as { x: TensorInfo };
  if (!isPlain(x)) return reference('SplitV', args);
  const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
  const ax = tf.util.parseAxisParam(axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x, numOrSizeSplits, ax); // resolves -1, checks the total
  const cpu = args.backend as CpuBackend;
  const values = valuesOf(cpu, x);
  const begin = x.shape.map(() => 0);
  return sizes.map((s) => {
    const size = [...x.shape];
    size[ax] = s;
    const part = cpu.makeTensorInfo(size, x.dtype, sliceValues(values, x.shape, begin, size, x.dtype));
    begin[ax] += s;
    return part;
  });
}

function unpackKernel(args: KernelArgs): KernelResult {
  const { value } = args.inputs as { value: TensorInfo };
  if (!isPlain(value)) return reference('Unpack', args);
  const rank = value.shape.length;
  let axis = (args.attrs as unknown as { axis: number }).axis;
  if (axis < 0) axis += rank;
  const cpu = args.backend as CpuBackend;
  const values = valuesOf(cpu, value);
  const outShape = value.shape.filter((_, a) => a !== axis);
  const begin = value.shape.map(() => 0);
  const size = [...value.shape];
  size[axis] = 1;
  const res: TensorInfo[] = [];
  for (let i = 0; i < value.shape[axis]; i++) {
    begin[axis] = i;
    res.push(cpu.makeTensorInfo(outShape, value.dtype, sliceValues(values, value.shape, begin, size, value.dtype)));
  }
  return res;
}

// ---------------------------------------------------------------------------------------------------- concat, pack, tile

function concatKernel(args: KernelArgs): KernelResult {
  const ts = args.inputs as unknown as TensorInfo[];
  if (!ts.every(isPlain)) return reference('Concat', args);
  const axis = tf.util.parseAxisParam((args.attrs as unknown as { axis: number }).axis, ts[0].shape)[0];
  const shapes = ts.map((t) => t.shape);
  tf.backend_util.assertParamsConsistent(shapes, axis);
  const outShape = tf.backend_util.computeOutShape(shapes, axis);
  const parts = ts.filter((t) => sizeOf(t.shape) > 0);
  // Empty results and a single non-empty input (returned as an identity, sharing data) stay with the reference.
  if (sizeOf(outShape) === 0 || parts.length === 1) return reference('Concat', args);
  const cpu = args.backend as CpuBackend;
  const outer = sizeOf(outShape.slice(0, axis));
  const rowOut = sizeOf(outShape) / outer;
  const out = newArray(ts[0].dtype, outer * rowOut);
  let col = 0;
  for (const t of parts) {
    const v = valuesOf(cpu, t);
    const row = v.length / outer;
    if (outer === 1) out.set(v, col);
    else for (let o = 0; o < outer; o++) copyRun(out, o * rowOut + col, v, o * row, row);
    col += row;
  }
  return cpu.makeTensorInfo(outShape, ts[0].dtype, out);
}

function packKernel(args: KernelArgs): KernelResult {
  const ts = args.inputs as unknown as TensorInfo[];
  const shape = ts[0].shape;
  const rank = shape.length;
  let axis = (args.attrs as unknown as { axis: number }).axis;
  if (axis < 0) axis += rank + 1;
  const uniform = ts.every((t) => isPlain(t) && t.dtype === ts[0].dtype && tf.util.arraysEqual(t.shape, shape));
  // One input is an expandDims (a reshape sharing data); mismatches must throw the reference's errors.
  if (ts.length === 1 || !uniform || axis < 0 || axis > rank || sizeOf(shape) === 0) return reference('Pack', args);
  const cpu = args.backend as CpuBackend;
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis));
  const n = ts.length;
  const out = newArray(ts[0].dtype, outer * n * inner);
  ts.forEach((t, k) => {
    const v = valuesOf(cpu, t);
    for (let o = 0; o < outer; o++) copyRun(out, (o * n + k) * inner, v, o * inner, inner);
  });
  return cpu.makeTensorInfo([...shape.slice(0, axis), n, ...shape.slice(axis)], ts[0].dtype, out);
}

function tileKernel(args: KernelArgs): KernelResult {
  const { x } = args.inputs as { x: TensorInfo };
  const reps = (args.attrs as unknown as { reps: number[] }).reps;
  if (!isPlain(x) || reps.length !== x.shape.length) return reference('Tile', args);
  const cpu = args.backend as CpuBackend;
  const v = valuesOf(cpu, x);
  const rank = x.shape.length;
  const outShape = x.shape.map((d, a) => d * reps[a]);
  const out = newArray(x.dtype, sizeOf(outShape));
  if (out.length === 0) return cpu.makeTensorInfo(outShape, x.dtype, out);
  if (rank === 0) return cpu.makeTensorInfo(outShape, x.dtype, out.fill(v[0]));
  const inStrides = stridesOf(x.shape);
  const outStrides = stridesOf(outShape);
  // Fill the first copy of each block from the input, then repeat it along its axis with copyWithin.
  const fill = (a: number, from: number, to: number): void => {
    const d = x.shape[a];
    if (a === rank - 1) copyRun(out, to, v, from, d);
    else for (let i = 0; i < d; i++) fill(a + 1, from + i * inStrides[a], to + i * outStrides[a]);
    const block = d * (a === rank - 1 ? 1 : outStrides[a]);
    for (let r = 1; r < reps[a]; r++) out.copyWithin(to + r * block, to, to + block);
  };
  fill(0, 0, 0);
  return cpu.makeTensorInfo(outShape, x.dtype, out);
}

function gatherV2Kernel(args: KernelArgs): KernelResult {
  const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
  if (!isPlain(x) || indices.dtype !== 'int32') return reference('GatherV2', args);
  const { axis, batchDims } = args.attrs as unknown as { axis: number; batchDims?: number };
  const cpu = args.backend as CpuBackend;
  const ax = tf.util.parseAxisParam(axis, x.shape)[0];
  const idx = valuesOf(cpu, indices);
  const dim = x.shape[ax];
  // Out-of-range indices: the reference throws its error.
  for (let i = 0; i < idx.length; i++) if (!(idx[i] >= 0 && idx[i] < dim)) return reference('GatherV2', args);
  const info = tf.backend_util.segment_util.collectGatherOpShapeInfo(x, indices, ax, batchDims ?? 0);
  const { batchSize, outerSize, dimSize, sliceSize, outputShape } = info;
  if (batchSize === 0 || sizeOf(outputShape) === 0) return reference('GatherV2', args);
  const v = valuesOf(cpu, x);
  const perBatch = idx.length / batchSize;
  const out = newArray(x.dtype, batchSize * outerSize * perBatch * sliceSize);
  let to = 0;
  for (let b = 0; b < batchSize; b++)
    for (let o = 0; o < outerSize; o++) {
      const base = (b * outerSize + o) * dimSize;
      for (let i = 0; i < perBatch; i++, to += sliceSize) copyRun(out, to, v, (base + idx[b * perBatch + i]) * sliceSize, sliceSize);
    }
  return cpu.makeTensorInfo(outputShape, x.dtype, out);
}

// ---------------------------------------------------------------------------------------------------- reverse

/**
 * x with the axes `dims` reversed. Size-1 axes are dropped and neighbouring axes that are both reversed or both kept
 * are merged (reversing two adjacent axes reverses their merged axis), so a bidirectional layer's [B, T, H] reversed
 * on T is B × T runs of H copied whole. A repeated axis is reversed twice, i.e. not at all, as the reference does.
 */
function reverseValues(x: TypedArray, shape: readonly number[], dims: readonly number[], dtype: tf.DataType): TypedArray {
  const n = sizeOf(shape);
  const out = newArray(dtype, n);
  if (n === 0) return out;
  const flip = shape.map(() => false);
  for (const d of dims) flip[d] = !flip[d];
  const size: number[] = [];
  const rev: boolean[] = [];
  shape.forEach((d, a) => {
    if (d === 1) return;
    const k = size.length - 1;
    if (k >= 0 && rev[k] === flip[a]) size[k] *= d;
    else {
      size.push(d);
      rev.push(flip[a]);
    }
  });
  const k = size.length;
  if (k === 0 || (k === 1 && !rev[0])) {
    out.set(x.subarray(0, n));
    return out;
  }
  // The innermost axis: a run copied whole when kept, walked backwards when reversed.
  const run = size[k - 1];
  const runReversed = rev[k - 1];
  const outer = k - 1;
  const strides = stridesOf(size);
  // Odometer over the outer axes; `from` is the input offset of the output run at `to`.
  const idx = new Array<number>(outer).fill(0);
  let from = 0;
  for (let a = 0; a < outer; a++) if (rev[a]) from += (size[a] - 1) * strides[a];
  for (let to = 0; to < n; to += run) {
    if (!runReversed) copyRun(out, to, x, from, run);
    else for (let j = 0, i = from + run - 1; j < run; j++, i--) out[to + j] = x[i];
    for (let a = outer - 1; a >= 0; a--) {
      const step = rev[a] ? -strides[a] : strides[a];
      from += step;
      if (++idx[a] < size[a]) break;
      from -= step * size[a];
      idx[a] = 0;
    }
  }
  return out;
}

function reverseKernel(args: KernelArgs): KernelResult {
  const { x } = args.inputs as { x: TensorInfo };
  // Rank 0 is an identity sharing data; string and complex64 as the reference (which refuses complex64).
  if (!isPlain(x) || x.shape.length === 0) return reference('Reverse', args);
  // The reference's parsing: negative axes, and its error for axes out of range.
  const dims = tf.util.parseAxisParam((args.attrs as unknown as { dims: number | number[] }).dims, x.shape);
  const cpu = args.backend as CpuBackend;
  return cpu.makeTensorInfo(x.shape, x.dtype, reverseValues(valuesOf(cpu, x), x.shape, dims, x.dtype));
}

// ---------------------------------------------------------------------------------------------------- reductions

/**
 * Reduces `axes` of x: when they are a contiguous ascending run of axes p..q, x is viewed as [outer, reduce, inner]
 * and reduced in place; otherwise it is transposed exactly as the reference does (kept axes in order, then `axes`
 * in the given order) and reduced over the trailing block. Each output element sees its inputs in the reference's
 * order, so float sums are bit-identical. `divisor` (Mean, contiguous axes only) sums fround(x / divisor) instead.
 */
function reduceValues(kind: 'sum' | 'max', x: TypedArray, dtype: tf.DataType, shape: readonly number[], axes: readonly number[], out: TypedArray, divisor?: number): void {
  const rank = shape.length;
  let v = x;
  if (divisor === undefined && !axes.every((a, i) => a === rank - axes.length + i) && !(x instanceof newArray(dtype, 0).constructor)) {
    // The reference transposes these into an array of `dtype`, which rounds e.g. a float32 cast carrying int32 data.
    v = newArray(dtype, x.length);
    v.set(x);
  }
  let s: readonly number[] = shape;
  let ax = axes;
  const contiguous = axes.every((a, i) => a === axes[0] + i);
  if (!contiguous) {
    const perm = [...shape.keys()].filter((a) => !axes.includes(a)).concat(axes);
    v = transposeValues(v, shape, perm, dtype);
    s = perm.map((a) => shape[a]);
    ax = axes.map((_, i) => rank - axes.length + i);
  }
  const p = ax.length ? ax[0] : rank;
  const q = ax.length ? ax[ax.length - 1] : rank - 1;
  const outer = sizeOf(s.slice(0, p));
  const red = sizeOf(s.slice(p, q + 1));
  const inner = sizeOf(s.slice(q + 1));
  if (kind === 'sum') {
    if (divisor === undefined) sumBlocks(v, outer, red, inner, out);
    else sumScaledBlocks(v, outer, red, inner, out, divisor);
  } else if (inner === 1) {
    for (let o = 0, base = 0; o < outer; o++, base += red) {
      let m = v[base];
      for (let r = 0; r < red; r++) {
        const y = v[base + r];
        if (y !== y || y > m) m = y; // as the reference: a NaN wins, and ties keep the first
      }
      out[o] = m;
    }
  } else {
    for (let o = 0; o < outer; o++) {
      const first = o * red * inner;
      const to = o * inner;
      for (let i = 0; i < inner; i++) out[to + i] = v[first + i];
      for (let r = 0, base = first; r < red; r++, base += inner)
        for (let i = 0; i < inner; i++) {
          const y = v[base + i];
          if (y !== y || y > out[to + i]) out[to + i] = y;
        }
    }
  }
}

/**
 * out[o, i] = Σ_r v[o, r, i], r ascending, in a float64 as the reference's `let sum = 0; sum += …`. With inner > 1
 * four rows are added per pass, still one after the other into each element, to touch the accumulator a quarter as often.
 */
function sumBlocks(v: TypedArray, outer: number, red: number, inner: number, out: TypedArray): void {
  if (inner === 1) {
    for (let o = 0, base = 0; o < outer; o++, base += red) {
      let acc = 0;
      for (let r = 0; r < red; r++) acc += v[base + r];
      out[o] = acc;
    }
    return;
  }
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    let r = 0;
    let b = o * red * inner;
    for (; r + 4 <= red; r += 4, b += 4 * inner)
      for (let i = 0, b1 = b + inner, b2 = b1 + inner, b3 = b2 + inner; i < inner; i++) acc[i] = acc[i] + v[b + i] + v[b1 + i] + v[b2 + i] + v[b3 + i];
    for (; r < red; r++, b += inner) for (let i = 0; i < inner; i++) acc[i] += v[b + i];
    out.set(acc, o * inner);
  }
}

/** sumBlocks of fround(v / divisor): Mean's divide-then-sum without a scaled copy of the input. */
function sumScaledBlocks(v: TypedArray, outer: number, red: number, inner: number, out: TypedArray, divisor: number): void {
  const f = Math.fround;
  if (inner === 1) {
    for (let o = 0, base = 0; o < outer; o++, base += red) {
      let acc = 0;
      for (let r = 0; r < red; r++) acc += f(v[base + r] / divisor);
      out[o] = acc;
    }
    return;
  }
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    for (let r = 0, b = o * red * inner; r < red; r++, b += inner) for (let i = 0; i < inner; i++) acc[i] += f(v[b + i] / divisor);
    out.set(acc, o * inner);
  }
}

/** Axes parsed as the reference does; null when duplicated (left to the reference's own behaviour). */
function parseAxes(axis: number | number[] | null | undefined, shape: number[]): number[] | null {
  const axes = tf.util.parseAxisParam(axis as number | number[], shape); // null means all axes
  return new Set(axes).size === axes.length ? axes : null;
}

function reducedShape(shape: readonly number[], axes: readonly number[], keepDims: boolean): number[] {
  return keepDims ? shape.map((d, a) => (axes.includes(a) ? 1 : d)) : shape.filter((_, a) => !axes.includes(a));
}

function sumKernel(args: KernelArgs): KernelResult {
  const { x } = args.inputs as { x: TensorInfo };
  const { axis, keepDims } = args.attrs as unknown as { axis: number | number[] | null; keepDims: boolean };
  const axes = isPlain(x) ? parseAxes(axis, x.shape) : null;
  if (!axes) return reference('Sum', args);
  const cpu = args.backend as CpuBackend;
  const dtype = x.dtype === 'float32' ? 'float32' : 'int32'; // upcastType(dtype, 'int32'): bool sums to int32
  const shape = reducedShape(x.shape, axes, keepDims);
  const out = newArray(dtype, sizeOf(shape));
  reduceValues('sum', valuesOf(cpu, x), x.dtype === 'bool' ? 'int32' : x.dtype, x.shape, axes, out);
  return cpu.makeTensorInfo(shape, dtype, out);
}

function meanKernel(args: KernelArgs): KernelResult {
  const { x } = args.inputs as { x: TensorInfo };
  const { axis, keepDims } = args.attrs as unknown as { axis: number | number[] | null; keepDims: boolean };
  const axes = isPlain(x) ? parseAxes(axis, x.shape) : null;
  if (!axes) return reference('Mean', args);
  const cpu = args.backend as CpuBackend;
  const v = valuesOf(cpu, x);
  // The reference divides first (x / n rounded to float32, n itself a float32), then sums: so do we — on the fly
  // when the axes are one run; otherwise into a float32 copy, then transposed as the reference does.
  const n = Math.fround(sizeOf(axes.map((a) => x.shape[a])));
  const shape = reducedShape(x.shape, axes, keepDims);
  const out = new Float32Array(sizeOf(shape));
  if (axes.every((a, i) => a === axes[0] + i)) reduceValues('sum', v, 'float32', x.shape, axes, out, n);
  else {
    const scaled = new Float32Array(v.length);
    for (let i = 0; i < v.length; i++) scaled[i] = v[i] / n;
    reduceValues('sum', scaled, 'float32', x.shape, axes, out);
  }
  return cpu.makeTensorInfo(shape, 'float32', out);
}

function maxKernel(args: KernelArgs): KernelResult {
  const { x } = args.inputs as { x: TensorInfo };
  const { reductionIndices, keepDims } = args.attrs as unknown as { reductionIndices: number | number[]; keepDims: boolean };
  const axes = isPlain(x) ? parseAxes(reductionIndices, x.shape) : null;
  // An empty reduction has no first element to start from: the reference's quirk is kept by delegating.
  if (!axes || axes.some((a) => x.shape[a] === 0)) return reference('Max', args);
  const cpu = args.backend as CpuBackend;
  const shape = reducedShape(x.shape, axes, keepDims);
  const out = newArray(x.dtype, sizeOf(shape));
  reduceValues('max', valuesOf(cpu, x), x.dtype, x.shape, axes, out);
  return cpu.makeTensorInfo(shape, x.dtype, out);
}

// ---------------------------------------------------------------------------------------------------- registration

function transposeKernel(args: KernelArgs): KernelResult {
  const { x } = args.inputs as { x: TensorInfo };
  if (!isPlain(x)) return reference('Transpose', args);
  const perm = (args.attrs as unknown as { perm: number[] }).perm;
  const cpu = args.backend as CpuBackend;
  // A permutation that keeps the order of every axis longer than 1 moves nothing (tfjs's gather gradient transposes
  // the embedding's [V, E] gradient by the identity): the same data under the new shape, as Reshape returns it,
  // instead of a copy — unless the values are not yet of the tensor's dtype (a float32 cast of int32 data keeps its
  // Int32Array), which the reference's copy would round.
  const moved = perm.filter((a) => x.shape[a] > 1);
  const values = valuesOf(cpu, x);
  if (moved.every((a, i) => i === 0 || moved[i - 1] < a) && values instanceof newArray(x.dtype, 0).constructor) {
    cpu.incRef(x.dataId);
    return { dataId: x.dataId, shape: perm.map((a) => x.shape[a]), dtype: x.dtype };
  }
  const out = transposeValues(values, x.shape, perm, x.dtype);
  return cpu.makeTensorInfo(perm.map((a) => x.shape[a]), x.dtype, out);
}

const kernels: Record<string, (args: KernelArgs) => KernelResult> = {
  Transpose: transposeKernel,
  Slice: sliceKernel,
  SplitV: splitVKernel,
  Unpack: unpackKernel,
  Concat: concatKernel,
  Pack: packKernel,
  Tile: tileKernel,
  GatherV2: gatherV2Kernel,
  Reverse: reverseKernel,
  Sum: sumKernel,
  Mean: meanKernel,
  Max: maxKernel,
};

export function shapeKernels(backendName: string): tf.KernelConfig[] {
  return Object.entries(kernels).map(([kernelName, kernelFunc]) => ({ kernelName, backendName, kernelFunc: kernelFunc as tf.KernelFunc }));
}
