/**
 * What greedy and beam search need from a model, whatever it is (a recurrent encoder–decoder now, a Transformer with
 * its key/value cache later): encode a batch of sources once, then step the decoder one target token at a time from
 * a state that holds everything cached, and reorder that state's rows when the beam keeps other hypotheses.
 *
 * Ownership: `encode`, `step` and `reorder` return states that own all their tensors (shared data is fine: a
 * tf.clone costs nothing), and never dispose the state they were given; the search disposes each state it no longer
 * needs with `disposeState`, and the step outputs' tensors itself.
 */
import * as tf from '@tensorflow/tfjs';

export interface StepOutput<State> {
  /** log p(next token) for each row [N, V]. */
  logProbs: tf.Tensor2D;
  /** Attention over the source for each row [N, S] (for the heatmap), or null when the model has none to show. */
  attention: tf.Tensor2D | null;
  state: State;
}

export interface StepDecoder<State> {
  /** Source ids [N, S] int32, 0-padded on the right → the state before the first target token. */
  encode(src: tf.Tensor2D): State;
  /** Previous tokens [N] int32 (`<bos>` first) → next-token log-probabilities, attention and the next state. */
  step(state: State, prev: tf.Tensor1D): StepOutput<State>;
  /** Row i of the result is row indices[i] of `state` (indices [N'] int32; N' may differ from N). */
  reorder(state: State, indices: tf.Tensor1D): State;
  disposeState(state: State): void;
}

export interface DecodeOptions {
  /** The token every target starts from and the one that ends it. */
  bos: number;
  eos: number;
  /** Longest output (tokens, `<eos>` not counted): a number, or one computed from each source's length. */
  maxLength: number | ((sourceLength: number) => number);
}

/** One decoded sentence. */
export interface Hypothesis {
  /** Target ids without `<bos>` and `<eos>`. */
  ids: number[];
  /** Beam: Σ log p / lp(length); greedy: Σ log p (both over the tokens and the final `<eos>` when it was produced). */
  score: number;
  /** Attention [targetLength][sourceLength] of the chosen hypothesis: a row per output step (the `<eos>` step included when produced). */
  attention: number[][];
  /** Whether `<eos>` ended it (false: cut at the maximum length). */
  finished: boolean;
}

export const maxLengthFor = (options: DecodeOptions, sourceLength: number) =>
  typeof options.maxLength === 'number' ? options.maxLength : options.maxLength(sourceLength);

/** Source id arrays → a 0-padded [N, S] int32 tensor, S the longest (at least 1). */
export function padSources(sources: number[][]): tf.Tensor2D {
  const S = Math.max(1, ...sources.map((s) => s.length));
  const ids = new Int32Array(sources.length * S);
  sources.forEach((s, i) => ids.set(s, i * S));
  return tf.tensor2d(ids, [sources.length, S], 'int32');
}
