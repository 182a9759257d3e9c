import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createModel, initWeights, learningRate, reducedWindow, seedState, tableSigmoid, trainBatch, xorshift32 } from '../../../../engine/models/word2vec/sgns.ts';
import type { Model, ModelParts } from '../../../../engine/models/word2vec/sgns.ts';
import { allocateWeights, kernelsFor, threadViews, writeHsPaths } from '../../../../engine/models/word2vec/weights.ts';
import { buildHuffman } from '../../../../engine/models/word2vec/huffman.ts';
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

test('seeded PRNG and initialisation: same seed same weights, in [-1, 1) / dim', () => {
  const a = new Float32Array(1000), b = new Float32Array(1000), c = new Float32Array(1000);
  initWeights(a, 10, 1);
  initWeights(b, 10, 1);
  initWeights(c, 10, 2);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.every((v) => v >= -0.1 && v < 0.1));
  assert.ok(a.some((v) => v < -0.09) && a.some((v) => v > 0.09), 'the whole range');
  assert.ok(Math.abs(a.reduce((s, v) => s + v, 0) / a.length) < 0.01);
  assert.notEqual(seedState(0), 0);
});

interface Tiny {
  kind?: KernelKind;
  negative?: number;
  hs?: boolean;
}

/** Counts for the tiny vocabularies: descending (the vocabulary's order), so they shape the Huffman tree. */
const tinyCounts = (V: number) => Float64Array.from({ length: V }, (_, i) => 2 * (V - i) + 1);

/**
 * A tiny deterministic setup: window 1 (the reduced window is always 1), no subsampling, and a noise
 * distribution that always draws the last word, so no random number changes the result.
 */
function tinyModel(cbow: boolean, sentence: number[], syn0: number[][], { kind = 'js', negative = 1, hs = false }: Tiny = {}): Model {
  const V = syn0.length, dim = syn0[0].length;
  const noiseCounts = new Float64Array(V);
  noiseCounts[V - 1] = 1;
  const tree = hs ? buildHuffman(tinyCounts(V)) : undefined;
  const parts: ModelParts = {
    dim, window: 1, negative, hs, cbow,
    noise: noiseTable(noiseCounts), keep: keepThresholds(new Float64Array(V).fill(1), 0),
    tokens: Int32Array.from(sentence), sentenceStarts: Int32Array.from([0, sentence.length]),
    hsStarts: tree?.starts ?? new Int32Array(0),
  };
  const weights = allocateWeights({ kind, vocabSize: V, dim, threads: 1, negative, hs, hsEntries: tree?.points.length ?? 0, window: 1 });
  assert.equal(weights.kind, kind);
  if (tree) writeHsPaths(weights, tree);
  const views = threadViews(weights, 0);
  views.syn0.set(syn0.flat());
  return createModel(parts, views, kernelsFor(weights), seedState(1), 1000);
}

/**
 * The update rules written out naively (plain arrays, float64), as in the word2vec paper and word2vec.c, with
 * word2vec.c's sigmoid table (tested against the exact sigmoid above) so the comparison can be tight:
 * negative sampling against syn1neg, hierarchical softmax along the word's Huffman path against syn1 (rows
 * whose |u·h| ≥ 6 are skipped there, as word2vec.c and gensim do), both adding to one gradient for h.
 */
