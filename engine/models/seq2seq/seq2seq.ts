/**
 * A recurrent encoder–decoder with attention, for translation.
 *
 * Sutskever, Vinyals & Le, "Sequence to Sequence Learning with Neural Networks" (2014); Cho et al. (2014, the GRU
 * and the encoder–decoder); Bahdanau, Cho & Bengio (2015, additive attention, the bidirectional encoder); Luong,
 * Pham & Manning (2015, multiplicative attention, the attentional vector and input feeding); teacher forcing with a
 * ratio: Williams & Zipser (1989), Bengio et al., "Scheduled Sampling" (2015).
 *
 *   src [B, S] → encoder.ts → memory [B, S, M] → decoder.ts, a step per target token, attention.ts inside →
 *   attentional vectors [B, T, H] → one output product → logits [B, T, V]
 *
 * Training (`logits`) runs the decoder over the reference with the per-step work kept small: the source side of the
 * attention once per batch, the embedding's input projection for all steps at once, and — when every step is fed
 * the reference — the output layer over all B·T attentional vectors as one product after the loop. Translating
 * (`encode`, `step`, `reorder`: engine/decoding's StepDecoder) encodes once and steps with the cached memory.
 * Every weight has a stable name in `weights()`, which checkpoints are saved and loaded by.
 */
import * as tf from '@tensorflow/tfjs';
import type { Seq2SeqArch } from '../../../contract/seq2seq.ts';
import type { ModelSummary } from '../../../contract/models.ts';
import type { StepDecoder, StepOutput } from '../../decoding/step-decoder.ts';
import type { FamilyModel } from '../../families/family.ts';
import { seededRandom } from '../../random.ts';
import type { NamedWeight } from '../../training/checkpoint.ts';
import { maskedCrossEntropy } from '../../training/losses.ts';
import type { AttentionKeys } from './attention.ts';
import type { PairBatch } from './batches.ts';
import { createDecoder, type Decoder, type DecoderState, type Dropout } from './decoder.ts';
import { createEncoder, type Encoder } from './encoder.ts';
import { NamedWeights } from './weights.ts';
import { MIN_TIME } from '../rnn/batches.ts';

export interface Seq2SeqShape {
  sourceVocab: number;
  targetVocab: number;
  /** Seeds the initial weights, and the dropout masks and teacher-forcing choices when no `random` is given. @default 1 */
  seed?: number;
}

/** Everything a translation step needs, cached per sentence batch; a row per hypothesis. */
export interface Seq2SeqState {
  memory: tf.Tensor3D; // [N, S, M]
  keys: AttentionKeys; // keys [N, S, ·], maskBias [N, S]
  decoder: DecoderState;
}

export class Seq2Seq implements StepDecoder<Seq2SeqState>, FamilyModel<PairBatch> {
  private readonly params: NamedWeights;
  private readonly encoder: Encoder;
  private readonly decoder: Decoder;
  private readonly random: () => number;

  constructor(readonly arch: Seq2SeqArch, readonly shape: Seq2SeqShape) {
    const seed = shape.seed ?? 1;
    this.params = new NamedWeights(seed);
    this.encoder = createEncoder(arch, shape.sourceVocab, this.params);
    this.decoder = createDecoder(arch, shape.targetVocab, this.encoder.size, this.params);
    this.random = seededRandom(seed * 7919 + 17);
  }

  /** Every weight by its stable name (`encoder/embedding`, `encoder/gru1/forward/kernel`, `decoder/output/kernel`, …). */
  weightMap(): Map<string, tf.Variable> {
    return this.params.map;
  }

  /** The same weights as the runner and checkpoints take them: trainable ones first (a frozen pretrained embedding last). */
  weights(): NamedWeight[] {
    const all = [...this.params.map].map(([name, variable]) => ({ name, variable, trainable: variable.trainable }));
    return [...all.filter((w) => w.trainable), ...all.filter((w) => !w.trainable)];
  }

