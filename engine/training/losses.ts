/**
 * Cross-entropy losses from logits (the output layer before its softmax), as PyTorch's CrossEntropyLoss: log-sum-exp
 * instead of log(softmax), so no clipping and no overflow. Padding counts for nothing: the masked loss averages
 * only over positions whose mask is 1. Both run as the fused softmax-cross-entropy op where the backend has it.
 *
 * Label smoothing (Szegedy et al. 2016, "Rethinking the Inception Architecture"): the target distribution puts
 * 1 − ε on the true class and ε/C on every class, so the loss is (1 − ε)·CE + ε·mean_c(−log p_c), and
 * −log p_c = lse(logits) − logit_c: the second term is lse − mean(logits), two cheap reductions.
 */
import * as tf from '@tensorflow/tfjs';
import { softmaxCrossEntropy } from '../backend/embedded/softmax-cross-entropy.ts';

/** Mean −log softmax(logits)[target] per sequence. logits [B, C], targets [B] int32. */
export function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D, labelSmoothing = 0): tf.Scalar {
  return tf.tidy(() => smoothed(logits, softmaxCrossEntropy(logits, targets, tf.fill([targets.size], 1 / Math.max(targets.size, 1))), null, labelSmoothing));
}

/** Σ mask·(−log softmax(logits)[target]) / Σ mask. logits [B, T, C], targets [B, T] int32, mask [B, T] (0 = padding). */
export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D, labelSmoothing = 0): tf.Scalar {
  return tf.tidy(() => {
    const weights = tf.div(mask, tf.maximum(tf.sum(mask), 1)); // [B, T], sums to 1 over real tokens
    return smoothed(logits, softmaxCrossEntropy(logits, targets, weights), weights, labelSmoothing);
  });
}

/** (1 − ε)·CE + ε·Σ w·(lse − mean(logits)); `weights` null = uniform over rows. */
function smoothed(logits: tf.Tensor, ce: tf.Scalar, weights: tf.Tensor | null, epsilon: number): tf.Scalar {
  if (epsilon === 0) return ce;
  const uniform = tf.sub(tf.logSumExp(logits, -1), tf.mean(logits, -1)); // [B] or [B, T]
  const spread = weights ? tf.sum(tf.mul(uniform, weights)) : tf.mean(uniform);
  return tf.add(tf.mul(ce, 1 - epsilon), tf.mul(spread, epsilon)) as tf.Scalar;
}
