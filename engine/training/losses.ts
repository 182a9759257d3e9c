/**
 * Losses over softmax outputs. Padding counts for nothing: the masked cross-entropy averages only over positions
 * whose mask is 1. Probabilities are clipped at 1e-7 before the log, as Keras does for softmax outputs.
 */
import * as tf from '@tensorflow/tfjs';

const EPS = 1e-7;

/** Mean −log p(target) per sequence. probs [B, C], targets [B] int32. */
export function crossEntropy(probs: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const picked = pick(probs, targets); // [B]
    return tf.neg(tf.mean(tf.log(tf.clipByValue(picked, EPS, 1))));
  });
}

/** Σ mask·(−log p(target)) / Σ mask. probs [B, T, C], targets [B, T] int32, mask [B, T] float32 (0 = padding). */
export function maskedCrossEntropy(probs: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const picked = tf.reshape(pick(probs, targets), targets.shape); // [B, T]
    const nll = tf.neg(tf.log(tf.clipByValue(picked, EPS, 1))); // [B, T]
    return tf.div(tf.sum(tf.mul(nll, mask)), tf.maximum(tf.sum(mask), 1));
  });
}

/** probs[..., target] for every position, by a gather on the flattened probabilities (no [.., C] one-hot). */
function pick(probs: tf.Tensor, targets: tf.Tensor): tf.Tensor1D {
  const C = probs.shape[probs.rank - 1];
  const n = targets.size;
  const flatIndex = tf.add(tf.mul(tf.range(0, n, 1, 'int32'), tf.scalar(C, 'int32')), tf.cast(tf.reshape(targets, [n]), 'int32')); // [N]
  return tf.gather(tf.reshape(probs, [n * C]), flatIndex) as tf.Tensor1D; // [N]
}
