import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createModel, initWeights, learningRate, reducedWindow, seedState, tableSigmoid, trainBatch, xorshift32 } from '../../../../engine/models/word2vec/sgns.ts';
import type { Model, ModelParts } from '../../../../engine/models/word2vec/sgns.ts';
import { allocateWeights, kernelsFor, threadViews } from '../../../../engine/models/word2vec/weights.ts';
import type { KernelKind } from '../../../../engine/models/word2vec/weights.ts';
import { keepThresholds, noiseTable } from '../../../../engine/models/word2vec/vocab.ts';

test('learningRate: linear from alpha to minAlpha by words done, flat after the end', () => {
  assert.equal(learningRate(0.025, 0.0001, 0, 1000), 0.025);
  assert.ok(Math.abs(learningRate(0.025, 0.0001, 500, 1000) - 0.01255) < 1e-15);
  assert.ok(Math.abs(learningRate(0.025, 0.0001, 250, 1000) - (0.025 - 0.0249 / 4)) < 1e-15);
  assert.ok(Math.abs(learningRate(0.025, 0.0001, 1000, 1000) - 0.0001) < 1e-15);
  assert.equal(learningRate(0.025, 0.0001, 2000, 1000), learningRate(0.025, 0.0001, 1000, 1000));
});

test('reducedWindow: window - (draw mod window), i.e. 1..window, uniform over draws', () => {
  assert.equal(reducedWindow(0, 5), 5);
  assert.equal(reducedWindow(4, 5), 1);
  assert.equal(reducedWindow(7, 5), 3);
  assert.equal(reducedWindow(-1, 5), 5 - (0xffffffff % 5)); // a negative int32 draw is its uint32 value
  const seen = new Array(6).fill(0);
  let rng = seedState(1);
  for (let k = 0; k < 50000; k++) seen[reducedWindow((rng = xorshift32(rng)), 5)]++;
  assert.equal(seen[0], 0);
  for (let r = 1; r <= 5; r++) assert.ok(Math.abs(seen[r] / 50000 - 0.2) < 0.01, `reach ${r}: ${seen[r]}`);
});

test('the sigmoid table is within 0.01 of the exact sigmoid and clamps beyond ±6', () => {
  for (let x = -5.99; x < 6; x += 0.037) assert.ok(Math.abs(tableSigmoid(x) - 1 / (1 + Math.exp(-x))) < 0.01, `x=${x}`);
  assert.equal(tableSigmoid(6), 1);
  assert.equal(tableSigmoid(-7), 0);
});

test('seeded PRNG and initialisation: same seed same weights, in [-0.5, 0.5) / dim', () => {
  const a = new Float32Array(1000), b = new Float32Array(1000), c = new Float32Array(1000);
  initWeights(a, 10, 1);
  initWeights(b, 10, 1);
  initWeights(c, 10, 2);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.every((v) => v >= -0.05 && v < 0.05));
  assert.ok(Math.abs(a.reduce((s, v) => s + v, 0) / a.length) < 0.005);
  assert.notEqual(seedState(0), 0);
});

/**
 * A tiny deterministic setup: window 1 (the reduced window is always 1), no subsampling, and a noise
 * distribution that always draws the last word, so no random number changes the result.
 */
function tinyModel(cbow: boolean, sentence: number[], syn0: number[][], kind: KernelKind = 'js', negative = 1): Model {
  const V = syn0.length, dim = syn0[0].length;
  const counts = new Float64Array(V);
  counts[V - 1] = 1;
  const parts: ModelParts = {
    dim, window: 1, negative, cbow,
    noise: noiseTable(counts), keep: keepThresholds(new Float64Array(V).fill(1), 0),
    tokens: Int32Array.from(sentence), sentenceStarts: Int32Array.from([0, sentence.length]),
  };
  const weights = allocateWeights({ vocabSize: V, dim, threads: 1, hotRows: 0, kind });
  assert.equal(weights.kind, kind);
  const views = threadViews(weights, 0);
  views.syn0.set(syn0.flat());
  return createModel(parts, views, kernelsFor(weights), seedState(1), 1000);
}

