/**
 * Optimisers, learning-rate schedules and gradient clipping for every neural model (not RNN-specific).
 * Schedules: linear warm-up from 0 to `lr` over `warmupSteps`, then constant, linear decay to 0, cosine decay
 * to 0 at `totalSteps` (Loshchilov & Hutter, "SGDR", 2017), or the inverse square root of the step (Vaswani et al.,
 * "Attention Is All You Need", 2017: lr at the end of warm-up, then lr·√(warmup/step)). AdamW (Loshchilov & Hutter,
 * "Decoupled Weight Decay Regularization", 2019) shrinks weights by lr·λ every step outside Adam's update. Clipping rescales all gradients
 * together when their global L2 norm exceeds `clipNorm` (Pascanu, Mikolov & Bengio, "On the difficulty of
 * training recurrent neural networks", 2013).
 */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerConfig } from '../../contract/training.ts';
import { FusedAdam, sumOfSquares } from '../backend/embedded/adam.ts';

export function createOptimizer(config: OptimizerConfig): tf.Optimizer {
  // ε is tf.train.adam's default (the backend's); the update is fused where the backend can.
  if (config.name === 'adamw') return new AdamW(config.lr, config.beta1, config.beta2, config.weightDecay);
  return config.name === 'adam' ? new FusedAdam(config.lr, config.beta1, config.beta2) : tf.train.sgd(config.lr);
}

/**
 * Adam with decoupled weight decay: before each update, every matrix (rank ≥ 2: kernels and embeddings) is
 * multiplied by 1 − lr·λ, as PyTorch's AdamW does. Biases and other vectors are not decayed (the common practice of
 * BERT and GPT training: decaying a bias or a norm's gain only hurts). Same slots as Adam, so checkpoints carry over.
 */
export class AdamW extends FusedAdam {
  constructor(learningRate: number, beta1: number, beta2: number, readonly weightDecay: number) {
    super(learningRate, beta1, beta2);
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    const shrink = 1 - this.learningRate * this.weightDecay;
    tf.tidy(() => {
      for (const name of names) {
        const variable = tf.engine().registeredVariables[name];
        if (variable.rank >= 2) variable.assign(tf.mul(variable, shrink));
      }
    });
    super.applyGradients(variableGradients);
  }
}

/** The learning rate at optimiser step `step` (0-based) of `totalSteps`. */
export function learningRateAt(config: OptimizerConfig, step: number, totalSteps: number): number {
  const { lr, warmupSteps, schedule } = config;
  if (step < warmupSteps) return (lr * (step + 1)) / warmupSteps;
  const span = Math.max(1, totalSteps - warmupSteps);
  const progress = Math.min(1, (step - warmupSteps) / span);
  if (schedule === 'linear') return lr * (1 - progress);
  if (schedule === 'cosine') return lr * 0.5 * (1 + Math.cos(Math.PI * progress));
  if (schedule === 'inverse-sqrt') return lr * Math.sqrt(warmupSteps / (step + 1));
  return lr;
}

/** tfjs keeps the rate in a field read at every step; Adam has no setter, SGD has one. */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (o.setLearningRate) o.setLearningRate(lr);
  else o.learningRate = lr;
}

/** Scale the gradients so their global norm is at most `clipNorm` (0 = no clipping). Returns the norm before. */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, clipNorm: number): { grads: tf.NamedTensorMap; norm: number } {
  const names = Object.keys(grads);
  const normT = tf.tidy(() => tf.sqrt(tf.addN(names.map((n) => sumOfSquares(grads[n])))));
  const norm = normT.dataSync()[0];
  normT.dispose();
  if (clipNorm <= 0 || norm <= clipNorm) return { grads, norm };
  const scale = clipNorm / (norm + 1e-6);
  const clipped: tf.NamedTensorMap = {};
  for (const n of names) {
    clipped[n] = tf.mul(grads[n], scale);
    grads[n].dispose();
  }
  return { grads: clipped, norm };
}
