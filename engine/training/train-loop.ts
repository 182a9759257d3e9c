/**
 * The training loop every neural model shares: optimiser steps with a learning-rate schedule and global-norm
 * clipping, validation after every epoch, early stopping (patience), `best` and `last` checkpoints, pause (a
 * checkpoint at the next step, then PausedError) and resume (weights, optimiser slots and counters from `last`,
 * skipping the batches of the interrupted epoch already done). The model-specific parts come in as callbacks.
 * Every step runs inside tf.tidy; only the loss value leaves it. A NaN or infinite loss or gradient norm stops the
 * run with DivergedError before the step is applied, and weights are checked before every checkpoint write.
 */
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import type { OptimizerConfig } from '../../contract/training.ts';
import { loadCheckpoint, readCheckpointManifest, saveCheckpoint, type NamedWeight } from './checkpoint.ts';
import { clipByGlobalNorm, createOptimizer, learningRateAt, setLearningRate } from './optimizer.ts';
import { MEMORY_EVERY, memorySample, profileStep, type Diagnostics } from './diagnostics.ts';
import { describeNonFinite, divergedError } from './divergence.ts';

export interface LoopState {
  step: number;
  /** Epochs completed. */
  epoch: number;
  /** Batches of the current epoch already trained. */
  batchInEpoch: number;
  best: number | null;
  badEpochs: number;
  /** Seconds of training before this session (so tokens/s and time survive a resume). */
  seconds: number;
  tokens: number;
  /** Why training ended before its epochs: no improvement (patience), or the time budget ran out. */
  stopped: 'early' | 'time' | null;
  /** The steps the run was training towards when saved, so a resume can show its progress before its first step. */
  totalSteps?: number;
}

export interface StepInfo {
  step: number;
  epoch: number;
  loss: number;
  lr: number;
  gradNorm: number;
  tokensPerSec: number;
  seconds: number;
  totalSteps: number;
}

export interface TrainLoopOptions<B extends { tokens: number }> {
  /** The model's weights by name: the trainable ones are optimised, all are checkpointed. */
  weights: NamedWeight[];
  optimizer: OptimizerConfig;
  epochs: number;
  maxSteps?: number;
  /** Stop after this many minutes of training (this session's and earlier ones'). */
  maxMinutes?: number;
  patience: number;
  /** The training batches of an epoch, the same for the same epoch (seeded), so a resume can skip the done ones. */
  batches: (epoch: number) => B[];
  /** The loss of one batch (training mode), built inside the step's tidy. */
  loss: (batch: B) => tf.Scalar;
  /** After each epoch: the validation figures and the one to maximise (e.g. accuracy, −perplexity). */
  validate: (epoch: number) => Promise<{ metric: number; values: Record<string, number> }>;
  onStep?: (info: StepInfo) => void;
  onEpoch?: (epoch: number, values: Record<string, number>, info: StepInfo) => Promise<void> | void;
  /** Run folder: checkpoints go in `<dir>/checkpoints/`. */
  dir: string;
  signal: AbortSignal;
  pauseRequested?: () => boolean;
  resume?: boolean;
  /** Also save `last` mid-epoch this often, so a killed run loses at most this much work. @default 120 */
  checkpointSeconds?: number;
  /** Profile this step (1-based) kernel by kernel into the result's diagnostics. */
  profileStep?: number | null;
}

export interface LoopResult {
  state: LoopState;
  /** Step figures of the last step trained. */
  last: StepInfo | null;
  diagnostics: Diagnostics;
}

