// Greedy decoding and beam search (engine/decoding/search.ts) on a hand-built step model: a second-order Markov chain
// over the target tokens, one per sentence (chosen by the source's first token). The token before the previous one
// lives in the model's state, so a beam that reorders its state wrongly scores its hypotheses with the wrong
// probabilities — caught by recomputing each returned score along its tokens. The "attention" of a step is one-hot
// on source position (previous token mod source length), so the returned matrix shows which hypothesis it followed.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { beamSearch, greedyDecode, lengthPenalty } from '../../../engine/decoding/search.ts';
import type { StepDecoder, StepOutput } from '../../../engine/decoding/step-decoder.ts';
import { seededRandom } from '../../../engine/random.ts';

before(() => tf.setBackend('cpu'));

const BOS = 2;
const EOS = 3;
const V = 8; // 0 <pad>, 1 <unk>, 2 <bos>, 3 <eos>, 4–7 words
const [A, B, C, D] = [4, 5, 6, 7];

interface ToyState {
  src: tf.Tensor2D; // [N, S]
  key: tf.Tensor1D; // [N] the source's first token: which chain
  length: tf.Tensor1D; // [N] real source length
  before: tf.Tensor1D; // [N] the token before the previous one (<pad> at the start)
}

/** p(next | key, before, prev): a distribution over V tokens. */
type Chain = (key: number, before: number, prev: number) => number[];

class MarkovModel implements StepDecoder<ToyState> {
  private readonly logTable: tf.Tensor2D; // [V·V·V, V], row (key·V + before)·V + prev
  steps = 0;

  constructor(readonly chain: Chain) {
    const flat: number[][] = [];
    for (let key = 0; key < V; key++) for (let before = 0; before < V; before++) for (let prev = 0; prev < V; prev++) flat.push(chain(key, before, prev).map(Math.log));
    this.logTable = tf.tensor2d(flat);
  }

  /** log P of the tokens (then <eos> when finished) for a source, computed here in JS. */
  logP(source: number[], ids: number[], finished: boolean): number {
    const tokens = finished ? [...ids, EOS] : ids;
    let [before, prev, sum] = [0, BOS, 0];
    for (const next of tokens) {
      sum += Math.log(this.chain(source[0], before, prev)[next]);
      [before, prev] = [prev, next];
    }
    return sum;
  }

  encode(src: tf.Tensor2D): ToyState {
    return tf.tidy(() => ({
      src: tf.clone(src),
      key: tf.squeeze(tf.slice(src, [0, 0], [-1, 1]), [1]) as tf.Tensor1D,
      length: tf.sum(tf.cast(tf.notEqual(src, 0), 'int32'), 1) as tf.Tensor1D,
      before: tf.zeros([src.shape[0]], 'int32') as tf.Tensor1D,
    })) as unknown as ToyState;
  }

  step(state: ToyState, prev: tf.Tensor1D): StepOutput<ToyState> {
    this.steps++;
    return tf.tidy(() => {
      const v = tf.scalar(V, 'int32');
      const rows = tf.add(tf.mul(tf.add(tf.mul(state.key, v), state.before), v), prev);
      const logProbs = tf.gather(this.logTable, rows) as tf.Tensor2D; // [N, V]
      const [N, S] = state.src.shape;
      const [p, length] = [prev.dataSync(), state.length.dataSync()];
      const weights = new Float32Array(N * S);
      for (let n = 0; n < N; n++) weights[n * S + (p[n] % Math.max(length[n], 1))] = 1;
      const attention = tf.tensor2d(weights, [N, S]); // [N, S]
      return { logProbs, attention, state: { src: tf.clone(state.src), key: tf.clone(state.key), length: tf.clone(state.length), before: tf.clone(prev) } };
    }) as unknown as StepOutput<ToyState>;
  }

  reorder(state: ToyState, indices: tf.Tensor1D): ToyState {
    return tf.tidy(() => ({ src: tf.gather(state.src, indices), key: tf.gather(state.key, indices), length: tf.gather(state.length, indices), before: tf.gather(state.before, indices) })) as unknown as ToyState;
  }

