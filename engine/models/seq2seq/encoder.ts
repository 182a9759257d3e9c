/**
 * The encoder: source embedding → stacked GRU or LSTM layers, optionally bidirectional (Schuster & Paliwal 1997;
 * as in Bahdanau et al. 2015), with dropout between layers. Its states are the decoder's memory.
 *
 * The layers are the fused recurrent layers (engine/models/rnn/fused-recurrent.ts): on the embedded backend each
 * runs a whole layer over the sentence as one kernel forward and one backward; elsewhere tfjs's own layer. Padding
 * (`<pad>` = 0, on the right) is masked: the forward state stops at the last real token, the backward one starts
 * there.
 */
import * as tf from '@tensorflow/tfjs';
import type { Seq2SeqArch } from '../../../contract/seq2seq.ts';
import { FusedGRU, FusedLSTM } from '../rnn/fused-recurrent.ts';
import { PAD } from '../rnn/vocab.ts';
import { embeddingInit, glorot, lstmBias, recurrentUniform, type NamedWeights } from './weights.ts';

export interface Encoded {
  /** The top layer's states [B, S, M], M = hidden × (2 if bidirectional). */
  memory: tf.Tensor3D;
  /** 1 on real source tokens, 0 on padding [B, S]. */
  mask: tf.Tensor2D;
}

export interface Encoder {
  /** The size M of each memory state. */
  readonly size: number;
  readonly embedding: tf.Variable;
  /** For the model summary: each recurrent layer's name, tfjs class and weight names. */
  readonly layers: { name: string; type: string; weights: string[] }[];
  /** src [B, S] int32, 0-padded → memory and mask. `dropout` draws a seed per mask. */
  encode(src: tf.Tensor2D, dropout: ((x: tf.Tensor) => tf.Tensor) | null): Encoded;
}

type RecurrentArgs = ConstructorParameters<typeof FusedGRU>[0];

/** One recurrent layer: one direction, or both (the backward one reads the sentence from its end). */
interface Layer {
  forward: tf.RNN;
  backward: tf.RNN | null;
}

export function createEncoder(arch: Seq2SeqArch, vocabSize: number, weights: NamedWeights): Encoder {
  const { emb: E, hidden: H, cell } = arch;
  const embedding = weights.add('encoder/embedding', [vocabSize, E], embeddingInit, arch.embeddings ? arch.embeddings.trainable : true); // [Vs, E]
  const size = arch.bidirectional ? 2 * H : H;
  const layers: Layer[] = [];
  const summary: Encoder['layers'] = [];
  const init = recurrentUniform(H);
  for (let l = 0; l < arch.layers; l++) {
    const name = `encoder/${cell}${l + 1}`;
    const names: string[] = [];
    const direction = (goBackwards: boolean): tf.RNN => {
      const args: RecurrentArgs = {
        name: `${name.replace('/', '_')}${arch.bidirectional ? (goBackwards ? '_backward' : '_forward') : ''}`,
        units: H,
        returnSequences: true,
        goBackwards,
        recurrentActivation: 'sigmoid', // tfjs defaults to hardSigmoid (Keras 1); sigmoid as the papers and PyTorch
        // Initialised below with the model's seeds; zeros here spare tfjs's orthogonal initialiser (a QR in tfjs
        // ops: over a minute for a 256 × 768 matrix).
        kernelInitializer: 'zeros',
        recurrentInitializer: 'zeros',
      };
      const rnn = cell === 'lstm' ? new FusedLSTM(args) : new FusedGRU(args);
      rnn.build([null, null, l === 0 ? E : size]);
      rnn.built = true; // an RNN's build does not say so itself; apply() would build it again
      for (const w of rnn.weights) {
        const role = w.originalName.split('/').pop()!; // kernel, recurrent_kernel, bias
        const full = `${name}/${arch.bidirectional ? (goBackwards ? 'backward/' : 'forward/') : ''}${role}`;
        const fn = role === 'kernel' ? glorot : role === 'bias' && cell === 'lstm' ? lstmBias(H, init) : init;
        weights.addLayerWeight(full, w.read() as tf.Variable, fn);
        names.push(full);
      }
      return rnn;
    };
    // Both directions as two layers (not tfjs's Bidirectional wrapper): the backward outputs come back into reading
    // order with a gather, where the wrapper's tf.reverse runs tfjs's per-element kernel, slower than the layer itself.
    layers.push({ forward: direction(false), backward: arch.bidirectional ? direction(true) : null });
    const type = cell === 'lstm' ? 'LSTM' : 'GRU';
    summary.push({ name, type: arch.bidirectional ? `Bidirectional(${type})` : type, weights: names });
  }

  return {
    size,
    embedding,
    layers: summary,
    encode(src, dropout) {
      const S = src.shape[1];
      const mask = tf.cast(tf.notEqual(src, PAD), 'float32') as tf.Tensor2D; // [B, S]
      const on = tf.cast(mask, 'bool');
      const reading = tf.tensor1d(Array.from({ length: S }, (_, t) => S - 1 - t), 'int32'); // step t of the backward pass read position S − 1 − t
      let x: tf.Tensor = tf.gather(embedding, src); // [B, S, E]
      for (const { forward, backward } of layers) {
        if (dropout) x = dropout(x);
        const ahead = forward.apply(x, { mask: on }) as tf.Tensor; // [B, S, H]
        // [B, S, H] in processing order (position S − 1 first) → reading order, then both directions side by side.
        x = backward ? tf.concat([ahead, tf.gather(backward.apply(x, { mask: on }) as tf.Tensor, reading, 1)], 2) : ahead; // [B, S, M]
      }
      return { memory: x as tf.Tensor3D, mask };
    },
  };
}
