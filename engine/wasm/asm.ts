/**
 * A tiny WebAssembly assembler: the binary format's encodings (WebAssembly core spec §5, and the fixed-width SIMD
 * proposal) as functions returning byte arrays. Only word2vec's kernels still use it (models/word2vec/simd.ts and
 * learn-simd.ts): learn-simd.ts generates its module per vector size (straight-line code, constant offsets), and
 * both build one module per memory kind (shared or not). Every other kernel is WebAssembly text (`.wat`) compiled
 * at build time (scripts/build-wat.mjs); write new kernels that way, not with this.
 */

/** Unsigned LEB128. */
export const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n ? byte | 0x80 : byte);
  } while (n);
  return out;
};

/** Signed LEB128 (i32.const immediates). */
export const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
};

export const name = (s: string) => [...uleb(s.length), ...new TextEncoder().encode(s)];
export const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
export const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

export const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;

// Locals.
export const get = (i: number) => [0x20, i];
export const set = (i: number) => [0x21, i];
export const tee = (i: number) => [0x22, i];

// Control, without block results. `block` and `loop` take their body, `when` and `ifElse` the code pushing the
// condition and then their bodies. br depths count the enclosing blocks (an if is one) from the innermost, 0.
export const block = (...body: number[][]) => [0x02, 0x40, ...body.flat(), 0x0b];
export const loop = (...body: number[][]) => [0x03, 0x40, ...body.flat(), 0x0b];
export const when = (condition: number[], ...body: number[][]) => [...condition, 0x04, 0x40, ...body.flat(), 0x0b];
export const ifElse = (condition: number[], then: number[][], otherwise: number[][]) => [...condition, 0x04, 0x40, ...then.flat(), 0x05, ...otherwise.flat(), 0x0b];
export const br = (depth: number) => [0x0c, depth];
export const brIf = (depth: number) => [0x0d, depth];

// i32.
export const i32 = {
  const: (n: number) => [0x41, ...sleb(n | 0)],
  add: [0x6a],
  and: [0x71],
  shl: [0x74],
  geU: [0x4f],
  load: (offset = 0) => [0x28, 2, ...uleb(offset)],
  truncSatF32: [0xfc, 0x00], // i32.trunc_sat_f32_s: NaN gives 0 instead of a trap
};

// f32. Memory offsets are immediates added to the address on the stack (the kernels bake in constant offsets).
export const f32 = {
  const: (x: number) => [0x43, ...new Uint8Array(new Float32Array([x]).buffer)],
  add: [0x92],
  sub: [0x93],
  mul: [0x94],
  div: [0x95],
  neg: [0x8c],
  ge: [0x60],
  le: [0x5f],
  convertI32: [0xb2], // f32.convert_i32_s
  load: (offset = 0) => [0x2a, 2, ...uleb(offset)],
  store: (offset = 0) => [0x38, 2, ...uleb(offset)],
};

// f64, for accumulators that outlive a call.
export const f64 = {
  add: [0xa0],
  promoteF32: [0xbb],
  load: (offset = 0) => [0x2b, 3, ...uleb(offset)],
  store: (offset = 0) => [0x39, 3, ...uleb(offset)],
};

// 128-bit SIMD: four f32 lanes.
const simd = (op: number, ...immediates: number[]) => [0xfd, ...uleb(op), ...immediates];
export const v128 = {
  load: (offset = 0) => simd(0x00, 4, ...uleb(offset)),
  store: (offset = 0) => simd(0x0b, 4, ...uleb(offset)),
  zero: simd(0x0c, ...new Array(16).fill(0)), // v128.const 0
};
export const f32x4 = {
  add: simd(0xe4),
  mul: simd(0xe6),
  splat: simd(0x13),
  lane: (k: number) => simd(0x1f, k),
};

/** A function body: its locals as [count, type] runs, then the code. */
export const func = (locals: [number, number][], ...body: number[][]) => {
  const code = [...vector(locals.map(([count, type]) => [count, type])), ...body.flat(), 0x0b];
  return [...uleb(code.length), ...code];
};

export interface FunctionDef {
  name: string;
  params: number[];
  results: number[];
  body: number[];
}

/** A module that imports its memory as env.mem and exports the given functions (in order). */
export function moduleBytes(shared: boolean, functions: FunctionDef[]): Uint8Array<ArrayBuffer> {
  const types = vector(functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), ...vector(f.results.map((t) => [t]))]));
  const memoryLimits = shared ? [0x03, 0, ...uleb(65536)] : [0x00, 0];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, types),
    ...section(2, vector([[...name('env'), ...name('mem'), 0x02, ...memoryLimits]])),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(7, vector(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vector(functions.map((f) => f.body))),
  ]);
}

/** Whether `memory` is shared (the module's memory import must say so too). */
export const isShared = (memory: WebAssembly.Memory) => typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
