/** UMAP and t-SNE in a worker thread: the same layout as in-thread, progress, errors, cancellation, and an engine that answers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { StudioError } from '../../../contract/errors.ts';
import { trainHandlers } from '../../../engine/handlers/train-handlers.ts';
import { tsneInWorker, umapInWorker } from '../../../engine/projection/layout-thread.ts';
import { tsneLayout } from '../../../engine/projection/tsne.ts';
import { umapLayout, type UmapProgress } from '../../../engine/projection/umap.ts';
import { seededRandom } from '../../../engine/random.ts';
import { projectionTestContext } from './context.ts';

/** `n` random unit vectors in d dimensions. Row-major [n, d] */
function unitRows(n: number, d: number, seed = 5): Float32Array {
  const random = seededRandom(seed);
  const rows = Float32Array.from({ length: n * d }, () => random() - 0.5);
  for (let i = 0; i < n; i++) {
    const row = rows.subarray(i * d, (i + 1) * d);
    const norm = Math.hypot(...row);
    row.forEach((v, c) => (row[c] = v / norm));
  }
  return rows;
}

/** How long the test lets the graph construction run before cancelling it. */
const GRAPH_WATCH_MS = 2000;

const isCancelled = (error: unknown) => error instanceof StudioError && error.name === 'CancelledError';

test('the worker gives the in-thread layout exactly (same seed, same coordinates), with progress in stage order', async () => {
  const [n, d] = [150, 12];
  const rows = unitRows(n, d);
  const progress: UmapProgress[] = [];
  const inWorker = await umapInWorker(rows, n, d, { dims: 2, epochs: 60, seed: 9, onProgress: (p) => progress.push(p) });
  const inThread = await umapLayout(rows, n, d, { dims: 2, epochs: 60, seed: 9 });
  assert.equal(inWorker.length, n * 2);
  assert.deepEqual(inWorker, inThread);
  assert.notDeepEqual(await umapInWorker(rows, n, d, { dims: 2, epochs: 60, seed: 10 }), inThread);
  // The caller's rows are copied, not moved.
  assert.equal(rows.length, n * d);

  const stages = [...new Set(progress.map((p) => p.stage))];
  assert.deepEqual(stages, ['neighbours', 'graph', 'layout']);
  assert.equal(progress.filter((p) => p.stage === 'layout').length, 60);
  progress.slice(1).forEach((p, i) => assert.ok(p.fraction >= progress[i].fraction, 'fractions never go back'));
  assert.ok(progress.at(-1)!.fraction < 1 && progress.at(-1)!.fraction > 0.9);
});

test('an error inside the worker rejects with its message; an aborted signal never starts a worker', async () => {
  await assert.rejects(umapInWorker(unitRows(2, 4), 2, 4, { dims: 2 }), /UMAP needs at least 3 points, got 2/);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(umapInWorker(unitRows(50, 4), 50, 4, { dims: 2, signal: controller.signal }), isCancelled);
});

