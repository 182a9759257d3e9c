/**
 * The fused GRU cell step (engine/backend/embedded/gru-cell.ts: PyTorch's GRUCell, one kernel forward and one
 * backward; WebAssembly SIMD on the embedded backend, gru-cell-kernel.wat; plain JS on cpu) against the composite of
 * stock tfjs ops (split, sigmoid, tanh, add, mul, sub and tfjs's autodiff through them), forward and the gradients of
 * gi, gh and h, on seeded random inputs: H around the SIMD width, B = 1, saturated gates.
 *
 * The reference runs on 'stock-cpu' (tfjs-backend-cpu with the stock kernels copied before registerEmbeddedBackend()
 * adds the fused ones to 'cpu'), where the op takes its composite path. Tolerance per output tensor:
 * |Δ| ≤ 4e-6 · max|reference| + 4e-6 · |referenceᵢ| — the kernels differ from the composite by float32 rounding and,
 * on the embedded backend, by simd-math.wat's sigmoid and tanh (absolute error ~1e-7, which 1 − n² of a saturated
 * n magnifies: the worst case here, at a third of the tolerance); a wrong gate, a missing factor or a misplaced
 * unit moves an element by far more.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { EMBEDDED_BACKEND, registerEmbeddedBackend } from '../../../engine/backend/embedded/embedded-backend.ts';
import { gruCell } from '../../../engine/backend/embedded/gru-cell.ts';
import { seededRandom } from '../../../engine/random.ts';

const STOCK = 'stock-cpu';
const stockKernels = tf.getKernelsForBackend('cpu');
tf.registerBackend(STOCK, tf.findBackendFactory('cpu')!, 0);
for (const kernel of stockKernels) tf.registerKernel({ ...kernel, backendName: STOCK });
registerEmbeddedBackend();

const rand = seededRandom(20260612);
const randArr = (n: number, scale = 1) => Float32Array.from({ length: n }, () => (2 * rand() - 1) * scale);

interface Case { name: string; B: number; H: number; gi: Float32Array; gh: Float32Array; h: Float32Array; dy: Float32Array }
const makeCase = (name: string, B: number, H: number, scale = 2): Case => ({
  name, B, H, gi: randArr(B * 3 * H, scale), gh: randArr(B * 3 * H, scale), h: randArr(B * H), dy: randArr(B * H),
});

interface Out { shape: number[]; values: Float32Array }

/** [h', ∂gi, ∂gh, ∂h] (the gradients of Σ h' · dy) on `backend`; no tensor may outlive it. */
function run(backend: string, c: Case): Out[] {
  tf.setBackend(backend);
  assert.equal(tf.getBackend(), backend);
  const before = tf.memory().numTensors;
  const outs = tf.tidy(() => {
    const inputs = [tf.tensor2d(c.gi, [c.B, 3 * c.H]), tf.tensor2d(c.gh, [c.B, 3 * c.H]), tf.tensor2d(c.h, [c.B, c.H])] as const;
    const f = (gi: tf.Tensor, gh: tf.Tensor, h: tf.Tensor) => gruCell(gi as tf.Tensor2D, gh as tf.Tensor2D, h as tf.Tensor2D);
    const loss = (gi: tf.Tensor, gh: tf.Tensor, h: tf.Tensor) => tf.sum(tf.mul(f(gi, gh, h), tf.tensor2d(c.dy, [c.B, c.H]))) as tf.Scalar;
    return [f(...inputs), ...tf.grads(loss)([...inputs])];
  });
  const read = outs.map((t) => ({ shape: t.shape, values: Float32Array.from(t.dataSync() as Float32Array) }));
  tf.dispose(outs);
  assert.equal(tf.memory().numTensors, before, `${backend}: tensors leaked`);
  return read;
}

const NAMES = ["h'", '∂gi', '∂gh', '∂h'];
const worst = new Map<string, number>();
after(() => {
  for (const [path, w] of worst) console.log(`# ${path}: worst |Δ|/tol ${w.toExponential(2)}`);
});

function check(c: Case): void {
  const expected = run(STOCK, c);
  for (const backend of [EMBEDDED_BACKEND, 'cpu']) {
    const path = backend === 'cpu' ? 'plain-JS kernel' : 'SIMD kernel';
    run(backend, c).forEach((out, i) => {
      const want = expected[i];
      const what = `${c.name}: ${NAMES[i]} on ${backend}`;
      assert.deepEqual(out.shape, want.shape, `${what}: shape`);
      const scale = want.values.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      for (let j = 0; j < want.values.length; j++) {
        const tol = 4e-6 * scale + 4e-6 * Math.abs(want.values[j]) + 1e-30;
        const diff = Math.abs(out.values[j] - want.values[j]);
        assert.ok(diff <= tol, `${what}[${j}]: ${out.values[j]} vs ${want.values[j]} (|Δ| ${diff.toExponential(2)} > tol ${tol.toExponential(2)})`);
        worst.set(path, Math.max(worst.get(path) ?? 0, diff / tol));
      }
    });
  }
}

test('the fused GRU cell kernels are registered on the embedded and cpu backends, not on the reference', () => {
  for (const name of ['StudioGruCell', 'StudioGruCellGrad']) {
    assert.ok(tf.getKernel(name, EMBEDDED_BACKEND) && tf.getKernel(name, 'cpu'), name);
    assert.equal(tf.getKernel(name, STOCK), undefined);
    assert.notEqual(tf.getKernel(name, EMBEDDED_BACKEND)!.kernelFunc, tf.getKernel(name, 'cpu')!.kernelFunc);
  }
});

test('GRU cell: H around the SIMD width (1–9, 16, 17), B = 1, the decoder shape', () => {
  for (const H of [1, 2, 3, 4, 5, 7, 8, 9, 16, 17]) check(makeCase(`H=${H}`, 3, H));
  check(makeCase('B=1', 1, 12));
  check(makeCase('B 64, H 256', 64, 256));
});

test('GRU cell: saturated gates (pre-activations up to ±40)', () => {
  check(makeCase('saturated', 4, 10, 40));
});

test('GRU cell: mismatched shapes are refused', () => {
  assert.throws(() => gruCell(tf.zeros([2, 9]) as tf.Tensor2D, tf.zeros([2, 9]) as tf.Tensor2D, tf.zeros([2, 4]) as tf.Tensor2D), /gruCell: expected gi and gh \[B, 3H\] and h \[B, H\], got gi \[2,9\]/);
});