function reference(cbow: boolean, sentence: number[], syn0: number[][], alpha: number, { negative = 1, hs = false }: Tiny = {}) {
  const V = syn0.length, dim = syn0[0].length, noise = V - 1;
  const tree = buildHuffman(tinyCounts(V));
  const w = syn0.map((r) => [...r]);
  const u = Array.from({ length: V }, () => new Array(dim).fill(0));
  const inner = Array.from({ length: V - 1 }, () => new Array(dim).fill(0));
  const dot = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k], 0);
  /** One logistic-regression step of h against row `out` with `label`, adding dL/dh to grad. */
  const logistic = (h: number[], out: number[], label: number, grad: number[], skipOutside: boolean) => {
    const f = dot(h, out);
    if (skipOutside && Math.abs(f) >= 6) return;
    const g = (label - tableSigmoid(f)) * alpha;
    for (let k = 0; k < dim; k++) grad[k] += g * out[k];
    for (let k = 0; k < dim; k++) out[k] += g * h[k];
  };
  const step = (h: number[], word: number) => {
    const grad = new Array(dim).fill(0);
    if (hs) {
      for (let d = tree.starts[word]; d < tree.starts[word + 1]; d++) logistic(h, inner[tree.points[d]], 1 - tree.codes[d], grad, true);
    }
    if (negative > 0) {
      logistic(h, u[word], 1, grad, false);
      for (let n = 0; n < negative && word !== noise; n++) logistic(h, u[noise], 0, grad, false);
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
  return { syn0: w.flat(), syn1neg: u.flat(), syn1: inner.flat() };
}

const objectives: { name: string; negative: number; hs: boolean }[] = [
  { name: 'negative sampling', negative: 1, hs: false },
  { name: 'hierarchical softmax', negative: 0, hs: true },
  { name: 'hierarchical softmax + negative sampling', negative: 2, hs: true },
];

for (const { name, negative, hs } of objectives) {
  for (const [cbow, kind, dim] of [[false, 'js', 3], [true, 'js', 3], [false, 'simd', 6], [true, 'simd', 6], [false, 'simd', 9]] as const) {
    test(`${cbow ? 'CBOW' : 'skip-gram'}, ${name} (${kind} kernels, dim ${dim}): updates match a naive implementation of the update rule`, () => {
      const sentence = [0, 1, 2, 1, 3, 0, 2, 3, 3, 1, 4, 2, 4];
      const rows = [[0.3, -0.2, 0.1], [-0.4, 0.25, 0.2], [0.1, 0.1, -0.3], [0.2, -0.1, 0.4], [-0.3, 0.3, 0.1]];
      const syn0 = rows.map((r) => Array.from({ length: dim }, (_, k) => r[k % 3] * (k < 3 ? 1 : -0.5)));
      const alpha = 0.4; // large, so the updates are far above the table's rounding
      const model = tinyModel(cbow, sentence, syn0, { kind, negative, hs });
      trainBatch(model, 0, 1, alpha);
      const expected = reference(cbow, sentence, syn0, alpha, { negative, hs });
      const close = (a: Float32Array, b: number[], what: string) => {
        assert.equal(a.length, b.length, what);
        b.forEach((x, k) => assert.ok(Math.abs(a[k] - x) < 1e-4, `${what}[${k}]: ${a[k]} vs ${x}`));
      };
      close(model.syn0, expected.syn0, 'syn0');
      close(model.syn1neg, negative > 0 ? expected.syn1neg : [], 'syn1neg');
      close(model.syn1, hs ? expected.syn1 : [], 'syn1');
      const moved = hs ? expected.syn1 : expected.syn1neg;
      assert.ok(moved.some((x) => Math.abs(x) > 0.05), 'the test must move the weights');
    });
  }
}

test('the reported loss starts at (1 + negative) · log 2 when syn1neg is zero, and at (code length) · log 2 for hierarchical softmax', () => {
  const sentence = Array.from({ length: 200 }, (_, i) => (i * 7) % 10);
  const model = tinyModel(false, sentence, Array.from({ length: 11 }, () => [0.1, 0.2, 0.3]));
  trainBatch(model, 0, 1, 0); // alpha 0: nothing moves, every example sees u = 0
  assert.equal(model.lossCount, 2 * 199);
  assert.ok(Math.abs(model.lossSum / model.lossCount - 2 * Math.log(2)) < 1e-9);

  const hs = tinyModel(false, sentence, Array.from({ length: 11 }, () => [0.1, 0.2, 0.3]), { kind: 'simd', negative: 0, hs: true });
  trainBatch(hs, 0, 1, 0);
  const tree = buildHuffman(tinyCounts(11));
  let nodes = 0; // Σ over examples (context word, centre word) of the centre word's code length
  for (let i = 0; i < sentence.length; i++) {
    const contexts = (i > 0 ? 1 : 0) + (i < sentence.length - 1 ? 1 : 0);
    nodes += contexts * (tree.starts[sentence[i] + 1] - tree.starts[sentence[i]]);
  }
  assert.equal(hs.lossCount, 2 * 199);
  assert.ok(Math.abs(hs.lossSum - nodes * Math.log(2)) < 1e-4 * nodes, `${hs.lossSum} vs ${nodes * Math.log(2)}`);
});
