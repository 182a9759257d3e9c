/**
 * The decoder: stacked GRU or LSTM cells stepping over the target, attending to the encoder's memory at each step.
 * The step of Luong, Pham & Manning (2015), with their input feeding (§3.3):
 *
 *   hₜ = cell([E yₜ₋₁ ; h̃ₜ₋₁], hₜ₋₁)        the top layer's state (lower layers feed upper ones)
 *   aₜ, cₜ = attention(hₜ, memory)           weights over the source [B, S], context [B, M]
 *   h̃ₜ = tanh(W_combine [cₜ ; hₜ])           the attentional vector [B, H]
 *   logitsₜ = W_output h̃ₜ + b                 [B, V]
 *
 * All three scores (additive or multiplicative) use this one step, as Luong et al. (who compare them in it),
 * OpenNMT and TensorFlow's AttentionWrapper do. Bahdanau et al.'s own decoder queries with the previous state and
 * feeds the context into the cell; input feeding gives the cell the same information (h̃ₜ₋₁ carries cₜ₋₁).
 *
 * Cells as PyTorch's GRUCell and LSTMCell (Cho et al. 2014, the reset gate applied after the recurrent product;
 * Hochreiter & Schmidhuber 1997), which is also the anchor's decoder. Initial state: a bridge from the masked mean
 * of the memory, hₗ = tanh(W_bridge mean(s) + b) per layer (the anchor's, and Bahdanau et al.'s from the backward
 * states); LSTM cell states start at 0.
 *
 * Shapes: B sentences, S source positions, M memory size, E embedding, H hidden, L layers, V target vocabulary,
 * G gate width (3H for the GRU, 4H for the LSTM).
 */
import * as tf from '@tensorflow/tfjs';
import type { Seq2SeqArch } from '../../../contract/seq2seq.ts';
import { gruCell } from '../../backend/embedded/gru-cell.ts';
import { createAttention, type Attention, type AttentionKeys } from './attention.ts';
import { embeddingInit, glorot, lstmBias, recurrentUniform, zerosInit, type NamedWeights } from './weights.ts';

/** The decoder's recurrent state between steps. */
export interface DecoderState {
  /** Each layer's hidden state [B, H], bottom first. */
  h: tf.Tensor2D[];
  /** LSTM: each layer's cell state [B, H]; GRU: empty. */
  c: tf.Tensor2D[];
  /** Input feeding: the previous attentional vector h̃ₜ₋₁ [B, H] (0 before the first step); null without it. */
  feed: tf.Tensor2D | null;
}

export type Dropout = ((x: tf.Tensor) => tf.Tensor) | null;

interface Cell {
  /** Input weights [in, G] (layer 1: the embedding's part; input feeding has its own `feed`) and bias [G]. */
  kernel: tf.Variable;
  feed: tf.Variable | null;
  recurrent: tf.Variable; // [H, G]
  bias: tf.Variable; // [G]
  /** GRU: the recurrent product's own bias [G] (PyTorch's b_hh: the reset gate multiplies it too). */
  recurrentBias: tf.Variable | null;
}

export interface Decoder {
  readonly embedding: tf.Variable;
  readonly attention: Attention;
  readonly layers: { name: string; type: string; weights: string[] }[];
  /** The state before the first step, from the memory [B, S, M] and mask [B, S]. */
  initialState(memory: tf.Tensor3D, mask: tf.Tensor2D): DecoderState;
  /** ids [N] → the first layer's input projection E y·W + b [N, G] (N = any number of rows, e.g. B·T at once). */
  project(ids: tf.Tensor1D, dropout: Dropout): tf.Tensor2D;
  /** One step from the projected input [B, G]: the new state, the attentional vector h̃ [B, H], attention [B, S]. */
  step(input: tf.Tensor2D, state: DecoderState, keys: AttentionKeys, memory: tf.Tensor3D, dropout: Dropout): { state: DecoderState; attentional: tf.Tensor2D; weights: tf.Tensor2D };
  /** h̃ [N, H] → logits [N, V]. */
  output(attentional: tf.Tensor2D): tf.Tensor2D;
}

/** x·W + b as one fused op (the embedded backend adds the bias in the product's own pass). */
const affine = (x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor) => tf.fused.matMul({ a: x, b: w as tf.Tensor2D, bias: b }) as tf.Tensor2D;

