import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { StudioError } from '../../../contract/errors.ts';
import { ProjectionRequest, Word2VecConfig } from '../../../contract/word2vec.ts';
import type { JobEvent } from '../../../contract/jobs.ts';
import { projectionHandlers } from '../../../engine/handlers/projection-handlers.ts';
import { JobManager } from '../../../engine/jobs/job-manager.ts';
import { KeyedVectors } from '../../../engine/models/word2vec/keyed-vectors.ts';
import { saveWord2VecModel } from '../../../engine/models/word2vec/model-store.ts';
import { computeProjection, unitRows } from '../../../engine/projection/project.ts';
import { projectionTestContext } from './context.ts';

/** `n` words in `d` dimensions, most frequent first. */
function vectors(n: number, d: number, seed = 1): KeyedVectors {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
  const words = Array.from({ length: n }, (_, i) => `w${i}`);
  return new KeyedVectors(words, Float64Array.from(words, (_, i) => 1000 - i), d, Float32Array.from({ length: n * d }, rand));
}

const setup = () => projectionTestContext('nlp-projection-');

const request = (r: Partial<ProjectionRequest> = {}) => ProjectionRequest.parse(r);
const rejects = (promise: Promise<unknown>, pattern: RegExp) =>
  assert.rejects(promise, (e: unknown) => e instanceof StudioError && e.name === 'ValidationError' && pattern.test(e.message));

test('a running run is projected from its latest snapshot (PCA, live), UMAP waits for the end of training', async () => {
  const { ctx, dir } = await setup();
  try {
    const project = projectionHandlers(ctx)['word2vec.projection'];
    const run = await ctx.runs.create({ corpusId: null, corpusName: 'c', spec: { model: 'word2vec', config: Word2VecConfig.parse({}) }, backend: null });
    await rejects(project({ runId: run.id, request: request() }), /no snapshot yet/);

    ctx.snapshots.set(run.id, vectors(300, 8, 1));
    const first = await project({ runId: run.id, request: request({ limit: 100, dims: 3 }) });
    assert.equal(first.live, true);
    assert.equal(first.method, 'pca');
    assert.equal(first.words.length, 100);
    assert.equal(first.coords.length, 300);
    assert.equal(first.explained?.length, 3);
    // Asked again before a new snapshot: the same answer, computed once.
    assert.equal(await project({ runId: run.id, request: request({ limit: 100, dims: 3 }) }), first);

    ctx.snapshots.set(run.id, vectors(300, 8, 2));
    const second = await project({ runId: run.id, request: request({ limit: 100, dims: 3 }) });
    assert.notDeepEqual(second.coords, first.coords);
    await rejects(project({ runId: run.id, request: request({ method: 'umap' }) }), /UMAP is available when training has finished/);

    ctx.snapshots.delete(run.id);
    await rejects(project({ runId: run.id, request: request() }), /no snapshot yet/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a completed run is projected from its saved vectors, once per request', async () => {
  const { ctx, dir } = await setup();
  try {
    const project = projectionHandlers(ctx)['word2vec.projection'];
    const run = await ctx.runs.create({ corpusId: null, corpusName: 'c', spec: { model: 'word2vec', config: Word2VecConfig.parse({}) }, backend: null });
    const kv = vectors(60, 6);
    await saveWord2VecModel(ctx.runs.dir(run.id), kv);
    await ctx.runs.finish(run.id, { status: 'completed', summary: {} });

    const pca = await project({ runId: run.id, request: request({ limit: 50 }) });
    assert.equal(pca.live, false);
    assert.deepEqual(pca.words, kv.words.slice(0, 50));
    assert.deepEqual(pca.counts, Array.from(kv.counts.subarray(0, 50)));
    assert.equal(await project({ runId: run.id, request: request({ limit: 50 }) }), pca);

    const umap = await project({ runId: run.id, request: request({ method: 'umap', dims: 3, limit: 40 }) });
    assert.equal(umap.coords.length, 120);
    assert.equal(umap.explained, null);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('projections see directions, not lengths: rows are scaled to unit length first', async () => {
  const kv = vectors(80, 5);
  const scaled = new KeyedVectors(kv.words, kv.counts, kv.dim, kv.vectors.map((v, i) => v * (1 + Math.floor(i / kv.dim))));
  const a = await computeProjection(kv, request({ limit: 80 }), false);
  const b = await computeProjection(scaled, request({ limit: 80 }), false);
  a.coords.forEach((v, i) => assert.ok(Math.abs(v - b.coords[i]) < 1e-4, `${v} vs ${b.coords[i]}`));
  const unit = unitRows(kv, 2);
  assert.ok(Math.abs(Math.hypot(...unit.subarray(0, 5)) - 1) < 1e-6);
});

test('UMAP is refused beyond its point limit, with the reason', async () => {
  await rejects(computeProjection(vectors(10_001, 2), request({ method: 'umap', limit: 20_000 }), false), /UMAP is limited to 10,000 points/);
});

test('t-SNE of a finished run is a projection job: progress events, the picture as the answer, cancel by jobs.cancel', async () => {
  const { ctx, dir } = await setup();
  const events: JobEvent[] = [];
  ctx.jobs = new JobManager((event) => events.push(event));
  try {
    const project = projectionHandlers(ctx)['word2vec.projection'];
    const run = await ctx.runs.create({ corpusId: null, corpusName: 'c', spec: { model: 'word2vec', config: Word2VecConfig.parse({}) }, backend: null });
    await saveWord2VecModel(ctx.runs.dir(run.id), vectors(80, 6));
    await ctx.runs.finish(run.id, { status: 'completed', summary: {} });

    const tsne = await project({ runId: run.id, request: request({ method: 'tsne', limit: 60, perplexity: 10, iterations: 250 }) });
    assert.equal(tsne.method, 'tsne');
    assert.equal(tsne.coords.length, 120);
    assert.ok(tsne.coords.every(Number.isFinite));
    const started = events.find((e) => e.type === 'started');
    assert.ok(started?.type === 'started' && started.job.kind === 'projection' && started.job.runId === run.id, 'a projection job for the run');
    assert.match(started.job.title, /t-SNE of 60 words \(2-D\)/);
    assert.ok(events.some((e) => e.type === 'progress' && e.fraction > 0));
    assert.deepEqual(events.at(-1), { type: 'done', jobId: started.job.jobId, result: { kind: 'projection', runId: run.id } });
    // Other settings are another picture; the same ones are cached (no second job).
    const jobs = events.filter((e) => e.type === 'started').length;
    assert.equal(await project({ runId: run.id, request: request({ method: 'tsne', limit: 60, perplexity: 10, iterations: 250 }) }), tsne);
    assert.equal(events.filter((e) => e.type === 'started').length, jobs);

    const pending = project({ runId: run.id, request: request({ method: 'tsne', limit: 60, perplexity: 12, iterations: 5000 }) });
    const cancelled = assert.rejects(pending, (e: unknown) => e instanceof StudioError && e.name === 'CancelledError');
    while (!events.some((e) => e.type === 'progress' && e.jobId !== started.job.jobId)) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = ctx.jobs.list()[0];
    ctx.jobs.cancel(second.jobId);
    await cancelled;
    await ctx.jobs.wait(second.jobId);
    assert.deepEqual(events.at(-1), { type: 'cancelled', jobId: second.jobId });

    await rejects(computeProjection(vectors(5_001, 2), request({ method: 'tsne', limit: 20_000 }), false), /t-SNE is limited to 5,000 points/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
