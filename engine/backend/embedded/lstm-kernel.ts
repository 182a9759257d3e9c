/**
 * The LSTM's gate math for one time step, four lanes at a time in WebAssembly SIMD (lstm-sequence.ts runs the
 * steps and the matrix products). In JavaScript the three sigmoids and two tanhs of every unit and step took ~115
 * ns per unit — a third of the fused forward pass; here ~10 (simd-math.ts). The arithmetic is tfjs's, op by op in
 * float32: i = σ(zᵢ), f = σ(z_f), g = tanh(z_g), o = σ(z_o); c' = f·c + i·g; h' = o·tanh(c'); padded rows keep c, h.
 *
 *   forward(z, hu, c, h, gates, mask, B, H): z and hu [B, 4H] (x·W + b and h·U), c and h [B, H] updated in place,
 *     gates [B, 4H] written (after their activations), mask [B] (0 = padding)
 *   backward(dh, dc, gates, c, cPrev, mask, dz, through, B, H): dh [B, H] the gradient reaching h after the step,
 *     dc [B, H] updated in place, dz [B, 4H] written (pre-activation gradients), through [B, H] written (what
 *     padded rows pass back unchanged, 0 elsewhere)
 *
 * H must be a multiple of 4 (lstm-sequence.ts keeps plain JS otherwise). Pointers are byte offsets.
 */
import { I32, V128, block, br, brIf, f32, f32x4, func, get, i32, ifElse, loop, moduleBytes, set, v128 } from '../../wasm/asm.ts';
import { vsigmoid, vtanh } from './simd-math.ts';

const k = (c: number) => f32x4.const(c);
const load = (ptr: number, gate: number, H4: number, j: number) => [...get(ptr), ...get(H4), ...i32.const(gate), ...i32.mul, ...i32.add, ...get(j), ...i32.add, ...v128.load()];
const addr = (ptr: number, gate: number, H4: number, j: number) => [...get(ptr), ...get(H4), ...i32.const(gate), ...i32.mul, ...i32.add, ...get(j), ...i32.add];
/** ptr + row·width·4 */
const rowPtr = (ptr: number, row: number, width: number[]) => [...get(ptr), ...get(row), ...width, ...i32.mul, ...i32.const(4), ...i32.mul, ...i32.add];

function forwardBody(): number[] {
  // Params: 0 z, 1 hu, 2 c, 3 h, 4 gates, 5 mask, 6 B, 7 H. Locals (i32): 8 b, 9 j, 10 H4, 11 zr, 12 ur, 13 gr,
  // 14 cr, 15 hr; (v128): 16 x, 17 r, 18 n, 19 vi, 20 vf, 21 vg, 22 vo, 23 cn.
  const [z, hu, c, h, gates, mask, B, H] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [b, j, H4, zr, ur, gr, cr, hr] = [8, 9, 10, 11, 12, 13, 14, 15];
  const [x, r, n, vi, vf, vg, vo, cn] = [16, 17, 18, 19, 20, 21, 22, 23];
  const gate = (g: number, into: number, act: (x: number, r: number, n: number) => number[]) => [
    ...load(zr, g, H4, j), ...load(ur, g, H4, j), ...f32x4.add, ...set(x),
    ...act(x, r, n), ...set(into),
    ...addr(gr, g, H4, j), ...get(into), ...v128.store(),
  ];
  const H4times = (m: number) => [...get(H), ...i32.const(m), ...i32.mul];
  return func(
    [[8, I32], [8, V128]],
    [...get(H), ...i32.const(4), ...i32.mul, ...set(H4)],
    [...i32.const(0), ...set(b)],
    block(
      loop(
        [...get(b), ...get(B), ...i32.geU, ...brIf(1)],
        [...rowPtr(z, b, H4times(4)), ...set(zr), ...rowPtr(hu, b, H4times(4)), ...set(ur), ...rowPtr(gates, b, H4times(4)), ...set(gr)],
        [...rowPtr(c, b, get(H)), ...set(cr), ...rowPtr(h, b, get(H)), ...set(hr)],
        [...i32.const(0), ...set(j)],
        block(
          loop(
            [...get(j), ...get(H4), ...i32.geU, ...brIf(1)],
            gate(0, vi, vsigmoid),
            gate(1, vf, vsigmoid),
            gate(2, vg, vtanh),
            gate(3, vo, vsigmoid),
            // Padded rows (mask 0) keep their state.
            ifElse(
              [...get(mask), ...get(b), ...i32.const(4), ...i32.mul, ...i32.add, ...f32.load(0), ...f32.const(0), ...f32.eq],
              [],
              [
                [...get(vf), ...get(cr), ...get(j), ...i32.add, ...v128.load(), ...f32x4.mul, ...get(vi), ...get(vg), ...f32x4.mul, ...f32x4.add, ...set(cn)],
                [...get(cr), ...get(j), ...i32.add, ...get(cn), ...v128.store()],
                [...get(cn), ...set(x), ...get(hr), ...get(j), ...i32.add, ...get(vo), ...vtanh(x, r, n), ...f32x4.mul, ...v128.store()],
              ],
            ),
            [...get(j), ...i32.const(16), ...i32.add, ...set(j), ...br(0)],
          ),
        ),
        [...get(b), ...i32.const(1), ...i32.add, ...set(b), ...br(0)],
      ),
    ),
  );
}

