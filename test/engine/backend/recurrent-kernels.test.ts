/**
 * The fused recurrent layers (engine/models/rnn/fused-recurrent.ts over engine/backend/embedded/*-sequence.ts)
 * against tfjs-layers' own LSTM, GRU and SimpleRNN on the pure-JS backend: the same weights and inputs, outputs and
 * the gradients of a weighted sum of them with respect to the input and every weight. Every architecture, both
 * directions, last output or whole sequence, masked padding (a row padded at the end, a row with nothing but
 * padding, padding in the middle), and the edge shapes batch 1 and sequence length 1 (where tfjs cannot take its
 * own layers' gradients, so central differences are the reference).
 *
 * Tolerance: the fused kernels add the same float32 products in another order and do the gate math in float64
 * (tfjs rounds after every op), so values agree to a few float32 ulps per step; through T steps of
 * backpropagation the differences compound. |Δ| ≤ 1e-5 · (1 + |reference|) holds with room (seen: ~1e-7).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { registerEmbeddedBackend } from '../../../engine/backend/embedded/embedded-backend.ts';
import { FusedGRU, FusedLSTM, FusedSimpleRNN } from '../../../engine/models/rnn/fused-recurrent.ts';
import { seededRandom } from '../../../engine/random.ts';

registerEmbeddedBackend();
const TOLERANCE = 1e-5;
const rand = seededRandom(7);
const randoms = (n: number, scale = 1) => Array.from({ length: n }, () => (2 * rand() - 1) * scale);

type Arch = 'lstm' | 'gru' | 'rnn';
interface Case { arch: Arch; B: number; T: number; goBackwards: boolean; returnSequences: boolean; masked: boolean; units: number }

function layerFor(c: Case, fused: boolean): tf.layers.Layer {
  const args = { units: c.units, returnSequences: c.returnSequences, goBackwards: c.goBackwards, recurrentActivation: 'sigmoid' as const };
  if (!fused) return c.arch === 'lstm' ? tf.layers.lstm(args) : c.arch === 'gru' ? tf.layers.gru(args) : tf.layers.simpleRNN({ units: c.units, returnSequences: c.returnSequences, goBackwards: c.goBackwards });
  return c.arch === 'lstm' ? new FusedLSTM(args) : c.arch === 'gru' ? new FusedGRU(args) : new FusedSimpleRNN({ units: c.units, returnSequences: c.returnSequences, goBackwards: c.goBackwards });
}

/** Output and d(Σ out · w)/d(x, weights…) on `backend`. */
function run(backend: 'cpu' | 'wasm', c: Case, x: number[], mask: number[] | null, weights: number[][], outWeights: number[]) {
  tf.setBackend(backend);
  const layer = layerFor(c, backend === 'wasm');
  tf.tidy(() => void layer.apply(tf.zeros([c.B, c.T, 3]))); // builds the weights
  layer.setWeights(layer.getWeights().map((w, i) => tf.tensor(weights[i] ?? randoms(w.size), w.shape)));
  const used = layer.getWeights().map((w) => Array.from(w.dataSync()));
  const xs = tf.tensor3d(x, [c.B, c.T, 3]);
  const m = mask ? tf.tensor2d(mask, [c.B, c.T]) : null;
  const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const f = (input: tf.Tensor) => {
    const out = layer.apply(input, m ? { mask: m } : {}) as tf.Tensor;
    return tf.sum(tf.mul(out, tf.tensor(outWeights.slice(0, out.size), out.shape)));
  };
  const out = tf.tidy(() => Array.from((layer.apply(xs, m ? { mask: m } : {}) as tf.Tensor).dataSync()));
  let dx: number[], dw: number[][];
  if (backend === 'cpu' && c.T === 1) {
    // tfjs cannot differentiate its own layers over one step (Unpack's gradient fails on a single tensor), so the
    // reference gradient there is a central difference of the stock layer's forward pass.
    const value = (input: tf.Tensor) => tf.tidy(() => f(input).dataSync()[0]);
    const numeric = (values: number[], shape: number[], apply: (t: tf.Tensor) => number) =>
      values.map((_, i) => {
        const at = (d: number) => tf.tidy(() => apply(tf.tensor(values.map((v, j) => (j === i ? v + d : v)), shape)));
        return (at(FD_STEP) - at(-FD_STEP)) / (2 * FD_STEP);
      });
    dx = numeric(x, [c.B, c.T, 3], value);
    dw = vars.map((v) => {
      const original = v.clone();
      const grad = numeric(Array.from(original.dataSync()), v.shape, (t) => (v.assign(t), value(xs)));
      v.assign(original);
      original.dispose();
      return grad;
    });
  } else {
    dx = tf.tidy(() => Array.from(tf.grad(f)(xs).dataSync()));
    const { grads } = tf.variableGrads(() => f(xs) as tf.Scalar, vars);
    dw = vars.map((v) => Array.from(grads[v.name].dataSync()));
    tf.dispose(Object.values(grads));
  }
  tf.dispose([xs, ...(m ? [m] : [])]);
  layer.dispose();
  return { out, dx, dw, used };
}

