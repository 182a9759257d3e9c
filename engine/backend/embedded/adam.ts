/**
 * Adam with its update fused into one kernel per variable. tfjs's AdamOptimizer composes the update from a dozen
 * ops (two moment updates, two bias corrections, sqrt, add, divide, scale, add), each a pass over the variable
 * and a new array: for a 10,000-word softmax layer that is ~30 passes over 2.5 M floats a step, a third of a
 * step once the matrix products were fast. The kernel reads x, g, m, v once and writes x', m', v'.
 *
 * Same arithmetic as tfjs's AdamOptimizer (Kingma & Ba 2015, ε outside the square root, bias-corrected moments),
 * same slot variables and names, so checkpoints of either load into the other. Backends without the kernel
 * (native TensorFlow) run tfjs's own update.
 */
import * as tf from '@tensorflow/tfjs';
import { type CpuBackend, valuesOf } from './cpu-backend.ts';

const ADAM = 'StudioAdamUpdate';

interface AdamAttrs {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 − β₁ᵗ and 1 − β₂ᵗ for this step. */
  correction1: number;
  correction2: number;
}

interface AdamSlots {
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  incrementIterations(): void;
}

export class FusedAdam extends tf.AdamOptimizer {
  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (!tf.getKernel(ADAM, tf.getBackend())) return super.applyGradients(variableGradients);
    const self = this as unknown as AdamSlots;
    const named: [string, tf.Tensor | null][] = Array.isArray(variableGradients) ? variableGradients.map((v) => [v.name, v.tensor]) : Object.entries(variableGradients);
    const attrs: AdamAttrs = {
      lr: self.learningRate, beta1: self.beta1, beta2: self.beta2, epsilon: self.epsilon,
      correction1: 1 - self.accBeta1.dataSync()[0], correction2: 1 - self.accBeta2.dataSync()[0],
    };
    tf.tidy(() => {
      named.forEach(([name, gradient], i) => {
        const value = tf.engine().registeredVariables[name];
        // Slots as tfjs creates them (same names and order), so getWeights/setWeights and checkpoints are unchanged.
        self.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        self.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (gradient == null) return;
        const m = self.accumulatedFirstMoment[i].variable;
        const v = self.accumulatedSecondMoment[i].variable;
        const [x2, m2, v2] = tf.engine().runKernel(ADAM, { x: value, g: gradient, m, v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(m2);
        v.assign(v2);
        value.assign(x2);
      });
      self.accBeta1.assign(tf.mul(self.accBeta1, self.beta1));
      self.accBeta2.assign(tf.mul(self.accBeta2, self.beta2));
    });
    self.incrementIterations();
  }
}

export function adamKernel(backendName: string): tf.KernelConfig {
  return {
    kernelName: ADAM,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const cpu = backend as unknown as CpuBackend;
      const { x, g, m, v } = inputs as Record<string, tf.TensorInfo>;
      const { lr, beta1, beta2, epsilon, correction1, correction2 } = attrs as unknown as AdamAttrs;
      const xs = valuesOf(cpu, x), gs = valuesOf(cpu, g), ms = valuesOf(cpu, m), vs = valuesOf(cpu, v);
      const n = xs.length;
      const x2 = new Float32Array(n), m2 = new Float32Array(n), v2 = new Float32Array(n);
      const b1 = 1 - beta1, b2 = 1 - beta2;
      for (let i = 0; i < n; i++) {
        const gi = gs[i];
        const mi = (m2[i] = ms[i] * beta1 + gi * b1);
        const vi = (v2[i] = vs[i] * beta2 + gi * gi * b2);
        x2[i] = xs[i] - (lr * (mi / correction1)) / (Math.sqrt(vi / correction2) + epsilon);
      }
      return [x, m, v].map((t, i) => cpu.makeTensorInfo(t.shape, 'float32', [x2, m2, v2][i]));
    },
  };
}

const SUM_OF_SQUARES = 'StudioSumOfSquares';

/** Σ x² over the whole tensor, as a scalar: one pass where the backend has the kernel. */
export function sumOfSquares(x: tf.Tensor): tf.Scalar {
  if (tf.getKernel(SUM_OF_SQUARES, tf.getBackend())) return tf.engine().runKernel(SUM_OF_SQUARES, { x }, {}) as tf.Scalar;
  return tf.tidy(() => tf.sum(tf.square(x)));
}

export function sumOfSquaresKernel(backendName: string): tf.KernelConfig {
  return {
    kernelName: SUM_OF_SQUARES,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const cpu = backend as unknown as CpuBackend;
      const xs = valuesOf(cpu, (inputs as { x: tf.TensorInfo }).x);
      let sum = 0;
      for (let i = 0; i < xs.length; i++) sum += xs[i] * xs[i];
      return cpu.makeTensorInfo([], 'float32', new Float32Array([sum]));
    },
  };
}
