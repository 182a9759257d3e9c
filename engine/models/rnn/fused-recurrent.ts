/**
 * tfjs-layers' LSTM, GRU and SimpleRNN layers, running as one fused kernel forward and one backward a sequence
 * where the backend has them (the embedded backend: engine/backend/embedded/*-sequence.ts) and exactly as tfjs
 * runs them everywhere else. Each is the same layer — same class name, config, weights and serialisation — so
 * checkpoints, exports (still "LSTM", "GRU", "SimpleRNN" in model.json) and Keras conversion do not change; only
 * `call` takes the fused path when nothing it does not implement is asked for (stateful, initial or returned
 * states, cell dropout, activations other than tanh and sigmoid gates).
 */
import * as tf from '@tensorflow/tfjs';
import { gruSequence, gruSequenceAvailable } from '../../backend/embedded/gru-sequence.ts';
import { lstmSequence, lstmSequenceAvailable } from '../../backend/embedded/lstm-sequence.ts';
import { simpleRnnSequence, simpleRnnSequenceAvailable } from '../../backend/embedded/simple-rnn-sequence.ts';

type RecurrentArgs = Parameters<typeof tf.layers.lstm>[0];
type SequenceOp = (x: tf.Tensor3D, mask: tf.Tensor | null, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor1D, goBackwards: boolean) => tf.Tensor3D;

interface RecurrentInternals {
  cell: {
    kernel: tf.LayerVariable;
    recurrentKernel: tf.LayerVariable;
    bias: tf.LayerVariable | null;
    dropout: number;
    recurrentDropout: number;
    activation: { getClassName(): string };
    recurrentActivation?: { getClassName(): string };
  };
  stateful: boolean;
  returnState: boolean;
  returnSequences: boolean;
  goBackwards: boolean;
}

/** tfjs-layers does not export its layer classes; an instance's constructor is the class. */
type RecurrentClass = new (args: RecurrentArgs) => tf.RNN;
const classOf = (layer: tf.layers.Layer) => layer.constructor as RecurrentClass;

function fused(Stock: RecurrentClass, className: string, op: SequenceOp, available: () => boolean): RecurrentClass {
  return class extends Stock {
    /** Serialised as tfjs's own layer. */
    static className = className;

    override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
      const self = this as unknown as RecurrentInternals;
      const { cell } = self;
      const fusable =
        available() && !self.stateful && !self.returnState && kwargs?.initialState == null && cell.bias !== null &&
        !(cell.dropout > 0) && !(cell.recurrentDropout > 0) && cell.activation.getClassName() === 'tanh' &&
        (cell.recurrentActivation === undefined || cell.recurrentActivation.getClassName() === 'sigmoid');
      if (!fusable) return super.call(inputs, kwargs);
      return tf.tidy(() => {
        const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
        const mask = (kwargs?.mask as tf.Tensor | undefined) ?? null;
        const out = op(x, mask, cell.kernel.read() as tf.Tensor2D, cell.recurrentKernel.read() as tf.Tensor2D, cell.bias!.read() as tf.Tensor1D, self.goBackwards);
        if (self.returnSequences) return out;
        const [B, T, H] = out.shape;
        return tf.reshape(tf.slice(out, [0, T - 1, 0], [B, 1, H]), [B, H]); // the last step's output
      });
    }
  };
}

export const FusedLSTM = fused(classOf(tf.layers.lstm({ units: 1 })), 'LSTM', lstmSequence, lstmSequenceAvailable);
export const FusedGRU = fused(classOf(tf.layers.gru({ units: 1 })), 'GRU', gruSequence, gruSequenceAvailable);
export const FusedSimpleRNN = fused(classOf(tf.layers.simpleRNN({ units: 1 })), 'SimpleRNN', simpleRnnSequence, simpleRnnSequenceAvailable);

const FUSED: Record<string, RecurrentClass> = { LSTM: FusedLSTM, GRU: FusedGRU, SimpleRNN: FusedSimpleRNN };

/** A bidirectional wrapper whose two copies are fused too (tfjs rebuilds both from the config as stock layers). */
export function fuseBidirectional(layer: tf.layers.Layer): tf.layers.Layer {
  const wrapper = layer as unknown as { forwardLayer: tf.layers.Layer; backwardLayer: tf.layers.Layer };
  for (const side of ['forwardLayer', 'backwardLayer'] as const) {
    const Fused = FUSED[wrapper[side].getClassName()];
    // The config carries the copy's name ("forward_…", "backward_…") and direction.
    if (Fused) wrapper[side] = new Fused(wrapper[side].getConfig() as unknown as RecurrentArgs);
  }
  return layer;
}