function backwardBody(): number[] {
  // Params: 0 dh, 1 dc, 2 gates, 3 c, 4 cPrev, 5 mask, 6 dz, 7 through, 8 B, 9 H. Locals (i32): 10 b, 11 j, 12 H4,
  // 13 gr, 14 zr, 15 hrow (offset of the row in [B, H] arrays); (v128): 16 x, 17 r, 18 n, 19 vi, 20 vf, 21 vg, 22 vo,
  // 23 tc, 24 dht, 25 dct.
  const [dh, dc, gates, c, cPrev, mask, dz, through, B, H] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [b, j, H4, gr, zr, hrow] = [10, 11, 12, 13, 14, 15];
  const [x, r, n, vi, vf, vg, vo, tc, dht, dct] = [16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
  const at = (ptr: number) => [...get(ptr), ...get(hrow), ...i32.add, ...get(j), ...i32.add]; // [B, H] arrays
  const one = k(1);
  const storeDz = (g: number, value: number[]) => [...addr(zr, g, H4, j), ...value, ...v128.store()];
  return func(
    [[6, I32], [10, V128]],
    [...get(H), ...i32.const(4), ...i32.mul, ...set(H4)],
    [...i32.const(0), ...set(b)],
    block(
      loop(
        [...get(b), ...get(B), ...i32.geU, ...brIf(1)],
        [...rowPtr(gates, b, [...get(H), ...i32.const(4), ...i32.mul]), ...set(gr), ...rowPtr(dz, b, [...get(H), ...i32.const(4), ...i32.mul]), ...set(zr)],
        [...get(b), ...get(H4), ...i32.mul, ...set(hrow)],
        [...i32.const(0), ...set(j)],
        block(
          loop(
            [...get(j), ...get(H4), ...i32.geU, ...brIf(1)],
            [...at(dh), ...v128.load(), ...set(dht)],
            ifElse(
              [...get(mask), ...get(b), ...i32.const(4), ...i32.mul, ...i32.add, ...f32.load(0), ...f32.const(0), ...f32.eq],
              // Padded: h and c were carried over, so are their gradients; no gate gradients.
              [
                [...at(through), ...get(dht), ...v128.store()],
                storeDz(0, v128.zero), storeDz(1, v128.zero), storeDz(2, v128.zero), storeDz(3, v128.zero),
              ],
              [
                [...load(gr, 0, H4, j), ...set(vi), ...load(gr, 1, H4, j), ...set(vf), ...load(gr, 2, H4, j), ...set(vg), ...load(gr, 3, H4, j), ...set(vo)],
                [...at(c), ...v128.load(), ...set(x), ...vtanh(x, r, n), ...set(tc)],
                // dc' = dh·o·(1 − tanh²c) + dc
                [...get(dht), ...get(vo), ...f32x4.mul, ...one, ...get(tc), ...get(tc), ...f32x4.mul, ...f32x4.sub, ...f32x4.mul, ...at(dc), ...v128.load(), ...f32x4.add, ...set(dct)],
                storeDz(0, [...get(dct), ...get(vg), ...f32x4.mul, ...get(vi), ...f32x4.mul, ...one, ...get(vi), ...f32x4.sub, ...f32x4.mul]),
                storeDz(1, [...get(dct), ...at(cPrev), ...v128.load(), ...f32x4.mul, ...get(vf), ...f32x4.mul, ...one, ...get(vf), ...f32x4.sub, ...f32x4.mul]),
                storeDz(2, [...get(dct), ...get(vi), ...f32x4.mul, ...one, ...get(vg), ...get(vg), ...f32x4.mul, ...f32x4.sub, ...f32x4.mul]),
                storeDz(3, [...get(dht), ...get(tc), ...f32x4.mul, ...get(vo), ...f32x4.mul, ...one, ...get(vo), ...f32x4.sub, ...f32x4.mul]),
                [...at(dc), ...get(dct), ...get(vf), ...f32x4.mul, ...v128.store()],
                [...at(through), ...v128.zero, ...v128.store()],
              ],
            ),
            [...get(j), ...i32.const(16), ...i32.add, ...set(j), ...br(0)],
          ),
        ),
        [...get(b), ...i32.const(1), ...i32.add, ...set(b), ...br(0)],
      ),
    ),
  );
}

type Fn = (...pointers: number[]) => void;

/** The module on its own growable memory; lstm-sequence.ts lays out its arrays in it. */
export class LstmWasm {
  readonly memory = new WebAssembly.Memory({ initial: 1 });
  readonly forward: Fn;
  readonly backward: Fn;
  heap = new Float32Array(this.memory.buffer);

  constructor() {
    const module = new WebAssembly.Module(
      moduleBytes(false, [
        { name: 'forward', params: new Array(8).fill(I32), results: [], body: forwardBody() },
        { name: 'backward', params: new Array(10).fill(I32), results: [], body: backwardBody() },
      ]),
    );
    const exports = new WebAssembly.Instance(module, { env: { mem: this.memory } }).exports as unknown as { forward: Fn; backward: Fn };
    this.forward = exports.forward;
    this.backward = exports.backward;
  }

  /** Makes room for `floats` floats (zeroed where newly grown); returns the heap view. */
  reserve(floats: number): Float32Array {
    const have = this.memory.buffer.byteLength;
    if (floats * 4 > have) this.memory.grow(Math.ceil((floats * 4 - have) / 65536));
    if (this.heap.buffer !== this.memory.buffer) this.heap = new Float32Array(this.memory.buffer);
    return this.heap;
  }
}