  /** Mean cross-entropy per real target token (`<eos>` included) of the batch, from `logits`. */
  loss(batch: PairBatch, training: boolean, labelSmoothing = 0, random?: () => number): tf.Scalar {
    return tf.tidy(() => {
      const { batch: B, targetTime: T } = batch;
      const logits = this.logits(batch, training, random);
      return maskedCrossEntropy(logits, tf.tensor2d(batch.targetOut, [B, T], 'int32'), tf.tensor2d(batch.targetMask, [B, T]), labelSmoothing);
    });
  }

  /**
   * Logits [B, T, V] for the batch's target inputs. Training: dropout, and each step after the first fed the
   * reference token with probability `teacherForcing` (else the model's previous prediction); `random` draws the
   * dropout seeds and those choices (the model's own seeded stream when absent). Not training: every step fed the
   * reference.
   * The caller's loss: maskedCrossEntropy(logits, targetOut, targetMask).
   */
  logits(batch: PairBatch, training: boolean, random: () => number = this.random): tf.Tensor3D {
    const { batch: B, sourceTime: S, targetTime: T } = batch;
    const forced = !training || this.arch.teacherForcing >= 1;
    const dropout = this.dropout(training, random);
    return tf.tidy(() => {
      const { memory, mask } = this.encoder.encode(tf.tensor2d(batch.source, [B, S], 'int32'), dropout); // [B, S, M]
      const keys = this.decoder.attention.prepare(memory, mask); // once per batch
      let state = this.decoder.initialState(memory, mask);
      // The reference inputs time-major [T, B], so step t's rows are contiguous.
      const targetIn = tf.transpose(tf.tensor2d(batch.targetIn, [B, T], 'int32')) as tf.Tensor2D; // [T, B]
      // Forced: the embedding's input projection for every step as one product, then a [B, G] slice per step.
      const inputs = forced ? tf.unstack(tf.reshape(this.decoder.project(tf.reshape(targetIn, [T * B]) as tf.Tensor1D, dropout), [T, B, -1])) : null; // T × [B, G]
      const references = forced ? null : batch.targetIn;
      const attentional: tf.Tensor2D[] = [];
      const stepLogits: tf.Tensor2D[] = [];
      for (let t = 0; t < T; t++) {
        let input: tf.Tensor2D;
        if (inputs) input = inputs[t] as tf.Tensor2D;
        else {
          // The previous token chosen in JS: a new tensor, so no gradient flows back through the argmax.
          const predicted = t > 0 ? tf.argMax(stepLogits[t - 1], 1).dataSync() : null; // [B]
          const prev = Int32Array.from({ length: B }, (_, b) => (predicted && random() >= this.arch.teacherForcing ? predicted[b] : references![b * T + t]));
          input = this.decoder.project(tf.tensor1d(prev, 'int32'), dropout); // [B, G]
        }
        const out = this.decoder.step(input, state, keys, memory, dropout);
        state = out.state;
        attentional.push(out.attentional);
        if (!forced) stepLogits.push(this.decoder.output(out.attentional)); // needed for the next step's choice
      }
      if (!forced) return tf.stack(stepLogits, 1) as tf.Tensor3D; // [B, T, V]
      const H = this.arch.hidden;
      const all = tf.reshape(tf.stack(attentional, 1), [B * T, H]) as tf.Tensor2D; // [B·T, H]
      return tf.reshape(this.decoder.output(all), [B, T, this.shape.targetVocab]) as tf.Tensor3D; // [B, T, V]
    });
  }

  /** src [N, S] int32, 0-padded → the cached memory and the decoder's first state. */
  encode(src: tf.Tensor2D): Seq2SeqState {
    return tidy(() => {
      const S = src.shape[1];
      // tfjs's own recurrent layers want at least MIN_TIME steps; the extra one is padding, masked.
      const ids = S >= MIN_TIME ? src : tf.pad(src, [[0, 0], [0, MIN_TIME - S]]);
      const { memory, mask } = this.encoder.encode(ids as tf.Tensor2D, null);
      return { memory, keys: this.decoder.attention.prepare(memory, mask), decoder: this.decoder.initialState(memory, mask) };
    });
  }

