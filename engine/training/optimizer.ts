/**
 * Optimisers, learning-rate schedules and gradient clipping for every neural model (not RNN-specific).
 * Schedules: linear warm-up from 0 to `lr` over `warmupSteps`, then constant, linear decay to 0, or cosine decay
 * to 0 at `totalSteps` (Loshchilov & Hutter, "SGDR", 2017, for the cosine). Clipping rescales all gradients
 * together when their global L2 norm exceeds `clipNorm` (Pascanu, Mikolov & Bengio, "On the difficulty of
 * training recurrent neural networks", 2013).
 */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerConfig } from '../../contract/sequence.ts';
import { FusedAdam, sumOfSquares } from '../backend/embedded/adam.ts';

export function createOptimizer(config: OptimizerConfig): tf.Optimizer {
  // tf.train.adam's defaults (β₁ 0.9, β₂ 0.999, ε the backend's), with the update fused where the backend can.
  return config.name === 'adam' ? new FusedAdam(config.lr, 0.9, 0.999) : tf.train.sgd(config.lr);
}

/** The learning rate at optimiser step `step` (0-based) of `totalSteps`. */
export function learningRateAt(config: OptimizerConfig, step: number, totalSteps: number): number {
  const { lr, warmupSteps, schedule } = config;
  if (step < warmupSteps) return (lr * (step + 1)) / warmupSteps;
  const span = Math.max(1, totalSteps - warmupSteps);
  const progress = Math.min(1, (step - warmupSteps) / span);
  if (schedule === 'linear') return lr * (1 - progress);
  if (schedule === 'cosine') return lr * 0.5 * (1 + Math.cos(Math.PI * progress));
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