export function createDecoder(arch: Seq2SeqArch, vocabSize: number, memorySize: number, weights: NamedWeights): Decoder {
  const { emb: E, hidden: H, cell: kind, layers: L } = arch;
  const G = kind === 'gru' ? 3 * H : 4 * H;
  const embedding = weights.add('decoder/embedding', [vocabSize, E], embeddingInit); // [V, E]
  const bridgeKernel = weights.add('decoder/bridge/kernel', [memorySize, L * H], glorot); // [M, L·H]
  const bridgeBias = weights.add('decoder/bridge/bias', [L * H], zerosInit);
  const init = recurrentUniform(H);
  const cells: Cell[] = [];
  const summary: Decoder['layers'] = [{ name: 'decoder/bridge', type: 'Dense(tanh)', weights: ['decoder/bridge/kernel', 'decoder/bridge/bias'] }];
  for (let l = 0; l < L; l++) {
    const name = `decoder/${kind}${l + 1}`;
    const names = [`${name}/kernel`, `${name}/recurrent_kernel`, `${name}/bias`];
    const cell: Cell = {
      kernel: weights.add(names[0], [l === 0 ? E : H, G], init),
      feed: l === 0 && arch.inputFeeding ? weights.add(`${name}/feed_kernel`, [H, G], init) : null,
      recurrent: weights.add(names[1], [H, G], init),
      bias: weights.add(names[2], [G], kind === 'lstm' ? lstmBias(H, init) : init),
      recurrentBias: kind === 'gru' ? weights.add(`${name}/recurrent_bias`, [G], init) : null,
    };
    if (cell.feed) names.push(`${name}/feed_kernel`);
    if (cell.recurrentBias) names.push(`${name}/recurrent_bias`);
    cells.push(cell);
    summary.push({ name, type: kind === 'gru' ? 'GRUCell' : 'LSTMCell', weights: names });
  }
  const attention = createAttention(arch.attention, memorySize, H, weights);
  summary.push({ name: 'decoder/attention', type: `Attention(${arch.attention})`, weights: [...weights.map.keys()].filter((n) => n.startsWith('decoder/attention/')) });
  const combine = weights.add('decoder/combine/kernel', [memorySize + H, H], glorot); // [M + H, H], no bias (Luong eq. 5)
  const outKernel = weights.add('decoder/output/kernel', [H, vocabSize], glorot); // [H, V]
  const outBias = weights.add('decoder/output/bias', [vocabSize], zerosInit);
  summary.push({ name: 'decoder/combine', type: 'Dense(tanh)', weights: ['decoder/combine/kernel'] });

  /** One cell step: x-side pre-activations gi [B, G] (bias included), previous h (and c) → new h (and c). */
  const cellStep = (c: Cell, gi: tf.Tensor2D, h: tf.Tensor2D, cPrev: tf.Tensor2D | undefined): [tf.Tensor2D, tf.Tensor2D | undefined] => {
    if (kind === 'gru') {
      const gh = affine(h, c.recurrent, c.recurrentBias!); // [B, 3H]
      // r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r ⊙ gh_n), h' = (1 − z) n + z h: one fused op
      // (engine/backend/embedded/gru-cell.ts; tfjs ops where the backend lacks it).
      return [gruCell(gi, gh, h), undefined]; // [B, H]
    }
    const gates = tf.add(gi, tf.matMul(h, c.recurrent)); // [B, 4H]: i, f, g, o
    const [ifg, g, o] = tf.split(gates, [2 * H, H, H], 1);
    const [i, f] = tf.split(tf.sigmoid(ifg), 2, 1);
    const cNext = tf.add(tf.mul(f, cPrev!), tf.mul(i, tf.tanh(g))) as tf.Tensor2D; // [B, H]
    return [tf.mul(tf.sigmoid(o), tf.tanh(cNext)) as tf.Tensor2D, cNext];
  };

  return {
    embedding,
    attention,
    layers: summary,
    initialState(memory, mask) {
      const B = memory.shape[0];
      const total = tf.sum(tf.mul(memory, tf.expandDims(mask, 2)), 1); // [B, M]
      const mean = tf.div(total, tf.maximum(tf.sum(mask, 1, true), 1)); // [B, M]
      const bridged = tf.tanh(affine(mean as tf.Tensor2D, bridgeKernel, bridgeBias)) as tf.Tensor2D; // [B, L·H]
      const h = L === 1 ? [bridged] : (tf.split(bridged, L, 1) as tf.Tensor2D[]);
      return {
        h,
        c: kind === 'lstm' ? h.map(() => tf.zeros([B, H]) as tf.Tensor2D) : [],
        feed: arch.inputFeeding ? (tf.zeros([B, H]) as tf.Tensor2D) : null,
      };
    },
    project(ids, dropout) {
      let x = tf.gather(embedding, ids) as tf.Tensor2D; // [N, E]
      if (dropout) x = dropout(x) as tf.Tensor2D;
      return affine(x, cells[0].kernel, cells[0].bias); // [N, G]
    },
    step(input, state, keys, memory, dropout) {
      const h: tf.Tensor2D[] = [];
      const c: tf.Tensor2D[] = [];
      let below: tf.Tensor2D | null = null;
      cells.forEach((cell, l) => {
        let gi: tf.Tensor2D;
        if (l === 0) gi = cell.feed ? (tf.add(input, tf.matMul(state.feed!, cell.feed)) as tf.Tensor2D) : input; // [B, G]
        else gi = affine((dropout ? dropout(below!) : below!) as tf.Tensor2D, cell.kernel, cell.bias);
        const [hl, cl] = cellStep(cell, gi, state.h[l], state.c[l]);
        h.push(hl);
        if (cl) c.push(cl);
        below = hl;
      });
      const top = h[L - 1];
      const { weights: a, context } = attention.attend(top, keys, memory); // [B, S], [B, M]
      let attentional = tf.tanh(tf.matMul(tf.concat([context, top], 1), combine)) as tf.Tensor2D; // [B, H]
      if (dropout) attentional = dropout(attentional) as tf.Tensor2D;
      return { state: { h, c, feed: arch.inputFeeding ? attentional : null }, attentional, weights: a };
    },
    output: (attentional) => affine(attentional, outKernel, outBias),
  };
}