/** The update rules written out naively (exact sigmoid, plain arrays), as in the word2vec paper and word2vec.c. */
function reference(cbow: boolean, sentence: number[], syn0: number[][], alpha: number) {
  const V = syn0.length, dim = syn0[0].length, noise = V - 1;
  const w = syn0.map((r) => [...r]);
  const u = Array.from({ length: V }, () => new Array(dim).fill(0));
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  const dot = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k], 0);
  /** Logistic loss on (word: 1, noise: 0) for input h; returns dL/dh. */
  const step = (h: number[], word: number) => {
    const grad = new Array(dim).fill(0);
    for (const [target, label] of [[word, 1], [noise, 0]]) {
      if (label === 0 && target === word) continue;
      const g = (label - sigmoid(dot(h, u[target]))) * alpha;
      for (let k = 0; k < dim; k++) grad[k] += g * u[target][k];
      for (let k = 0; k < dim; k++) u[target][k] += g * h[k];
    }
    return grad;
  };
  for (let i = 0; i < sentence.length; i++) {
    const context = [i - 1, i + 1].filter((j) => j >= 0 && j < sentence.length).map((j) => sentence[j]);
    if (cbow) {
      const mean = new Array(dim).fill(0).map((_, k) => context.reduce((s, c) => s + w[c][k], 0) / context.length);
      const grad = step(mean, sentence[i]);
      for (const c of context) for (let k = 0; k < dim; k++) w[c][k] += grad[k]; // full gradient to each (cbow_mean=1)
    } else {
      for (const c of context) {
        const grad = step([...w[c]], sentence[i]);
        for (let k = 0; k < dim; k++) w[c][k] += grad[k];
      }
    }
  }
  return { syn0: w.flat(), syn1neg: u.flat() };
}

for (const [cbow, kind, dim] of [[false, 'js', 3], [true, 'js', 3], [false, 'simd', 6], [true, 'simd', 6]] as const) {
  test(`${cbow ? 'CBOW' : 'skip-gram'} updates (${kind} kernels, dim ${dim}) match a naive implementation of the update rule`, () => {
    const sentence = [0, 1, 2, 1, 3, 0, 2, 3, 3, 1];
    const rows = [[0.3, -0.2, 0.1], [-0.4, 0.25, 0.2], [0.1, 0.1, -0.3], [0.2, -0.1, 0.4]];
    const syn0 = rows.map((r) => (dim === 3 ? r : [...r, ...r.map((x) => -x / 2)]));
    const alpha = 0.4; // large, so the updates are far above the table's rounding
    const model = tinyModel(cbow, sentence, syn0, kind);
    trainBatch(model, 0, 1, alpha);
    const expected = reference(cbow, sentence, syn0, alpha);
    const close = (a: Float32Array, b: number[], what: string) =>
      b.forEach((x, k) => assert.ok(Math.abs(a[k] - x) < 2e-3, `${what}[${k}]: ${a[k]} vs ${x}`));
    close(model.syn0, expected.syn0, 'syn0');
    close(model.syn1neg, expected.syn1neg, 'syn1neg');
    assert.ok(expected.syn1neg.some((x) => Math.abs(x) > 0.05), 'the test must move the weights');
  });
}

test('the reported loss starts at (1 + negative) · log 2 when syn1neg is zero', () => {
  const sentence = Array.from({ length: 200 }, (_, i) => (i * 7) % 10);
  const model = tinyModel(false, sentence, Array.from({ length: 11 }, () => [0.1, 0.2, 0.3]));
  trainBatch(model, 0, 1, 0); // alpha 0: nothing moves, every example sees u = 0
  assert.equal(model.lossCount, 2 * 199);
  assert.ok(Math.abs(model.lossSum / model.lossCount - 2 * Math.log(2)) < 1e-9);
});
