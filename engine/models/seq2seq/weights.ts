/**
 * A model's weights under stable, readable names (`encoder/embedding`, `decoder/attention/W_query`, …): the one map
 * checkpoints are saved and loaded by. The name is the weight's identity across rebuilds of the same architecture;
 * the tf.Variable behind it gets a name unique in the process (tfjs keeps one global registry of variables, and
 * two models of the same architecture may be alive at once).
 */
import * as tf from '@tensorflow/tfjs';

let models = 0;

export class NamedWeights {
  readonly map = new Map<string, tf.Variable>();
  private readonly scope = `seq2seq${++models}`;
  private seed: number;

  constructor(seed: number) {
    this.seed = seed;
  }

  /** A new weight: `init` gets a seed of its own, so each weight differs and the model is the same every build. */
  add(name: string, shape: number[], init: (shape: number[], seed: number) => tf.Tensor, trainable = true): tf.Variable {
    const value = tf.tidy(() => init(shape, this.seed++));
    return this.adopt(name, tf.variable(value, trainable, `${this.scope}/${name}`), value);
  }

  /** A weight a tfjs layer created (the recurrent layers): re-initialised here, so the seed decides it too. */
  addLayerWeight(name: string, variable: tf.Variable, init: (shape: number[], seed: number) => tf.Tensor): tf.Variable {
    const value = tf.tidy(() => init(variable.shape, this.seed++));
    variable.assign(value);
    return this.adopt(name, variable, value);
  }

  private adopt(name: string, variable: tf.Variable, value: tf.Tensor): tf.Variable {
    value.dispose();
    if (this.map.has(name)) throw new Error(`Two weights named ${name}`);
    this.map.set(name, variable);
    return variable;
  }

  dispose(): void {
    for (const v of this.map.values()) v.dispose();
    this.map.clear();
  }
}

/** Glorot & Bengio (2010) uniform: ±√(6 / (fan in + fan out)). */
export const glorot = (shape: number[], seed: number) => {
  const limit = Math.sqrt(6 / (shape[0] + (shape[1] ?? shape[0])));
  return tf.randomUniform(shape, -limit, limit, 'float32', seed);
};

/** PyTorch's default for recurrent cells (and the anchor's): every weight and bias uniform in ±1/√hidden. */
export const recurrentUniform = (hidden: number) => (shape: number[], seed: number) => {
  const limit = 1 / Math.sqrt(hidden);
  return tf.randomUniform(shape, -limit, limit, 'float32', seed);
};

/** Embeddings: uniform in ±0.05 (as the recurrent models' embedding layer). */
export const embeddingInit = (shape: number[], seed: number) => tf.randomUniform(shape, -0.05, 0.05, 'float32', seed);

export const zerosInit = (shape: number[]) => tf.zeros(shape);

/**
 * An LSTM bias with the forget gate's slice at 1 (Gers et al. 2000; Jozefowicz et al. 2015), the rest as `rest`.
 * Gates in tfjs's and PyTorch's order i, f, g, o.
 */
export const lstmBias = (hidden: number, rest: (shape: number[], seed: number) => tf.Tensor) => (shape: number[], seed: number) => {
  const r = rest(shape, seed);
  const [i, , g, o] = tf.split(r, 4);
  return tf.concat([i, tf.ones([hidden]), g, o]);
};
