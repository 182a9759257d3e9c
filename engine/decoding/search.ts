/**
 * Greedy decoding and beam search over any StepDecoder (step-decoder.ts): the recurrent encoder–decoder now, the
 * Transformer later. Both decode a batch of sentences together, one model step per output position.
 *
 * Greedy: at every step each sentence takes its most likely next token, until `<eos>` or its maximum length.
 *
 * Beam search (Sutskever et al. 2014; the length penalty of Wu et al. 2016, "Google's Neural Machine Translation
 * System"): each sentence keeps its `beam` best partial translations; at every step each is extended by every
 * token, and the `beam` best of those extensions by total log-probability go on. An extension by `<eos>` among
 * them is a finished translation, set aside with its score normalised by the length penalty
 *
 *   score(Y) = log P(Y | X) / lp(Y),   lp(Y) = ((5 + |Y|) / 6)^α   (|Y| counts the `<eos>`; α = 0: no penalty)
 *
 * so longer translations are not lost merely for having more factors below 1. A sentence is done once it has
 * `beam` finished translations (as fairseq); at its maximum length the ones still open are cut. The best finished
 * one wins. With beam 1 this is greedy decoding.
 *
 * Batched: all sentences' beams are the rows of one state [N·K, …]; a step is one model call, the choice of the
 * K best among K·V extensions one top-k per sentence, and the state follows the chosen rows with one `reorder`.
 * Ended sentences keep stepping (their rows ignored) so the batch keeps its shape.
 */
import * as tf from '@tensorflow/tfjs';
import { userText } from '../../contract/user-text.ts';
import { maxLengthFor, padSources, type DecodeOptions, type Hypothesis, type StepDecoder } from './step-decoder.ts';

/** Greedy decoding of the sources (token ids, no specials); per sentence its ids, Σ log p and attention. */
export function greedyDecode<State>(model: StepDecoder<State>, sources: number[][], options: DecodeOptions): Hypothesis[] {
  const N = sources.length;
  if (N === 0) return [];
  const limits = sources.map((s) => maxLengthFor(options, s.length));
  const out: Hypothesis[] = sources.map(() => ({ ids: [], score: 0, attention: [], finished: false }));
  const open = new Array<boolean>(N).fill(true);
  const src = padSources(sources);
  let state = model.encode(src);
  src.dispose();
  const prev = new Int32Array(N).fill(options.bos);
  try {
    // Step t chooses output token t; at t = limit only `<eos>` can still be taken (the output is then cut).
    for (let t = 0; t <= Math.max(...limits) && open.some(Boolean); t++) {
      const prevT = tf.tensor1d(prev.slice(), 'int32'); // a copy: tfjs may keep the array it is given, and prev changes
      const step = model.step(state, prevT);
      prevT.dispose();
      model.disposeState(state);
      state = step.state;
      const bestT = tf.argMax(step.logProbs, 1); // [N]
      const logPT = tf.max(step.logProbs, 1); // [N]
      const best = bestT.dataSync() as Int32Array;
      const logP = logPT.dataSync() as Float32Array;
      const attention = step.attention ? (step.attention.dataSync() as Float32Array) : null; // [N, S]
      const S = step.attention ? step.attention.shape[1] : 0;
      tf.dispose([bestT, logPT, step.logProbs]);
      step.attention?.dispose();
      for (let n = 0; n < N; n++) {
        if (!open[n]) continue;
        const h = out[n];
        if (best[n] !== options.eos && t === limits[n]) {
          open[n] = false; // cut at the maximum length
          continue;
        }
        h.score += logP[n];
        if (attention) h.attention.push(Array.from(attention.subarray(n * S, n * S + sources[n].length)));
        if (best[n] === options.eos) {
          h.finished = true;
          open[n] = false;
        } else h.ids.push(best[n]);
        prev[n] = best[n];
      }
    }
  } finally {
    model.disposeState(state);
  }
  return out;
}

export interface BeamOptions extends DecodeOptions {
  /** Hypotheses kept per sentence (K). */
  beam: number;
  /** α of the length penalty; 0 ranks by total log-probability. */
  lengthPenalty: number;
}

/** ((5 + length) / 6)^α (Wu et al. 2016, eq. 14). */
export const lengthPenalty = (length: number, alpha: number) => Math.pow((5 + length) / 6, alpha);

interface OpenHypothesis {
  ids: number[];
  /** Total log-probability so far. */
  logP: number;
  /** One attention row per step so far. */
  attention: number[][];
}

