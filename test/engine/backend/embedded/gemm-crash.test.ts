// A GEMM worker thread that dies (terminated, or a failure inside it) fails the product with a clear error instead
// of leaving the engine's main thread waiting forever in Atomics.wait; the pool then replaces the worker, so the
// next product (the next training job) works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Worker } from 'node:worker_threads';
import { Gemm } from '../../../../engine/backend/embedded/gemm.ts';
import { PART_FIELDS, type Part } from '../../../../engine/backend/embedded/gemm-part.ts';
import { CTRL } from '../../../../engine/backend/embedded/gemm-protocol.ts';

function reference(a: Float32Array, b: Float32Array, m: number, n: number, k: number): Float32Array {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
    c[i * n + j] = s;
  }
  return c;
}

// Big enough to be split across the threads (m·n·k ≥ 2^18).
const m = 96, n = 96, k = 64;
const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i));
const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i));
const product = (gemm: Gemm) => gemm.matMul({ a, b, m, n, k, transposeA: false, transposeB: false });
const workersOf = (gemm: Gemm) => (gemm as unknown as { workers: { worker: Worker }[] }).workers;

/** Until every worker has loaded and takes part in products (a product does not wait for one still loading). */
async function ready(gemm: Gemm): Promise<void> {
  const ctrls = (gemm as unknown as { workers: { ctrl: Int32Array }[] }).workers.map((w) => w.ctrl);
  while (!ctrls.every((ctrl) => Atomics.load(ctrl, CTRL.ready) === 1)) await new Promise((r) => setTimeout(r, 20));
}

function assertClose(actual: Float32Array, expected: Float32Array): void {
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) < 1e-3, `C[${i}]`);
}

test('a worker that died between products: the next product fails clearly, the one after works', { timeout: 30_000 }, async () => {
  const gemm = new Gemm(2, { stallMs: 2000 });
  try {
    const expected = reference(a, b, m, n, k);
    await ready(gemm);
    assertClose(product(gemm), expected);
    const { worker } = workersOf(gemm)[0];
    const exited = new Promise((r) => worker.once('exit', r));
    await worker.terminate();
    await exited;
    assert.throws(() => product(gemm), /matrix-multiply worker thread stopped unexpectedly \(exit code 1\)/);
    assertClose(product(gemm), expected);
    await ready(gemm);
    assertClose(product(gemm), expected); // with the new worker
  } finally {
    gemm.dispose();
  }
});

test('a worker that dies while the main thread waits for it: an error after the stall limit, not a hang', { timeout: 30_000 }, async () => {
  const gemm = new Gemm(2, { stallMs: 1500 });
  try {
    const expected = reference(a, b, m, n, k);
    await ready(gemm);
    assertClose(product(gemm), expected);
    // terminate() only starts the kill; the main thread blocks in the product before it hears of the exit.
    void workersOf(gemm)[0].worker.terminate();
    const started = Date.now();
    let error: unknown = null;
    let result: Float32Array | null = null;
    try {
      result = product(gemm);
    } catch (e) {
      error = e;
    }
    // Either the worker was already gone when the product was handed out (the main thread did every strip and the
    // worker never answered: an error), or it finished first and the result is right. Never a hang.
    if (error) assert.match(String(error), /matrix-multiply worker thread (stopped unexpectedly|did not finish)/);
    else assertClose(result!, expected);
    assert.ok(Date.now() - started < 10_000);
    // If the worker finished that product before dying, its exit is reported by the next one instead.
    await new Promise((r) => setTimeout(r, 100));
    if (!error) assert.throws(() => product(gemm), /stopped unexpectedly/);
    await ready(gemm);
    assertClose(product(gemm), expected);
  } finally {
    gemm.dispose();
  }
});

test('a failure inside a worker fails the product at once with the error', { timeout: 30_000 }, async () => {
  const gemm = new Gemm(2, { stallMs: 20_000 });
  try {
    await ready(gemm);
    // A part pointing far outside the shared memory makes the kernel trap in the worker (what a bug in the kernel
    // or the packing would do). Handed to worker 0 alone, through the pool's own post and wait.
    const pool = gemm as unknown as { post(i: number, part: Part): void; wait(i: number): string | null; counter: Int32Array };
    const part = Object.fromEntries(PART_FIELDS.map((f) => [f, 0])) as Part;
    Object.assign(part, { ap: 0x7ff00000, bp: 0x7ff00000, cp: 0x7ff00000, ldc: 32, K: 64, KC: 64, ip1: 4, jp1: 4, mcp: 64, strips: 1, alongN: 1 });
    Atomics.store(pool.counter, 0, 0);
    const started = Date.now();
    pool.post(0, part);
    assert.match(String(pool.wait(0)), /matrix-multiply worker thread failed/);
    assert.ok(Date.now() - started < 10_000, 'reported at once, not after the stall limit');
    assertClose(product(gemm), reference(a, b, m, n, k));
  } finally {
    gemm.dispose();
  }
});
