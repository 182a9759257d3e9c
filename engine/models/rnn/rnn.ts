/**
 * Recurrent networks for text: embedding → stacked SimpleRNN / LSTM / GRU (optionally bidirectional) with dropout
 * between layers → logits and a softmax over classes (per sequence) or over tags / next tokens (per position).
 *
 * Elman, "Finding Structure in Time" (1990); Hochreiter & Schmidhuber, "Long Short-Term Memory" (1997);
 * Cho et al., "Learning Phrase Representations using RNN Encoder–Decoder" (2014, the GRU);
 * Schuster & Paliwal, "Bidirectional Recurrent Neural Networks" (1997);
 * Zaremba, Sutskever & Vinyals, "Recurrent Neural Network Regularization" (2014: dropout between layers, the LM setup).
 *
 * Built with the tfjs Layers API so the trained model exports in the TensorFlow.js Layers format (and converts to
 * Keras). The embedding has `maskZero`: `<pad>` = 0 is masked, so recurrent layers carry their state over padding.
 * The classifier reads the **last state** of the top layer (with the mask that is the state after the last real
 * token; bidirectional: forward after the last token ⊕ backward after the first) — the standard choice, and cheaper
 * than masked pooling, which tfjs's pooling layers do not support.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelSummary } from '../../../contract/models.ts';
import type { RnnArch } from '../../../contract/rnn.ts';
import type { RnnTask } from './batches.ts';
import { FusedGRU, FusedLSTM, FusedSimpleRNN, fuseBidirectional } from './fused-recurrent.ts';
import { orthogonal } from './orthogonal.ts';

export interface RnnShape {
  task: RnnTask;
  vocabSize: number;
  /** Classes (classifier), tags (tagger), or the vocabulary size again (LM). */
  outputs: number;
}

export function buildRnn(config: RnnArch, shape: RnnShape, seed = 1): tf.LayersModel {
  const model = tf.sequential({ name: `${shape.task}_${config.cell}` });
  model.add(
    tf.layers.embedding({
      name: 'embedding',
      inputShape: [null], // [B, T] token ids, any length
      inputDim: shape.vocabSize,
      outputDim: config.emb,
      maskZero: true,
      // Frozen pretrained vectors. Set here, not later: getWeights() lists trainable weights first, and checkpoints
      // rely on that order being the same when the model is rebuilt.
      trainable: config.embeddings ? config.embeddings.trainable : true,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed }),
    }),
  ); // [B, T, E]
  for (let l = 0; l < config.layers; l++) {
    const last = l === config.layers - 1;
    const returnSequences = !(last && shape.task === 'classifier');
    const cellArgs = {
      name: config.bidirectional ? `${config.cell}_${l + 1}` : `rnn_${l + 1}`,
      units: config.hidden,
      returnSequences,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 10 + l }),
      // Keras's orthogonal, but not tfjs's implementation: that one takes seconds to minutes (orthogonal.ts).
      recurrentInitializer: orthogonal({ seed: seed + 20 + l }),
    };
    // tfjs defaults gates to hardSigmoid (Keras 1); sigmoid as in Keras 2, PyTorch and the papers.
    const gated = { ...cellArgs, recurrentActivation: 'sigmoid' as const };
    // Each runs fused (one kernel a sequence) where the backend can (fused-recurrent.ts).
    const cell = config.cell === 'lstm' ? new FusedLSTM(gated) : config.cell === 'gru' ? new FusedGRU(gated) : new FusedSimpleRNN(cellArgs);
    // [B, T, H] (or [B, H] for the classifier's top layer); bidirectional: [.., 2H], both directions concatenated
    model.add(config.bidirectional ? fuseBidirectional(tf.layers.bidirectional({ name: `rnn_${l + 1}`, layer: cell as tf.RNN, mergeMode: 'concat' })) : cell);
    if (config.dropout > 0) model.add(tf.layers.dropout({ name: `dropout_${l + 1}`, rate: config.dropout, seed: seed + 30 + l }));
  }
  // Logits: classifier [B, C]; tagger [B, T, K]; LM [B, T, V]. The softmax is a layer of its own so that training
  // can stop at the logits (logitsOf) and take the fused softmax cross-entropy; the model itself (prediction,
  // export) outputs probabilities.
  model.add(tf.layers.dense({ name: 'output', units: shape.outputs, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 40 }) }));
  model.add(tf.layers.activation({ name: 'softmax', activation: 'softmax' }));
  return model;
}

const logitModels = new WeakMap<tf.LayersModel, tf.LayersModel>();

/** The same network (same weights) up to the output layer's logits, before the softmax. */
export function logitsOf(model: tf.LayersModel): tf.LayersModel {
  let logits = logitModels.get(model);
  if (!logits) {
    logits = tf.model({ inputs: model.inputs, outputs: model.getLayer('output').output as tf.SymbolicTensor });
    logitModels.set(model, logits);
  }
  return logits;
}

/** Layers, output shapes and parameter counts (what `model.summary` shows before training). */
export function summarize(model: tf.LayersModel): ModelSummary {
  const count = (ws: tf.LayerVariable[]) => ws.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
  const layers = model.layers.map((l) => ({
    name: l.name,
    type: l.getClassName(),
    outputShape: JSON.stringify(l.outputShape).replaceAll('null', 'None'),
    params: l.countParams(),
  }));
  return { layers, totalParams: count(model.weights), trainableParams: count(model.trainableWeights) };
}