/** Beam search over the sources (token ids, no specials); per sentence the best finished hypothesis. */
export function beamSearch<State>(model: StepDecoder<State>, sources: number[][], options: BeamOptions): Hypothesis[] {
  const N = sources.length;
  const K = options.beam;
  if (!Number.isInteger(K) || K < 1) throw new Error(userText('The beam width must be a whole number ≥ 1, not {width}', { width: K }));
  if (N === 0) return [];
  const limits = sources.map((s) => maxLengthFor(options, s.length));
  const done = new Array<boolean>(N).fill(false);
  const finished: Hypothesis[][] = sources.map(() => []);
  // Row n·K + k holds beam k of sentence n. At the start only beam 0 is real; the others score −∞, so the first
  // step's K best come from it alone.
  let beams: OpenHypothesis[][] = sources.map(() => Array.from({ length: K }, () => ({ ids: [], logP: 0, attention: [] })));
  const totals = new Float32Array(N * K).map((_, r) => (r % K === 0 ? 0 : -Infinity));
  const prev = new Int32Array(N * K).fill(options.bos);

  const src = padSources(sources);
  const encoded = model.encode(src);
  src.dispose();
  const expand = tf.tensor1d(Int32Array.from({ length: N * K }, (_, r) => Math.floor(r / K)), 'int32');
  let state = model.reorder(encoded, expand); // [N·K, …]
  expand.dispose();
  model.disposeState(encoded);

  const close = (n: number, p: OpenHypothesis, isFinished: boolean) => {
    const length = p.ids.length + (isFinished ? 1 : 0);
    finished[n].push({ ids: p.ids, score: p.logP / lengthPenalty(length, options.lengthPenalty), attention: p.attention, finished: isFinished });
  };

  try {
    for (let t = 0; done.some((d) => !d); t++) {
      const prevT = tf.tensor1d(prev.slice(), 'int32'); // a copy: tfjs may keep the array it is given, and prev changes
      const step = model.step(state, prevT);
      prevT.dispose();
      model.disposeState(state);
      state = step.state;
      const V = step.logProbs.shape[1];
      // The 2K best extensions of each sentence by total log-probability: K may end with `<eos>` and K still go on.
      const top = tf.tidy(() => {
        const total = tf.add(step.logProbs, tf.tensor2d(totals.slice(), [N * K, 1])); // [N·K, V]
        return tf.topk(tf.reshape(total, [N, K * V]), Math.min(2 * K, K * V)); // [N, 2K]
      });
      const values = top.values.dataSync() as Float32Array;
      const indices = top.indices.dataSync() as Int32Array;
      const attention = step.attention ? (step.attention.dataSync() as Float32Array) : null; // [N·K, S]
      const S = step.attention ? step.attention.shape[1] : 0;
      tf.dispose([top.values, top.indices, step.logProbs]);
      step.attention?.dispose();
      const C = values.length / N;

      const order = new Int32Array(N * K); // the row each next row continues
      const next: OpenHypothesis[][] = [];
      for (let n = 0; n < N; n++) {
        const keep: OpenHypothesis[] = [];
        if (!done[n]) {
          const last = t === limits[n]; // only `<eos>` can still be taken
          const cut = new Set<number>();
          for (let c = 0; c < C && keep.length < K; c++) {
            const total = values[n * C + c];
            if (total === -Infinity) break;
            const beam = Math.floor(indices[n * C + c] / V);
            const token = indices[n * C + c] % V;
            const parent = beams[n][beam];
            const row = n * K + beam;
            const attended = attention ? [...parent.attention, Array.from(attention.subarray(row * S, row * S + sources[n].length))] : parent.attention;
            if (token === options.eos) {
              if (c < K) close(n, { ids: parent.ids, logP: total, attention: attended }, true);
            } else if (last) {
              if (!cut.has(beam)) close(n, parent, false); // cut at the maximum length, without this token
              cut.add(beam);
            } else {
              order[n * K + keep.length] = row;
              keep.push({ ids: [...parent.ids, token], logP: total, attention: attended });
            }
          }
          if (finished[n].length >= K || last || keep.length === 0) done[n] = true;
        }
        // Rows of a done sentence (or short of K live beams) repeat a row of theirs at −∞: stepped, never chosen.
        for (let k = keep.length; k < K; k++) order[n * K + k] = n * K;
        for (let k = 0; k < K; k++) {
          totals[n * K + k] = done[n] || k >= keep.length ? -Infinity : keep[k].logP;
          prev[n * K + k] = done[n] || k >= keep.length ? options.eos : keep[k].ids[keep[k].ids.length - 1];
        }
        next.push(keep);
      }
      beams = next;
      if (done.every(Boolean)) break;
      const orderT = tf.tensor1d(order, 'int32');
      const reordered = model.reorder(state, orderT);
      orderT.dispose();
      model.disposeState(state);
      state = reordered;
    }
  } finally {
    model.disposeState(state);
  }
  const none: Hypothesis = { ids: [], score: -Infinity, attention: [], finished: false };
  return finished.map((hs) => hs.reduce((best, h) => (h.score > best.score ? h : best), none));
}
