/**
 * Attention over the encoder's states: which source positions the decoder reads at a step.
 *
 * Bahdanau, Cho & Bengio, "Neural Machine Translation by Jointly Learning to Align and Translate" (2015): additive,
 *   score(h, sⱼ) = vᵀ tanh(W_query h + b + W_key sⱼ).
 * Luong, Pham & Manning, "Effective Approaches to Attention-based Neural Machine Translation" (2015): multiplicative,
 *   dot: score(h, sⱼ) = hᵀ sⱼ;  general: score(h, sⱼ) = hᵀ W_a sⱼ (W_a [H, M] is stored transposed, as W [M, H]).
 * Then a = softmax(scores) over the real source positions (padding gets exactly 0), and the context c = Σⱼ aⱼ sⱼ.
 *
 * The part of each score that depends only on the source (W_key s, W s) is computed once per sentence batch by
 * `prepare`, not at every decoder step: per step only the query side and the scores remain. Bahdanau's scores,
 * softmax and context are then one fused op (engine/backend/embedded/additive-attention.ts).
 *
 * Shapes: B sentences, S source positions, M the encoder state size (2 × hidden when bidirectional), H the decoder
 * state size (the query), A the additive attention's size (= H).
 */
import * as tf from '@tensorflow/tfjs';
import type { Seq2SeqArch } from '../../../contract/seq2seq.ts';
import { userText } from '../../../contract/user-text.ts';
import { additiveAttention } from '../../backend/embedded/additive-attention.ts';
import { glorot, zerosInit, type NamedWeights } from './weights.ts';

export type AttentionKind = Seq2SeqArch['attention'];

/** What `prepare` computes once per batch: the source side of the scores. */
export interface AttentionKeys {
  /** Bahdanau: s·W_key [B, S, A]; general: s·W, the source states in the query's space [B, S, H]; dot: s [B, S, M]. */
  keys: tf.Tensor3D;
  /** 0 on real source positions, −1e9 on padding [B, S]: added to the scores, so padding gets weight exactly 0. */
  maskBias: tf.Tensor2D;
}

export interface Attention {
  readonly kind: AttentionKind;
  /** memory [B, S, M], mask [B, S] (1 real, 0 padding) → the keys and mask bias, once per batch. */
  prepare(memory: tf.Tensor3D, mask: tf.Tensor2D): AttentionKeys;
  /** Unnormalised scores of each source position for the query [B, H] → [B, S] (mask not applied). */
  scores(query: tf.Tensor2D, keys: tf.Tensor3D): tf.Tensor2D;
  /** query [B, H] → attention weights [B, S] (rows sum to 1, padding 0) and the context [B, M]. */
  attend(query: tf.Tensor2D, prepared: AttentionKeys, memory: tf.Tensor3D): { weights: tf.Tensor2D; context: tf.Tensor2D };
}

/** Weights go into `weights` under `decoder/attention/…`. */
export function createAttention(kind: AttentionKind, memorySize: number, querySize: number, weights: NamedWeights): Attention {
  const name = (w: string) => `decoder/attention/${w}`;
  if (kind === 'luong-dot' && memorySize !== querySize) {
    throw new Error(userText("luong-dot attention needs encoder states ({memorySize}) the size of the decoder's ({querySize}): use a unidirectional encoder or luong-general", { memorySize, querySize }));
  }
  const A = querySize;
  const W_key = kind === 'bahdanau' ? weights.add(name('W_key'), [memorySize, A], glorot) : null; // [M, A]
  const W_query = kind === 'bahdanau' ? weights.add(name('W_query'), [querySize, A], glorot) : null; // [H, A]
  const bias = kind === 'bahdanau' ? weights.add(name('bias'), [A], zerosInit) : null; // [A]
  const v = kind === 'bahdanau' ? weights.add(name('v'), [A], (shape, seed) => tf.reshape(glorot([A, 1], seed), shape)) : null; // [A]
  const W = kind === 'luong-general' ? weights.add(name('W'), [memorySize, querySize], glorot) : null; // [M, H]

  /** x [B, S, K] · w [K, N] → [B, S, N] as one product over all B·S rows. */
  const project = (x: tf.Tensor3D, w: tf.Tensor2D) => {
    const [B, S, K] = x.shape;
    return tf.reshape(tf.matMul(tf.reshape(x, [B * S, K]), w), [B, S, w.shape[1]]) as tf.Tensor3D;
  };

  const scores = (query: tf.Tensor2D, keys: tf.Tensor3D): tf.Tensor2D => {
    const [B, S] = keys.shape;
    if (kind === 'bahdanau') {
      const q = tf.fused.matMul({ a: query, b: W_query as tf.Tensor2D, bias: bias! }); // [B, A]
      const hidden = tf.tanh(tf.add(keys, tf.expandDims(q, 1))); // [B, S, A]
      // vᵀ· as a product and a sum over A: a matrix product with one column wastes most of the GEMM's work.
      return tf.sum(tf.mul(hidden, v!), 2) as tf.Tensor2D; // [B, S]
    }
    // hᵀ kⱼ for every j: a batched product [B, S, H] · [B, H, 1].
    return tf.reshape(tf.matMul(keys, tf.expandDims(query, 2)), [B, S]); // [B, S]
  };

  return {
    kind,
    prepare: (memory, mask) => ({
      keys: kind === 'bahdanau' ? project(memory, W_key as tf.Tensor2D) : kind === 'luong-general' ? project(memory, W as tf.Tensor2D) : memory,
      maskBias: tf.mul(tf.sub(1, mask), -1e9) as tf.Tensor2D,
    }),
    scores,
    attend: (query, prepared, memory) => {
      if (kind === 'bahdanau') {
        // The scores, softmax and context as one op (one kernel each way on the embedded and cpu backends).
        return tf.tidy(() => {
          const q = tf.fused.matMul({ a: query, b: W_query as tf.Tensor2D, bias: bias! }) as tf.Tensor2D; // [B, A]
          return additiveAttention(prepared.keys, q, v as tf.Tensor1D, prepared.maskBias, memory); // [B, S], [B, M]
        });
      }
      const weights = tf.softmax(tf.add(scores(query, prepared.keys), prepared.maskBias)) as tf.Tensor2D; // [B, S]
      const context = tf.squeeze(tf.matMul(tf.expandDims(weights, 1), memory), [1]) as tf.Tensor2D; // [B, 1, S]·[B, S, M] → [B, M]
      return { weights, context };
    },
  };
}