  step(state: Seq2SeqState, prev: tf.Tensor1D): StepOutput<Seq2SeqState> {
    return tidy(() => {
      const out = this.decoder.step(this.decoder.project(prev, null), state.decoder, state.keys, state.memory, null);
      const logProbs = tf.logSoftmax(this.decoder.output(out.attentional)) as tf.Tensor2D; // [N, V]
      const next: Seq2SeqState = { memory: tf.clone(state.memory), keys: { keys: tf.clone(state.keys.keys), maskBias: tf.clone(state.keys.maskBias) }, decoder: out.state };
      return { logProbs, attention: out.weights, state: next };
    });
  }

  reorder(state: Seq2SeqState, indices: tf.Tensor1D): Seq2SeqState {
    return tidy(() => {
      const pick = <T extends tf.Tensor>(x: T) => tf.gather(x, indices) as T;
      const d = state.decoder;
      return {
        memory: pick(state.memory),
        keys: { keys: pick(state.keys.keys), maskBias: pick(state.keys.maskBias) },
        decoder: { h: d.h.map(pick), c: d.c.map(pick), feed: d.feed ? pick(d.feed) : null },
      };
    });
  }

  disposeState(state: Seq2SeqState): void {
    tf.dispose([state.memory, state.keys.keys, state.keys.maskBias, ...state.decoder.h, ...state.decoder.c]);
    if (state.decoder.feed) state.decoder.feed.dispose();
  }

  /** Pretrained source vectors, a row per source id: table.length must be sourceVocab × emb. */
  setSourceEmbeddings(table: Float32Array): void {
    const { sourceVocab: V } = this.shape;
    const E = this.arch.emb;
    if (table.length !== V * E) throw new Error(`Pretrained source embeddings have ${table.length} values; the model needs ${V} × ${E} = ${V * E} (vocabulary × emb)`);
    tf.tidy(() => this.encoder.embedding.assign(tf.tensor2d(table, [V, E])));
  }

  /** Layers, output shapes and parameter counts (as rnn.ts's summarize). */
  summary(): ModelSummary {
    const { emb: E, hidden: H } = this.arch;
    const size = (n: string) => this.params.map.get(n)!.size;
    const row = (name: string, type: string, outputShape: (number | null)[], weights: string[]) => ({
      name, type, outputShape: JSON.stringify(outputShape).replaceAll('null', 'None'), params: weights.reduce((s, w) => s + size(w), 0),
    });
    const layers = [
      row('encoder/embedding', 'Embedding', [null, null, E], ['encoder/embedding']),
      ...this.encoder.layers.map((l) => row(l.name, l.type, [null, null, this.encoder.size], l.weights)),
      row('decoder/embedding', 'Embedding', [null, null, E], ['decoder/embedding']),
      ...this.decoder.layers.map((l) => row(l.name, l.type, l.name === 'decoder/bridge' ? [null, this.arch.layers * H] : l.name === 'decoder/attention' ? [null, null] : [null, H], l.weights)),
      row('decoder/output', 'Dense', [null, null, this.shape.targetVocab], ['decoder/output/kernel', 'decoder/output/bias']),
    ];
    const all = [...this.params.map.values()];
    const count = (vs: tf.Variable[]) => vs.reduce((s, v) => s + v.size, 0);
    return { layers, totalParams: count(all), trainableParams: count(all.filter((v) => v.trainable)) };
  }

  dispose(): void {
    this.params.dispose();
  }

  /** Dropout with a fresh seed from `random` per mask, or null when not training. */
  private dropout(training: boolean, random: () => number): Dropout {
    const rate = this.arch.dropout;
    if (!training || rate <= 0) return null;
    return (x) => tf.dropout(x, rate, undefined, Math.floor(random() * 2 ** 31));
  }
}

/** tf.tidy for results typed as interfaces (tfjs's TensorContainer wants index signatures): their tensors are kept. */
const tidy = <T>(fn: () => T): T => tf.tidy(() => fn() as unknown as tf.TensorContainer) as unknown as T;

/** Build the model (seeded weights, named for checkpoints). */
export function buildSeq2Seq(arch: Seq2SeqArch, shape: Seq2SeqShape): Seq2Seq {
  return new Seq2Seq(arch, shape);
}
