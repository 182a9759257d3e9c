/**
 * Fast elementwise kernels for the embedded backend. tfjs-backend-cpu 4.22 runs every binary op through one shared
 * template (utils/binary_impl.js) that calls the op as a closure per element — one call site for all ops, so V8
 * cannot inline it — indexes with `i % length` even when the shapes match, and when broadcasting converts every
 * output index to coordinates and back (`indexToLoc`, `slice`, `forEach`, `locToIndex`), ~120 ns per element. An
 * LSTM language-model step spent ~1 s there: the RNN mask `Multiply [32,256]×[32,1]` took ~1 ms a call, 413 calls.
 * The unary template (utils/unary_impl.js) has the same shared closure call.
 *
 * Here each op gets its own loop, compiled once from the reference's per-element expression, so the expression
 * is inlined into a tight loop. Broadcasting is planned once per call: size-1 output axes are dropped, adjacent axes
 * that broadcast the same way are merged, and an odometer walks the outer axes (per-axis input strides, 0 on a
 * broadcast axis) calling the loop on each innermost run, where each input either advances or stays fixed.
 * Results are bit-identical to the reference: the same JS expression per element, computed in float64 and rounded
 * by the store into an output array of the reference's dtype. string, complex64 and any other dtype the reference
 * treats specially go to the stock cpu kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { type CpuBackend, valuesOf } from './cpu-backend.ts';

type TensorInfo = tf.TensorInfo;
type TypedArray = tf.TypedArray;
type KernelArgs = Parameters<tf.KernelFunc>[0];

/** out[o + i] = f(a[ai + i·as], b[bi + i·bs]) for i < n, with as, bs ∈ {0, 1} (never both 0). */
type BinaryLoop = (out: TypedArray, o: number, a: TypedArray, ai: number, as: number, b: TypedArray, bi: number, bs: number, n: number) => void;
/** out[i] = f(x[i]) for i < n; p and q carry the attributes of ClipByValue and Step. */
type UnaryLoop = (out: TypedArray, x: TypedArray, n: number, p: number, q: number) => void;

// Generated code rather than a higher-order function: V8 shares type feedback between closures made by the same
// factory, so `(op) => loop calling op` would be as megamorphic as the reference. A function built from source per
// op has its own feedback and gets the expression inlined. `x` and `y` are the two elements.
const binaryLoop = (expr: string): BinaryLoop =>
  new Function('out', 'o', 'a', 'ai', 'as', 'b', 'bi', 'bs', 'n', `'use strict';
    if (as === 1 && bs === 1) {
      for (let i = 0; i < n; i++) { const x = a[ai + i], y = b[bi + i]; out[o + i] = ${expr}; }
    } else if (as === 1) {
      const y = b[bi];
      for (let i = 0; i < n; i++) { const x = a[ai + i]; out[o + i] = ${expr}; }
    } else {
      const x = a[ai];
      for (let i = 0; i < n; i++) { const y = b[bi + i]; out[o + i] = ${expr}; }
    }`) as BinaryLoop;

const unaryLoop = (expr: string): UnaryLoop =>
  new Function('out', 'x', 'n', 'p', 'q', `'use strict';
    for (let i = 0; i < n; i++) { const v = x[i]; out[i] = ${expr}; }`) as UnaryLoop;

type Dtypes = readonly tf.DataType[];
const NUMERIC: Dtypes = ['float32', 'int32'];
const ANY: Dtypes = ['float32', 'int32', 'bool'];
const BOOL: Dtypes = ['bool'];

/**
 * The binary ops: per-element expression exactly as in tfjs-backend-cpu's kernels/<Name>.js, the output dtype when
 * the reference fixes one (otherwise a's dtype, as binaryKernelFunc does), and the input dtypes handled here.
 * Arithmetic on bool is left to the reference (it is rare and the result type is surprising); comparisons read any
 * numeric or bool values the same way.
 */
