// The three attention scores (engine/models/seq2seq/attention.ts) against the formulas computed here by hand, on two
// sentences of which the second is padded: padded positions get weight exactly 0, the rows sum to 1, and the
// context is the weighted sum of the real encoder states.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createAttention, type AttentionKind } from '../../../../engine/models/seq2seq/attention.ts';
import { NamedWeights } from '../../../../engine/models/seq2seq/weights.ts';

before(() => tf.setBackend('cpu'));

// B = 2 sentences, S = 3 positions (the second sentence has 2 real ones), M = 2 (memory), H = 2 (query).
const memory = [
  [[1, 0], [0, 1], [2, 0]],
  [[0.5, -1], [1, 1], [9, 9]], // the last state is padding: whatever it holds must not count
];
const mask = [[1, 1, 1], [1, 1, 0]];
const query = [[1, 0], [0.5, 2]];
const given: Record<string, number[][] | number[]> = {
  W_key: [[0.3, -0.2], [0.1, 0.4]], // [M, A]
  W_query: [[0.5, 0.1], [-0.3, 0.2]], // [H, A]
  bias: [0.1, -0.1],
  v: [1, -0.5], // [A]
  W: [[0.2, -0.1], [0.4, 0.3]], // [M, H]
};

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const matVec = (w: number[][], x: number[]) => w[0].map((_, j) => x.reduce((s, xi, i) => s + xi * w[i][j], 0)); // xᵀW

/** The score of each source position, straight from the papers' formulas. */
function handScores(kind: AttentionKind, q: number[], states: number[][]): number[] {
  return states.map((s) => {
    if (kind === 'luong-dot') return dot(q, s); // hᵀ s
    if (kind === 'luong-general') {
      // hᵀ W_a s with the paper's W_a [H, M] stored transposed as W [M, H]: Σⱼ Σₘ hⱼ W[m][j] sₘ
      const W = given.W as number[][];
      let sum = 0;
      for (let j = 0; j < 2; j++) for (let m = 0; m < 2; m++) sum += q[j] * W[m][j] * s[m];
      return sum;
    }
    const inner = matVec(given.W_query as number[][], q).map((x, a) => Math.tanh(x + (given.bias as number[])[a] + matVec(given.W_key as number[][], s)[a]));
    return dot(given.v as number[], inner); // vᵀ tanh(W_q h + b + W_k s)
  });
}

function handAttention(kind: AttentionKind, b: number) {
  const real = mask[b].map(Boolean);
  const scores = handScores(kind, query[b], memory[b]);
  const top = Math.max(...scores.filter((_, j) => real[j]));
  const exps = scores.map((e, j) => (real[j] ? Math.exp(e - top) : 0));
  const total = exps.reduce((a, c) => a + c, 0);
  const weights = exps.map((e) => e / total);
  const context = [0, 1].map((m) => weights.reduce((s, w, j) => s + w * memory[b][j][m], 0));
  return { scores, weights, context };
}

function run(kind: AttentionKind) {
  const weights = new NamedWeights(1);
  const attention = createAttention(kind, 2, 2, weights);
  for (const [name, variable] of weights.map) tf.tidy(() => variable.assign(tf.tensor(given[name.split('/').pop()!])));
  const result = tf.tidy(() => {
    const mem = tf.tensor3d(memory);
    const prepared = attention.prepare(mem, tf.tensor2d(mask));
    const out = attention.attend(tf.tensor2d(query), prepared, mem);
    return { scores: attention.scores(tf.tensor2d(query), prepared.keys).arraySync(), weights: out.weights.arraySync(), context: out.context.arraySync() };
  });
  const names = [...weights.map.keys()];
  weights.dispose();
  return { ...result, names };
}

const close = (a: number[], b: number[], what: string) => a.forEach((x, i) => assert.ok(Math.abs(x - b[i]) < 1e-5, `${what}[${i}]: ${x} vs ${b[i]}`));

for (const kind of ['bahdanau', 'luong-dot', 'luong-general'] as const) {
  test(`${kind} attention: scores, masked softmax and context as computed by hand`, () => {
    const start = tf.memory().numTensors;
    const got = run(kind);
    for (let b = 0; b < 2; b++) {
      const want = handAttention(kind, b);
      close(got.scores[b], want.scores, `scores ${b}`);
      close(got.weights[b], want.weights, `weights ${b}`);
      close(got.context[b], want.context, `context ${b}`);
      assert.ok(Math.abs(got.weights[b].reduce((a, c) => a + c, 0) - 1) < 1e-6, 'a row sums to 1');
    }
    assert.equal(got.weights[1][2], 0, 'padding gets weight exactly 0');
    assert.ok(got.weights[0][2] > 0.01, 'a real third position does get weight');
    assert.equal(tf.memory().numTensors, start);
    const expected = { bahdanau: ['W_key', 'W_query', 'bias', 'v'], 'luong-dot': [], 'luong-general': ['W'] }[kind];
    assert.deepEqual(got.names, expected.map((n) => `decoder/attention/${n}`));
  });
}

test('dot attention on numbers small enough to check on paper', () => {
  // h = (1, 0); states (1, 0), (0, 1), (2, 0) of which the last is padding → scores 1, 0; softmax (e, 1)/(e + 1).
  const weights = new NamedWeights(1);
  const attention = createAttention('luong-dot', 2, 2, weights);
  const [w, c] = tf.tidy(() => {
    const mem = tf.tensor3d([[[1, 0], [0, 1], [2, 0]]]);
    const out = attention.attend(tf.tensor2d([[1, 0]]), attention.prepare(mem, tf.tensor2d([[1, 1, 0]])), mem);
    return [out.weights.arraySync()[0], out.context.arraySync()[0]];
  });
  const e = Math.E;
  close(w, [e / (e + 1), 1 / (e + 1), 0], 'weights');
  close(c, [e / (e + 1), 1 / (e + 1)], 'context');
});

test('dot attention refuses encoder states of another size than the query', () => {
  assert.throws(() => createAttention('luong-dot', 4, 2, new NamedWeights(1)), /unidirectional encoder or luong-general/);
});