  disposeState(state: ToyState): void {
    tf.dispose([state.src, state.key, state.length, state.before]);
  }

  dispose(): void {
    this.logTable.dispose();
  }
}

function uniform(): number[] {
  return new Array<number>(V).fill(1 / V);
}

/** A distribution with the given probabilities; the rest of the mass spread evenly over the other tokens. */
function row(probs: Record<number, number>): number[] {
  const given = Object.values(probs).reduce((a, b) => a + b, 0);
  const others = V - Object.keys(probs).length;
  return Array.from({ length: V }, (_, i) => probs[i] ?? (1 - given) / others);
}

/** A first-order chain for sentences starting with `key`: rows[prev] (rows not listed, and other keys: uniform). */
function firstOrder(key: number, rows: Record<number, Record<number, number>>): Chain {
  return (k, _before, prev) => (k === key && rows[prev] ? row(rows[prev]) : uniform());
}

const options = { bos: BOS, eos: EOS, maxLength: 10 };

test('beam search finds the better sequence greedy decoding misses', () => {
  // Greedy takes A (0.6) and then ends (A → <eos> 0.35): P = 0.21. B (0.39) then <eos> (0.9) has P = 0.351.
  const model = new MarkovModel(firstOrder(A, { [BOS]: { [A]: 0.6, [B]: 0.39 }, [A]: { [EOS]: 0.35, [C]: 0.33, [D]: 0.31 }, [B]: { [EOS]: 0.9 } }));
  const greedy = greedyDecode(model, [[A, C]], options)[0];
  assert.deepEqual(greedy.ids, [A]);
  assert.ok(Math.abs(greedy.score - Math.log(0.6 * 0.35)) < 1e-5, `greedy score ${greedy.score}`);
  const beam = beamSearch(model, [[A, C]], { ...options, beam: 2, lengthPenalty: 0 })[0];
  assert.deepEqual(beam.ids, [B]);
  assert.ok(beam.finished);
  assert.ok(Math.abs(beam.score - Math.log(0.39 * 0.9)) < 1e-5, `beam score ${beam.score}`);
  model.dispose();
});

test('the length penalty lets a longer translation win over a shorter, more probable one', () => {
  // "" (ends at once: 0.4) against "A" (0.59 · 0.6 = 0.354): α = 0 keeps "", α = 1 divides by lp = 1 vs 7/6.
  const model = new MarkovModel(firstOrder(A, { [BOS]: { [EOS]: 0.4, [A]: 0.59 }, [A]: { [EOS]: 0.6 } }));
  const plain = beamSearch(model, [[A]], { ...options, beam: 2, lengthPenalty: 0 })[0];
  assert.deepEqual(plain.ids, []);
  assert.ok(Math.abs(plain.score - Math.log(0.4)) < 1e-5);
  const penalised = beamSearch(model, [[A]], { ...options, beam: 2, lengthPenalty: 1 })[0];
  assert.deepEqual(penalised.ids, [A]);
  assert.ok(Math.abs(penalised.score - Math.log(0.59 * 0.6) / lengthPenalty(2, 1)) < 1e-5, `score ${penalised.score}`);
  assert.ok(Math.abs(lengthPenalty(2, 1) - 7 / 6) < 1e-12 && lengthPenalty(9, 0) === 1);
  model.dispose();
});

test('a model that never ends is cut at the maximum length, fixed or from the source length', () => {
  const model = new MarkovModel(() => row({ [EOS]: 0.001, [B]: 0.9 }));
  for (const found of [greedyDecode(model, [[A, B, C]], { ...options, maxLength: 4 })[0], beamSearch(model, [[A, B, C]], { ...options, maxLength: 4, beam: 3, lengthPenalty: 0.6 })[0]]) {
    assert.deepEqual(found.ids, [B, B, B, B]);
    assert.equal(found.finished, false);
    assert.equal(found.attention.length, 4);
  }
  const long = beamSearch(model, [[A, B], [A, B, C]], { ...options, maxLength: (n) => 2 * n + 1, beam: 2, lengthPenalty: 0 });
  assert.deepEqual(long.map((h) => h.ids.length), [5, 7]);
  model.dispose();
});