/** Step of the central differences (length-1 cases): truncation ~h², float32 rounding ~1e-7 / h. */
const FD_STEP = 1e-2;
const FD_TOLERANCE = 2e-3;

function close(name: string, got: number[], want: number[], tolerance = TOLERANCE) {
  assert.equal(got.length, want.length, `${name}: length`);
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) <= tolerance * (1 + Math.abs(want[i])), `${name}[${i}]: fused ${got[i]} vs tfjs ${want[i]}`);
}

const cases: Case[] = [];
for (const arch of ['lstm', 'gru', 'rnn'] as const)
  for (const [B, T] of [[3, 5], [1, 1], [1, 4], [3, 1]])
    for (const goBackwards of [false, true])
      for (const returnSequences of [true, false])
        // 8 units: the LSTM's gate math runs in WebAssembly SIMD (a multiple of 4); 5: in plain JS.
        for (const units of [5, 8]) cases.push({ arch, B, T, goBackwards, returnSequences, masked: B === 3 && T === 5, units });
cases.push({ arch: 'lstm', B: 3, T: 5, goBackwards: false, returnSequences: true, masked: false, units: 8 });

for (const c of cases) {
  const title = `${c.arch} ${c.units} units, batch ${c.B}, length ${c.T}${c.goBackwards ? ', backwards' : ''}${c.returnSequences ? ', sequences' : ', last output'}${c.masked ? ', masked' : ''}`;
  test(`fused ${title}: outputs and gradients match tfjs's layer`, () => {
    const x = randoms(c.B * c.T * 3, 2);
    // Row 0 padded at the end, row 1 all padding, row 2 with a gap in the middle.
    const mask = c.masked ? [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1] : null;
    const outWeights = randoms(c.B * c.T * c.units);
    const ref = run('cpu', c, x, mask, [], outWeights);
    const fused = run('wasm', c, x, mask, ref.used, outWeights);
    close('output', fused.out, ref.out);
    const tolerance = c.T === 1 ? FD_TOLERANCE : TOLERANCE;
    close('dx', fused.dx, ref.dx, tolerance);
    ref.dw.forEach((w, i) => close(`d weight ${i}`, fused.dw[i], w, tolerance));
    assert.ok(ref.out.some((v) => Math.abs(v) > 0.05), 'the outputs are not all ~0');
  });
}

test('the fused layers serialise as tfjs layers, with the same weights', () => {
  tf.setBackend('wasm');
  for (const [Fused, name] of [[FusedLSTM, 'LSTM'], [FusedGRU, 'GRU'], [FusedSimpleRNN, 'SimpleRNN']] as const) {
    const layer = new Fused({ units: 2 });
    assert.equal(layer.getClassName(), name);
    const stock = name === 'LSTM' ? tf.layers.lstm({ units: 2 }) : name === 'GRU' ? tf.layers.gru({ units: 2 }) : tf.layers.simpleRNN({ units: 2 });
    tf.tidy(() => [layer, stock].forEach((l) => void l.apply(tf.zeros([1, 3, 4]))));
    assert.deepEqual(layer.getWeights().map((w) => w.shape), stock.getWeights().map((w) => w.shape));
    layer.dispose();
    stock.dispose();
  }
});
