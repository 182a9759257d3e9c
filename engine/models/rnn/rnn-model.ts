/**
 * A recurrent network (rnn.ts) as the family runner sees it: its weights under their Layers names
 * (`rnn_1/kernel`, `rnn_1/forward_gru_1/bias`, … — tfjs's `originalName`, the same every time the architecture is
 * built, unlike the engine's variable names, which get `_1`, `_2` suffixes), and the loss of a batch from logits.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelSummary } from '../../../contract/models.ts';
import type { FamilyModel } from '../../families/family.ts';
import type { NamedWeight } from '../../training/checkpoint.ts';
import { crossEntropy, maskedCrossEntropy } from '../../training/losses.ts';
import type { Batch, RnnTask } from './batches.ts';
import { logitsOf, summarize } from './rnn.ts';

export class RnnModel implements FamilyModel<Batch> {
  constructor(
    readonly net: tf.LayersModel,
    readonly task: RnnTask,
  ) {}

  weights(): NamedWeight[] {
    // model.weights lists trainable weights first, then frozen ones (a frozen pretrained embedding). Which ones train
    // is the layers' say (net.trainableWeights): a frozen layer's variables keep their own `trainable` flag true.
    const trainable = new Set(this.net.trainableWeights);
    return this.net.weights.map((w) => ({ name: w.originalName, variable: w.read() as tf.Variable, trainable: trainable.has(w) }));
  }

  /** The logits of a batch: classifier [B, C]; tagger [B, T, K]; LM [B, T, V]. */
  logits(batch: Batch, training: boolean): tf.Tensor {
    const x = tf.tensor2d(batch.x, [batch.batch, batch.time], 'int32'); // [B, T]
    return logitsOf(this.net).apply(x, { training }) as tf.Tensor;
  }

  loss(batch: Batch, training: boolean, labelSmoothing = 0): tf.Scalar {
    return tf.tidy(() => this.lossOf(this.logits(batch, training), batch, labelSmoothing));
  }

  /** The loss of logits already computed (evaluation takes the loss and the predictions from one forward pass). */
  lossOf(logits: tf.Tensor, batch: Batch, labelSmoothing = 0): tf.Scalar {
    return tf.tidy(() => {
      if (this.task === 'classifier') return crossEntropy(logits as tf.Tensor2D, tf.tensor1d(batch.y, 'int32'), labelSmoothing);
      const y = tf.tensor2d(batch.y, [batch.batch, batch.time], 'int32'); // [B, T]
      const mask = tf.tensor2d(batch.mask, [batch.batch, batch.time]); // [B, T]
      return maskedCrossEntropy(logits as tf.Tensor3D, y, mask, labelSmoothing);
    });
  }

  summary(): ModelSummary {
    return summarize(this.net);
  }

  dispose(): void {
    this.net.dispose();
  }
}