export async function trainLoop<B extends { tokens: number }>(o: TrainLoopOptions<B>): Promise<LoopResult> {
  const optimizer = createOptimizer(o.optimizer);
  let state: LoopState = { step: 0, epoch: 0, batchInEpoch: 0, best: null, badEpochs: 0, seconds: 0, tokens: 0, stopped: null };
  // A resumed run continues: an early stop or a spent time budget recorded in the checkpoint no longer holds (the
  // resume may have raised the budget or the patience; the checks below apply again from the next step).
  if (o.resume) state = { ...(await loadCheckpoint<LoopState>(o.dir, 'last', o.weights, optimizer)), stopped: null };
  const perEpoch = o.batches(0).length;
  const totalSteps = Math.min(o.maxSteps ?? Infinity, perEpoch * o.epochs);
  const vars = o.weights.filter((w) => w.trainable).map((w) => w.variable);
  const sessionStart = Date.now();
  const seconds = () => state.seconds + (Date.now() - sessionStart) / 1000;
  const { lr, clipNorm, weightDecay } = o.optimizer;
  // What to try, most likely first: one whole phrase per combination, so the UI can translate it.
  const suggestions = weightDecay > 0
    ? clipNorm > 0
      ? userText('a lower learning rate (now {lr}); a smaller weight decay (now {weightDecay}); a smaller gradient clipping norm (now {clipNorm}); checking the data for empty or extreme examples', { lr, weightDecay, clipNorm })
      : userText('a lower learning rate (now {lr}); a smaller weight decay (now {weightDecay}); gradient clipping (a clip norm such as 1); checking the data for empty or extreme examples', { lr, weightDecay })
    : clipNorm > 0
      ? userText('a lower learning rate (now {lr}); a smaller gradient clipping norm (now {clipNorm}); checking the data for empty or extreme examples', { lr, clipNorm })
      : userText('a lower learning rate (now {lr}); gradient clipping (a clip norm such as 1); checking the data for empty or extreme examples', { lr });
  const diverged = async (where: string, what: string) => {
    const kept = await lastCheckpointState(o.dir);
    return divergedError(where, what, suggestions, kept ? userText('The run was stopped; its last checkpoint (step {step}, finite) is kept and can be resumed.', { step: kept.step }) : userText('The run was stopped before its first checkpoint.'));
  };
  const save = async (name: 'best' | 'last') => {
    // Never overwrite a good checkpoint with NaN weights: the last finite one stays resumable.
    const bad = firstNonFiniteWeight(o.weights);
    if (bad !== null) throw await diverged(userText('after step {step}', { step: state.step }), userText('the weight "{name}" became NaN or infinite', { name: bad }));
    await saveCheckpoint(o.dir, name, o.weights, name === 'last' ? optimizer : null, { ...state, seconds: seconds(), totalSteps });
  };
  let last: StepInfo | null = null;
  const diagnostics: Diagnostics = { backend: tf.getBackend(), memory: [], profile: null };
  let lastSaved = Date.now();
  const done = () => state.step >= totalSteps || state.stopped !== null;

  try {
    while (state.epoch < o.epochs && !done()) {
      const batches = o.batches(state.epoch);
      for (let i = state.batchInEpoch; i < batches.length && !done(); i++) {
        if (o.signal.aborted) throw new StudioError('CancelledError', userText('Training was cancelled'));
        if (o.pauseRequested?.()) {
          await save('last');
          throw new StudioError('PausedError', userText('Paused at step {step}', { step: state.step }));
        }
        const stepLr = learningRateAt(o.optimizer, state.step, totalSteps);
        setLearningRate(optimizer, stepLr);
        let loss = 0;
        let norm = 0;
        const step = () => {
          const result = tf.variableGrads(() => o.loss(batches[i]), vars);
          const clipped = clipByGlobalNorm(result.grads, o.optimizer.clipNorm);
          // The gradient norm has just been read, so the loss is computed: reading it costs no extra sync. A
          // non-finite one is not applied, so the weights and optimiser slots stay those of the last good step.
          loss = result.value.dataSync()[0];
          result.value.dispose();
          norm = clipped.norm;
          if (Number.isFinite(loss) && Number.isFinite(norm)) optimizer.applyGradients(clipped.grads);
          tf.dispose(clipped.grads);
        };
        if (state.step + 1 === o.profileStep) {
          const profiled = await profileStep(step);
          diagnostics.profile = { step: state.step + 1, ...profiled };
        } else step();
        if (!Number.isFinite(loss) || !Number.isFinite(norm)) {
          const what = !Number.isFinite(loss) ? userText('the loss became {value}', { value: describeNonFinite(loss) }) : userText('the gradient norm became {value} (loss {loss})', { value: describeNonFinite(norm), loss });
          throw await diverged(userText('at step {step} (epoch {epoch})', { step: state.step + 1, epoch: state.epoch + 1 }), what);
        }
        state.step++;
        if (state.step === 1 || state.step % MEMORY_EVERY === 0) diagnostics.memory.push(memorySample(state.step));
        state.batchInEpoch = i + 1;
        state.tokens += batches[i].tokens;
        const s = seconds();
        last = { step: state.step, epoch: state.epoch + state.batchInEpoch / batches.length, loss, lr: stepLr, gradNorm: norm, tokensPerSec: state.tokens / Math.max(s, 1e-9), seconds: s, totalSteps };
        o.onStep?.(last);
        if (o.maxMinutes !== undefined && s >= o.maxMinutes * 60) state.stopped = 'time';
        if (Date.now() - lastSaved > (o.checkpointSeconds ?? 120) * 1000 && state.batchInEpoch < batches.length) {
          await save('last');
          lastSaved = Date.now();
        }
        // Let the job's events, pause and cancel requests through between steps.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (state.batchInEpoch < batches.length && !done()) continue;
      // End of an epoch (or of the step budget): validate, keep the best, save the last.
      const { metric, values } = await o.validate(state.epoch);
      const endedEpoch = state.batchInEpoch >= batches.length;
      if (endedEpoch) {
        state.epoch++;
        state.batchInEpoch = 0;
      }
      if (state.best === null || metric > state.best) {
        state.best = metric;
        state.badEpochs = 0;
        await save('best');
      } else if (++state.badEpochs >= o.patience && o.patience > 0 && state.stopped === null) {
        state.stopped = 'early';
      }
      await save('last');
      if (last) await o.onEpoch?.(state.epoch, values, last);
    }
  } finally {
    optimizer.dispose();
  }
  if (last && diagnostics.memory.at(-1)?.step !== state.step) diagnostics.memory.push(memorySample(state.step));
  return { state, last, diagnostics };
}

/** The counters of a run's `last` checkpoint, or null when it has none (not resumable). */
export async function lastCheckpointState(dir: string): Promise<LoopState | null> {
  return (await readCheckpointManifest<LoopState>(dir, 'last'))?.state ?? null;
}

/** The name of the first weight holding a NaN or infinite value, or null when all are finite. */
export function firstNonFiniteWeight(weights: readonly NamedWeight[]): string | null {
  for (const w of weights) {
    const ok = tf.tidy(() => tf.all(tf.isFinite(w.variable)));
    const finite = ok.dataSync()[0] === 1;
    ok.dispose();
    if (!finite) return w.name;
  }
  return null;
}
