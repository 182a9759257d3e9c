/**
 * Cross-entropy losses from logits (the output layer before its softmax), as PyTorch's CrossEntropyLoss: log-sum-exp
 * instead of log(softmax), so no clipping and no overflow. Padding counts for nothing: the masked loss averages
 * only over positions whose mask is 1. Both run as the fused softmax-cross-entropy op where the backend has it.
 */
import * as tf from '@tensorflow/tfjs';
import { softmaxCrossEntropy } from '../backend/embedded/softmax-cross-entropy.ts';

/** Mean −log softmax(logits)[target] per sequence. logits [B, C], targets [B] int32. */
export function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => softmaxCrossEntropy(logits, targets, tf.fill([targets.size], 1 / Math.max(targets.size, 1))));
}

/** Σ mask·(−log softmax(logits)[target]) / Σ mask. logits [B, T, C], targets [B, T] int32, mask [B, T] (0 = padding). */
export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => softmaxCrossEntropy(logits, targets, tf.div(mask, tf.maximum(tf.sum(mask), 1))));
}