const BINARY: readonly { name: string; expr: string; dtype?: tf.DataType; inputs: Dtypes }[] = [
  { name: 'Add', expr: 'x + y', inputs: NUMERIC },
  { name: 'Sub', expr: 'x - y', inputs: NUMERIC },
  { name: 'Multiply', expr: 'x * y', inputs: NUMERIC },
  { name: 'RealDiv', expr: 'x / y', inputs: NUMERIC },
  { name: 'Maximum', expr: 'Math.max(x, y)', inputs: NUMERIC },
  { name: 'Minimum', expr: 'Math.min(x, y)', inputs: NUMERIC },
  // The reference keeps the difference as a float64 (`const diff = a - b; return diff * diff`); so does this.
  { name: 'SquaredDifference', expr: '(x - y) * (x - y)', inputs: NUMERIC },
  { name: 'Pow', expr: 'Math.pow(x, y)', inputs: NUMERIC },
  { name: 'FloorDiv', expr: 'Math.floor(x / y)', dtype: 'int32', inputs: NUMERIC },
  { name: 'Equal', expr: 'x === y ? 1 : 0', dtype: 'bool', inputs: ANY },
  { name: 'NotEqual', expr: 'x !== y ? 1 : 0', dtype: 'bool', inputs: ANY },
  { name: 'Greater', expr: 'x > y ? 1 : 0', dtype: 'bool', inputs: ANY },
  { name: 'GreaterEqual', expr: 'x >= y ? 1 : 0', dtype: 'bool', inputs: ANY },
  { name: 'Less', expr: 'x < y ? 1 : 0', dtype: 'bool', inputs: ANY },
  { name: 'LessEqual', expr: 'x <= y ? 1 : 0', dtype: 'bool', inputs: ANY },
  { name: 'LogicalAnd', expr: 'x && y', dtype: 'bool', inputs: BOOL },
  { name: 'LogicalOr', expr: 'x || y', dtype: 'bool', inputs: BOOL },
];

/**
 * The unary ops the RNN cells, their gradients and dropout use, float32 only (an int32 input would need the
 * reference's per-kernel output dtype rules). Expressions as in tfjs-backend-cpu; `p`, `q` are attributes.
 * Exp and Square always return float32 in the reference; the others return the input dtype, here float32.
 */
const UNARY: readonly { name: string; expr: string; attrs?: (attrs: tf.NamedAttrMap) => [number, number] }[] = [
  { name: 'Sigmoid', expr: '1 / (1 + Math.exp(-v))' },
  { name: 'Tanh', expr: 'Math.tanh(v)' },
  { name: 'Exp', expr: 'Math.exp(v)' },
  { name: 'Log', expr: 'Math.log(v)' },
  { name: 'Sqrt', expr: 'Math.sqrt(v)' },
  { name: 'Square', expr: 'v * v' },
  { name: 'Neg', expr: '-1 * v' }, // the reference multiplies by a -1 scalar
  { name: 'Relu', expr: 'Math.max(0, v)' },
  { name: 'Floor', expr: 'Math.floor(v)' },
  { name: 'Reciprocal', expr: '1 / v' },
  // p = clipValueMin, q = clipValueMax; NaN passes through as in the reference.
  {
    name: 'ClipByValue',
    expr: 'v > q ? q : v < p ? p : v',
    attrs: (a) => [a.clipValueMin as number, a.clipValueMax as number],
  },
  { name: 'Step', expr: 'v !== v ? NaN : v > 0 ? 1 : p', attrs: (a) => [a.alpha as number, 0] },
];

const reference = (name: string, args: KernelArgs) => tf.getKernel(name, 'cpu')!.kernelFunc(args);

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

const newArray = (dtype: tf.DataType, n: number): TypedArray => tf.util.getTypedArrayFromDType(dtype as 'float32', n);

/**
 * The broadcast of a (shape aShape) and b over out: axes of the output from outer to inner with their sizes and each
 * input's stride along them (0 where that input broadcasts). Size-1 output axes are dropped and neighbours that
 * broadcast alike merged, so [32,256]×[32,1] is two axes and [M,N]+[M,N] (or a scalar) one.
 */
