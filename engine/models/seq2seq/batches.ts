/**
 * Sentence-pair batches for the encoder–decoder: the source ids, and the target twice — shifted right behind
 * `<bos>` as the decoder's input, followed by `<eos>` as what it must predict (teacher forcing) — each padded with
 * `<pad>` = 0 to the longest in the batch, with masks. Pairs are bucketed by length (as the recurrent models'
 * classifierBatches) so a batch holds similar lengths and little padding.
 */
import { shuffle, MIN_TIME } from '../rnn/batches.ts';
import { BOS, EOS, PAD } from '../rnn/vocab.ts';

/** A sentence pair as token ids, without specials. */
export interface Pair {
  source: number[];
  target: number[];
}

/** A batch as plain arrays (tensors are made by the model inside the caller's tidy). */
export interface PairBatch {
  /** B */
  batch: number;
  /** S: the longest source in the batch (at least MIN_TIME: tfjs's recurrent layers cannot differentiate one step). */
  sourceTime: number;
  /** T: the longest target + 1 (at least MIN_TIME). */
  targetTime: number;
  /** [B, S] source ids, 0-padded. */
  source: Int32Array;
  /** [B, T] `<bos>` + target, 0-padded: the decoder's inputs. */
  targetIn: Int32Array;
  /** [B, T] target + `<eos>`, 0-padded: what the decoder predicts. */
  targetOut: Int32Array;
  /** [B, T] 1 where targetOut is real (the `<eos>` included), 0 on padding: the loss mask. */
  targetMask: Float32Array;
  /** Real target tokens, `<eos>` included (as the PyTorch anchor counts them): the tokens/s figure. */
  tokens: number;
  /** Indices of the batch's pairs in the list given, for reports. */
  indices: number[];
}

/** Pairs whose sides both have 1…maxLength tokens (the rest are left out of training). */
export function withinLength(pairs: Pair[], maxLength: number): Pair[] {
  return pairs.filter((p) => p.source.length > 0 && p.target.length > 0 && p.source.length <= maxLength && p.target.length <= maxLength);
}

/**
 * Bucketing: shuffle, sort windows of 50 batches by source then target length, cut into batches, shuffle their
 * order. `random` null keeps the given order (evaluation, translation panels).
 */
export function pairBatches(pairs: Pair[], batchSize: number, random: (() => number) | null): PairBatch[] {
  let order = pairs.map((_, i) => i);
  if (random) {
    shuffle(order, random);
    const window = batchSize * 50;
    const byLength = (a: number, b: number) => pairs[a].source.length - pairs[b].source.length || pairs[a].target.length - pairs[b].target.length;
    const sorted: number[] = [];
    for (let s = 0; s < order.length; s += window) sorted.push(...order.slice(s, s + window).sort(byLength));
    order = sorted;
  }
  const batches: PairBatch[] = [];
  for (let s = 0; s < order.length; s += batchSize) batches.push(pairBatch(pairs, order.slice(s, s + batchSize)));
  return random ? shuffle(batches, random) : batches;
}

/** One batch of the given pairs (by index). */
export function pairBatch(pairs: Pair[], indices: number[]): PairBatch {
  const B = indices.length;
  const S = Math.max(MIN_TIME, ...indices.map((i) => pairs[i].source.length));
  const T = Math.max(MIN_TIME, ...indices.map((i) => pairs[i].target.length + 1));
  const source = new Int32Array(B * S).fill(PAD);
  const targetIn = new Int32Array(B * T).fill(PAD);
  const targetOut = new Int32Array(B * T).fill(PAD);
  const targetMask = new Float32Array(B * T);
  let tokens = 0;
  indices.forEach((index, b) => {
    const { source: src, target: tgt } = pairs[index];
    source.set(src, b * S);
    targetIn[b * T] = BOS;
    targetIn.set(tgt, b * T + 1);
    targetOut.set(tgt, b * T);
    targetOut[b * T + tgt.length] = EOS;
    targetMask.fill(1, b * T, b * T + tgt.length + 1);
    tokens += tgt.length + 1;
  });
  return { batch: B, sourceTime: S, targetTime: T, source, targetIn, targetOut, targetMask, tokens, indices };
}