test('while a 10 000-point layout builds its graph, engine calls are answered; cancelling stops the worker', { timeout: 120_000 }, async () => {
  const { ctx, dir } = await projectionTestContext('nlp-umap-thread-');
  try {
    const list = trainHandlers(ctx)['runs.list'];
    const [n, d] = [10_000, 16];
    const controller = new AbortController();
    let stage: UmapProgress['stage'] | 'starting' = 'starting';
    let graphStarted = 0;
    let abortedAt = 0;
    const layout = umapInWorker(unitRows(n, d), n, d, {
      dims: 2,
      signal: controller.signal,
      onProgress: (p) => {
        stage = p.stage;
        if (p.stage !== 'graph') return;
        graphStarted = performance.now();
        // Cancel in the middle of umap-js's synchronous graph construction (~4.5 s at 10 000 points on a quiet
        // 2-core machine): only terminating the thread can stop that.
        setTimeout(() => {
          abortedAt = performance.now();
          controller.abort();
        }, GRAPH_WATCH_MS);
      },
    });
    const cancelled = assert.rejects(layout, isCancelled);
    // An engine call every 20 ms until the layout ends; each one's latency, and the stage it was answered in.
    const calls: { ms: number; stage: string }[] = [];
    let settled = false;
    void layout.catch(() => {}).finally(() => (settled = true));
    while (!settled) {
      const start = performance.now();
      await list({});
      calls.push({ ms: performance.now() - start, stage });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await cancelled;
    const stoppedIn = performance.now() - abortedAt;

    assert.ok(graphStarted > 0 && abortedAt > graphStarted, 'the layout reached its graph construction');
    assert.equal(stage, 'graph', 'cancelled while the graph was still being built');
    // On the engine's thread no call would be answered during that block; here they keep coming back.
    const duringGraph = calls.filter((c) => c.stage === 'graph');
    assert.ok(duringGraph.length >= GRAPH_WATCH_MS / 400, `${duringGraph.length} calls answered in ${GRAPH_WATCH_MS} ms of graph construction`);
    const worst = Math.max(...calls.map((c) => c.ms));
    // 200 ms on a quiet machine; the bound allows a loaded CI runner (the point is seconds versus milliseconds).
    assert.ok(worst < 1000, `slowest call ${worst.toFixed(0)} ms`);
    assert.ok(stoppedIn < 3000, `the worker stopped ${stoppedIn.toFixed(0)} ms after the abort`);
    const sorted = calls.map((c) => c.ms).sort((a, b) => a - b);
    console.log(`# ${calls.length} runs.list calls during the layout: median ${sorted[sorted.length >> 1].toFixed(0)} ms, slowest ${worst.toFixed(0)} ms; ${duringGraph.length} during the graph; the worker stopped ${stoppedIn.toFixed(0)} ms after the abort`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('t-SNE in the worker: the in-thread layout exactly; engine calls answered while it iterates; cancel stops it', { timeout: 120_000 }, async () => {
  const [n, d] = [120, 12];
  const rows = unitRows(n, d);
  const stages: string[] = [];
  const inWorker = await tsneInWorker(rows, n, d, { dims: 2, iterations: 80, perplexity: 10, seed: 4, onProgress: (p) => stages.push(p.stage) });
  assert.deepEqual(inWorker, await tsneLayout(rows, n, d, { dims: 2, iterations: 80, perplexity: 10, seed: 4 }));
  assert.deepEqual([...new Set(stages)], ['neighbours', 'affinities', 'layout']);

  const { ctx, dir } = await projectionTestContext('nlp-tsne-thread-');
  try {
    const list = trainHandlers(ctx)['runs.list'];
    const [big, dim] = [3000, 16];
    const controller = new AbortController();
    let iterations = 0;
    const layout = tsneInWorker(unitRows(big, dim), big, dim, {
      dims: 2,
      iterations: 100_000,
      signal: controller.signal,
      onProgress: (p) => void (p.stage === 'layout' && iterations++),
    });
    const cancelled = assert.rejects(layout, isCancelled);
    // Calls while the layout iterates: each answered in milliseconds, not after the layout.
    const latencies: number[] = [];
    while (iterations < 30) {
      const start = performance.now();
      await list({});
      if (iterations > 0) latencies.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const abortedAt = performance.now();
    const at = iterations;
    controller.abort();
    await cancelled;
    const stoppedIn = performance.now() - abortedAt;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(latencies.length >= 3, `${latencies.length} calls answered while iterating`);
    assert.ok(Math.max(...latencies) < 1000, `slowest call ${Math.max(...latencies).toFixed(0)} ms`);
    assert.ok(stoppedIn < 3000, `stopped ${stoppedIn.toFixed(0)} ms after the abort`);
    assert.ok(iterations <= at + 2, 'no progress after the worker was stopped');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
