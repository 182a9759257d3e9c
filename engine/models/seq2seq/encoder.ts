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
import { FusedGRU, FusedLSTM, fuseBidirectional } from '../rnn/fused-recurrent.ts';
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

export function createEncoder(arch: Seq2SeqArch, vocabSize: number, weights: NamedWeights): Encoder {
  const { emb: E, hidden: H, cell } = arch;
  const embedding = weights.add('encoder/embedding', [vocabSize, E], embeddingInit, arch.embeddings ? arch.embeddings.trainable : true); // [Vs, E]
  const size = arch.bidirectional ? 2 * H : H;
  const rnns: tf.layers.Layer[] = [];
  const summary: Encoder['layers'] = [];
  const init = recurrentUniform(H);
  for (let l = 0; l < arch.layers; l++) {
    const name = `encoder/${cell}${l + 1}`;
    const args: RecurrentArgs = {
      name: `${name.replace('/', '_')}`,
      units: H,
      returnSequences: true,
      recurrentActivation: 'sigmoid', // tfjs defaults to hardSigmoid (Keras 1); sigmoid as the papers and PyTorch
    };
    const rnn = cell === 'lstm' ? new FusedLSTM(args) : new FusedGRU(args);
    const layer = arch.bidirectional ? fuseBidirectional(tf.layers.bidirectional({ name: args.name, layer: rnn, mergeMode: 'concat' })) : rnn;
    const inputSize = l === 0 ? E : size;
    layer.build([null, null, inputSize]);
    layer.built = true; // an RNN's build does not say so itself; apply() would build it again
    // tfjs names the copies' weights `forward_…/kernel`, `backward_…/kernel`; ours say direction and role.
    const names: string[] = [];
    for (const w of layer.weights) {
      const direction = !arch.bidirectional ? '' : w.originalName.includes('backward') ? 'backward/' : 'forward/';
      const role = w.originalName.split('/').pop()!; // kernel, recurrent_kernel, bias
      const full = `${name}/${direction}${role}`;
      const fn = role === 'kernel' ? glorot : role === 'bias' && cell === 'lstm' ? lstmBias(H, init) : init;
      weights.addLayerWeight(full, w.read() as tf.Variable, fn);
      names.push(full);
    }
    rnns.push(layer);
    summary.push({ name, type: arch.bidirectional ? `Bidirectional(${rnn.getClassName()})` : rnn.getClassName(), weights: names });
  }

  return {
    size,
    embedding,
    layers: summary,
    encode(src, dropout) {
      const mask = tf.cast(tf.notEqual(src, PAD), 'float32') as tf.Tensor2D; // [B, S]
      const on = tf.cast(mask, 'bool');
      let x: tf.Tensor = tf.gather(embedding, src); // [B, S, E]
      for (const layer of rnns) {
        if (dropout) x = dropout(x);
        x = layer.apply(x, { mask: on }) as tf.Tensor; // [B, S, M]
      }
      return { memory: x as tf.Tensor3D, mask };
    },
  };
}