/** A random second-order chain (seeded): every (key, before, prev) its own distribution. */
function randomChain(seed: number): Chain {
  const random = seededRandom(seed);
  const rows = Array.from({ length: V * V * V }, () => {
    // <pad> and <bos> almost never; <eos> likely after a fifth of the contexts and unlikely after the rest, so
    // hypotheses run several steps, beams part ways, and they end.
    const eos = random() < 0.2 ? 0.6 + random() : 0.05 * random();
    const w = Array.from({ length: V }, (_, i) => (i === 0 || i === BOS ? 0.001 : i === EOS ? eos : 0.05 + random() ** 2));
    const sum = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / sum);
  });
  return (key, before, prev) => rows[(key * V + before) * V + prev];
}

const sentences = [[A, B, C], [B], [C, D, A, A, B], [D, D], [A], [B, C, D, A, B, C], [C, A], [D, B, A]];

test('beam 1 is greedy decoding: same tokens and scores for every sentence of a batch', () => {
  for (const seed of [1, 2, 3]) {
    const model = new MarkovModel(randomChain(seed));
    const greedy = greedyDecode(model, sentences, options);
    const beam = beamSearch(model, sentences, { ...options, beam: 1, lengthPenalty: 0 });
    assert.ok(greedy.some((h) => h.ids.length > 1) && greedy.some((h) => h.finished), 'the case decodes more than one token and ends');
    greedy.forEach((g, i) => {
      assert.ok(Math.abs(g.score - model.logP(sentences[i], g.ids, g.finished)) < 1e-4, `greedy score of sentence ${i}`);
      assert.deepEqual(beam[i].ids, g.ids, `sentence ${i}`);
      assert.equal(beam[i].finished, g.finished);
      assert.ok(Math.abs(beam[i].score - g.score) < 1e-4, `sentence ${i}: ${beam[i].score} vs ${g.score}`);
      assert.deepEqual(beam[i].attention, g.attention);
    });
    model.dispose();
  }
});

test('a batch decodes as its sentences one by one; the attention follows the chosen hypothesis', () => {
  const model = new MarkovModel(randomChain(7));
  const beam = { ...options, beam: 3, lengthPenalty: 0.6 };
  const batched = beamSearch(model, sentences, beam);
  sentences.forEach((s, i) => {
    const alone = beamSearch(model, [s], beam)[0];
    assert.deepEqual(batched[i].ids, alone.ids, `sentence ${i}`);
    assert.ok(Math.abs(batched[i].score - alone.score) < 1e-4);
    const h = batched[i];
    // The score is the hypothesis's own log-probability over its length penalty.
    const length = h.ids.length + (h.finished ? 1 : 0);
    assert.ok(Math.abs(h.score - model.logP(s, h.ids, h.finished) / lengthPenalty(length, 0.6)) < 1e-4, `score of sentence ${i}`);
    assert.equal(h.attention.length, h.ids.length + (h.finished ? 1 : 0));
    // Step t attended to position (token before t) mod length: <bos> first, then the hypothesis's own tokens.
    [BOS, ...h.ids].slice(0, h.attention.length).forEach((prev, t) => {
      assert.equal(h.attention[t].length, s.length);
      assert.equal(h.attention[t].indexOf(1), prev % s.length, `sentence ${i} step ${t}`);
    });
  });
  // Beam search finds a sequence at least as probable as greedy's (with α = 0).
  const greedy = greedyDecode(model, sentences, options);
  const wide = beamSearch(model, sentences, { ...options, beam: 4, lengthPenalty: 0 });
  greedy.forEach((g, i) => {
    if (g.finished) assert.ok(wide[i].score >= g.score - 1e-5, `sentence ${i}`);
  });
  model.dispose();
});

test('decoding leaves no tensors behind', () => {
  const model = new MarkovModel(randomChain(5));
  const start = tf.memory().numTensors;
  for (let i = 0; i < 20; i++) {
    greedyDecode(model, sentences, options);
    beamSearch(model, sentences, { ...options, beam: 3, lengthPenalty: 0.6 });
  }
  assert.equal(tf.memory().numTensors, start);
  assert.ok(model.steps > 100);
  model.dispose();
});