function broadcastPlan(aShape: readonly number[], bShape: readonly number[], out: readonly number[]) {
  const sizes: number[] = [];
  const aStrides: number[] = [];
  const bStrides: number[] = [];
  const rank = out.length;
  let aAcc = 1;
  let bAcc = 1;
  // Inner to outer, so strides are running products of the inputs' own axes; built reversed, flipped at the end.
  for (let d = rank - 1; d >= 0; d--) {
    const n = out[d];
    const an = aShape[d - rank + aShape.length] ?? 1;
    const bn = bShape[d - rank + bShape.length] ?? 1;
    const as = an === 1 ? 0 : aAcc;
    const bs = bn === 1 ? 0 : bAcc;
    aAcc *= an;
    bAcc *= bn;
    if (n === 1) continue;
    const k = sizes.length - 1;
    // Merge into the inner neighbour when each input either broadcasts along both or along neither: then the
    // neighbour's stride times its size is this axis's stride (or both are 0).
    if (k >= 0 && (as === 0) === (aStrides[k] === 0) && (bs === 0) === (bStrides[k] === 0)) {
      sizes[k] *= n;
    } else {
      sizes.push(n);
      aStrides.push(as);
      bStrides.push(bs);
    }
  }
  return { sizes: sizes.reverse(), aStrides: aStrides.reverse(), bStrides: bStrides.reverse() };
}

/** Fills out (of the broadcast shape outShape) with loop(a, b). */
function broadcastInto(
  loop: BinaryLoop,
  out: TypedArray,
  a: TypedArray,
  aShape: readonly number[],
  b: TypedArray,
  bShape: readonly number[],
  outShape: readonly number[],
): void {
  const total = out.length;
  if (total === 0) return;
  const aSize = sizeOf(aShape);
  const bSize = sizeOf(bShape);
  // An input as large as the output has the output's shape (up to leading 1s): one run, no broadcasting.
  if (aSize === total && bSize === total) return loop(out, 0, a, 0, 1, b, 0, 1, total);
  if (aSize === 1) return loop(out, 0, a, 0, 0, b, 0, 1, total);
  if (bSize === 1) return loop(out, 0, a, 0, 1, b, 0, 0, total);
  const { sizes, aStrides, bStrides } = broadcastPlan(aShape, bShape, outShape);
  const last = sizes.length - 1;
  const run = sizes[last];
  const as = aStrides[last];
  const bs = bStrides[last];
  // Odometer over the outer axes; ai, bi are the inputs' offsets for the current run.
  const index = new Array<number>(last).fill(0);
  let ai = 0;
  let bi = 0;
  for (let o = 0; o < total; o += run) {
    loop(out, o, a, ai, as, b, bi, bs, run);
    for (let d = last - 1; d >= 0; d--) {
      ai += aStrides[d];
      bi += bStrides[d];
      if (++index[d] < sizes[d]) break;
      index[d] = 0;
      ai -= aStrides[d] * sizes[d];
      bi -= bStrides[d] * sizes[d];
    }
  }
}

function binaryKernel(backendName: string, op: (typeof BINARY)[number]): tf.KernelConfig {
  const loop = binaryLoop(op.expr);
  return {
    kernelName: op.name,
    backendName,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
      if (!op.inputs.includes(a.dtype) || !op.inputs.includes(b.dtype)) return reference(op.name, args);
      const cpu = args.backend as unknown as CpuBackend;
      // Throws the reference's error on incompatible shapes.
      const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
      const dtype = op.dtype ?? a.dtype;
      const out = newArray(dtype, sizeOf(outShape));
      broadcastInto(loop, out, valuesOf(cpu, a), a.shape, valuesOf(cpu, b), b.shape, outShape);
      return cpu.makeTensorInfo(outShape, dtype, out);
    },
  };
}

function unaryKernel(backendName: string, op: (typeof UNARY)[number]): tf.KernelConfig {
  const loop = unaryLoop(op.expr);
  return {
    kernelName: op.name,
    backendName,
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      if (x.dtype !== 'float32') return reference(op.name, args);
      const cpu = args.backend as unknown as CpuBackend;
      const values = valuesOf(cpu, x);
      const out = new Float32Array(values.length);
      const [p, q] = op.attrs ? op.attrs(args.attrs ?? {}) : [0, 0];
      loop(out, values, values.length, p, q);
      return cpu.makeTensorInfo(x.shape, 'float32', out);
    },
  };
}

/** The replacements, registered for backendName; the stock cpu kernels stay the reference (and the fallback). */
export function elementwiseKernels(backendName: string): tf.KernelConfig[] {
  return [...BINARY.map((op) => binaryKernel(backendName, op)), ...UNARY.map((op) => unaryKernel(backendName, op))];
}
