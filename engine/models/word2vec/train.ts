/**
 * Training a word2vec model on a tokens file: read and count the corpus, build the vocabulary, the frequency
 * tables and (for hierarchical softmax) the Huffman tree, then run the skip-gram/CBOW batches of sgns.ts — in
 * this thread in ~50 ms slices (threads = 1, exactly reproducible), or as Hogwild workers over shared memory
 * (threads > 1, see hogwild.ts). Optionally hands out snapshots of the vectors while it trains. A loss or vector
 * that becomes NaN or infinite (too high a learning rate) stops training with DivergedError instead of saving NaN.
 */
import type { Word2VecConfig } from '../../../contract/word2vec.ts';
import { userText } from '../../../contract/user-text.ts';
import type { StudioError } from '../../../contract/errors.ts';
import { describeNonFinite, divergedError, firstNonFinite } from '../../training/divergence.ts';
import { MAX_SENTENCE_LENGTH, cancelled, readCorpus } from './corpus.ts';
import { HogwildPool } from './hogwild.ts';
import { buildHuffman } from './huffman.ts';
import { KeyedVectors } from './keyed-vectors.ts';
import { batchEnd, createModel, initWeights, learningRate, seedState, trainBatch } from './sgns.ts';
import type { Model, ModelParts } from './sgns.ts';
import { allocateWeights, copySyn0, kernelsFor, threadViews, writeHsPaths } from './weights.ts';
import type { KernelKind, Weights } from './weights.ts';
import { buildVocab, keepThresholds, noiseTable } from './vocab.ts';
import type { Vocab } from './vocab.ts';

export interface Word2VecProgress {
  /** Corpus words read so far (including out-of-vocabulary and subsampled ones), over all epochs. */
  wordsDone: number;
  wordsTotal: number;
  /** Fractional, 0..epochs. */
  epoch: number;
  /** Mean training loss per example (skip-gram pair, CBOW centre word) since the last report: the negative-sampling and hierarchical-softmax losses, summed when both are on. */
  loss: number;
  lr: number;
  /** Words per second since training started (after the corpus was read). */
  wordsPerSec: number;
}

export interface Word2VecControl {
  signal: AbortSignal;
  onProgress: (p: Word2VecProgress) => void;
  /** @default 250 */
  progressIntervalMs?: number;
  /**
   * Called while training with the vectors as they are at that moment (a copy of syn0 with the vocabulary,
   * most frequent word first), at most once per snapshotIntervalMs — for a live view of the embedding. Not
   * called after the last batch: the finished vectors are what trainWord2Vec returns.
   */
  onSnapshot?: (kv: KeyedVectors) => void;
  /** @default 2000 */
  snapshotIntervalMs?: number;
  /** The worker script for threads > 1; by default the built `word2vec-worker.cjs`, else worker.ts through tsx. */
  workerUrl?: string | URL;
  /** Arithmetic kernels: 'simd' WebAssembly SIMD (default; learn-simd.ts, falls back to 'js' where WebAssembly SIMD is missing or the model exceeds 4 GB), 'js' plain TypeScript loops. */
  kernels?: KernelKind;
}

/** How long the single-threaded loop computes before yielding, so the engine keeps answering messages. */
const SLICE_MS = 50;

export async function trainWord2Vec(input: { tokensPath: string; config: Word2VecConfig }, control: Word2VecControl): Promise<KeyedVectors> {
  const { config } = input;
  const { signal } = control;
  if (signal.aborted) throw cancelled();
  const pool = config.threads > 1 ? new HogwildPool(config.threads, control.workerUrl) : undefined;
  try {
    return await train(input.tokensPath, config, control, pool);
  } finally {
    await pool?.terminate(); // no-op when the workers have exited
  }
}

async function train(tokensPath: string, config: Word2VecConfig, control: Word2VecControl, pool: HogwildPool | undefined): Promise<KeyedVectors> {
  const { signal } = control;
  const corpus = await readCorpus(tokensPath, signal);
  const vocab = buildVocab(corpus, config.minCount);
  const threads = pool?.threads ?? 1;
  const tree = config.hs ? buildHuffman(vocab.counts) : undefined;
  // Workers need every array in shared memory; one thread keeps ordinary buffers.
  const share = threads > 1 ? toShared : <T extends Int32Array | Uint32Array>(a: T) => a;
  const parts: ModelParts = {
    dim: config.dim,
    window: config.window,
    negative: config.negative,
    hs: config.hs,
    cbow: config.mode === 'cbow',
    noise: share(config.negative > 0 ? noiseTable(vocab.counts) : new Uint32Array(0)),
    keep: share(keepThresholds(vocab.counts, config.sample)),
    tokens: share(corpus.tokens),
    sentenceStarts: share(corpus.sentenceStarts),
    hsStarts: share(tree?.starts ?? new Int32Array(0)),
  };
  const weights = allocateWeights({
    kind: control.kernels ?? 'simd',
    vocabSize: vocab.words.length,
    dim: config.dim,
    threads,
    negative: config.negative,
    hs: config.hs,
    hsEntries: tree?.points.length ?? 0,
    window: config.window,
  });
  if (tree) writeHsPaths(weights, tree);
  initWeights(threadViews(weights, 0).syn0, config.dim, config.seed);

  const wordsTotal = corpus.tokens.length * config.epochs;
  const meter = new ProgressMeter(wordsTotal, config, control);
  const snapshots = new Snapshots(control, () => vectors(vocab, weights));
  if (pool) {
    await pool.train(parts, weights, { ...config, wordsTotal, maxSentenceLength: MAX_SENTENCE_LENGTH }, control, meter, snapshots);
  } else {
    const model = createModel(parts, threadViews(weights, 0), kernelsFor(weights), seedState(config.seed, 0), MAX_SENTENCE_LENGTH);
    await trainInProcess(model, config, wordsTotal, signal, meter, snapshots);
  }
  if (signal.aborted) throw cancelled();
  meter.finish();
  const kv = vectors(vocab, weights);
  // The running loss catches divergence as it happens; this catches a last batch that broke the vectors after it.
  const bad = firstNonFinite(kv.vectors);
  if (bad >= 0) throw meter.diverged(userText('the vector of "{word}" became {value}', { word: vocab.words[Math.floor(bad / weights.dim)], value: describeNonFinite(kv.vectors[bad]) }));
  return kv;
}

/** The vectors as they are now, copied out of the weights buffer (which may be shared and still being written). */
const vectors = (vocab: Vocab, weights: Weights) => new KeyedVectors(vocab.words, vocab.counts, weights.dim, copySyn0(weights));

async function trainInProcess(model: Model, config: Word2VecConfig, wordsTotal: number, signal: AbortSignal, meter: ProgressMeter, snapshots: Snapshots) {
  const starts = model.sentenceStarts;
  const sentences = starts.length - 1;
  let done = 0;
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    let s = 0;
    while (s < sentences) {
      if (signal.aborted) throw cancelled();
      const until = performance.now() + SLICE_MS;
      let lr = 0;
      do {
        const s1 = batchEnd(starts, s, sentences);
        lr = learningRate(config.alpha, config.minAlpha, done, wordsTotal);
        trainBatch(model, s, s1, lr);
        done += starts[s1] - starts[s];
        s = s1;
      } while (s < sentences && performance.now() < until);
      meter.update(done, model.lossSum, model.lossCount, lr);
      if (s < sentences || epoch + 1 < config.epochs) snapshots.update(done);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/**
 * Calls onSnapshot with the current vectors when snapshotIntervalMs has passed since the last call (or the
 * start) and training has moved on since (workers take a moment to start).
 */
export class Snapshots {
  private last = performance.now();
  private lastDone = 0;

  constructor(
    private readonly control: Pick<Word2VecControl, 'onSnapshot' | 'snapshotIntervalMs'>,
    private readonly take: () => KeyedVectors,
  ) {}

  /** `done`: words trained so far. */
  update(done: number): void {
    const { onSnapshot } = this.control;
    if (!onSnapshot || done <= this.lastDone) return;
    const now = performance.now();
    if (now - this.last < (this.control.snapshotIntervalMs ?? 2000)) return;
    this.last = now;
    this.lastDone = done;
    onSnapshot(this.take());
  }
}

export function toShared<T extends Int32Array | Uint32Array>(array: T): T {
  const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/**
 * A mean loss per example above this is divergence even while it is finite: each example's loss is about |u·h|
 * summed over 1 + negative rows, a few units in healthy training, and only vectors grown to absurd norms (on their
 * way to infinity) reach a million.
 */
export const EXPLODED_LOSS = 1e6;

/** Turns running totals into Word2VecProgress events, at most one per interval (plus a final one). */
export class ProgressMeter {
  private readonly started = performance.now();
  private lastReport = this.started;
  private lastLossSum = 0;
  private lastLossCount = 0;
  private loss = 0;
  private latest = { done: 0, lossSum: 0, lossCount: 0, lr: 0 };

  constructor(
    private readonly wordsTotal: number,
    private readonly config: Word2VecConfig,
    private readonly control: Pick<Word2VecControl, 'onProgress' | 'progressIntervalMs'>,
  ) {
    this.latest.lr = config.alpha;
  }

  /** Throws DivergedError when the running loss is no longer finite (the kernels' sum turns NaN once a weight does). */
  update(done: number, lossSum: number, lossCount: number, lr: number): void {
    this.latest = { done, lossSum, lossCount, lr };
    if (!Number.isFinite(lossSum)) throw this.diverged(userText('the training loss became {value}', { value: describeNonFinite(lossSum) }));
    if (lossSum > EXPLODED_LOSS * lossCount) throw this.diverged(userText('the training loss exploded ({loss} per example)', { loss: (lossSum / lossCount).toPrecision(3) }));
    if (performance.now() - this.lastReport >= (this.control.progressIntervalMs ?? 250)) this.report();
  }

  /** The error of a run that diverged at the words done so far. */
  diverged(what: string): StudioError {
    const { done } = this.latest;
    const epoch = Math.min(this.config.epochs, Math.floor((done / Math.max(1, this.wordsTotal)) * this.config.epochs) + 1);
    return divergedError(
      userText('in epoch {epoch}/{epochs} (after {done} of {total} words)', { epoch, epochs: this.config.epochs, done, total: this.wordsTotal }),
      what,
      userText("a lower alpha, the starting learning rate (now {alpha}; word2vec's default is 0.025 for skip-gram, 0.05 for CBOW); fewer dimensions or negative samples; checking the corpus (e.g. one word repeated throughout)", { alpha: this.config.alpha }),
      userText('The vectors were not saved.'),
    );
  }

  finish(): void {
    if (!Number.isFinite(this.latest.lossSum)) throw this.diverged(userText('the training loss became {value}', { value: describeNonFinite(this.latest.lossSum) }));
    this.latest.done = this.wordsTotal;
    this.latest.lr = this.config.minAlpha;
    this.report();
  }

  private report(): void {
    const now = performance.now();
    const { done, lossSum, lossCount, lr } = this.latest;
    // Mean over the examples since the last report; an interval without any keeps the previous value.
    if (lossCount > this.lastLossCount) this.loss = (lossSum - this.lastLossSum) / (lossCount - this.lastLossCount);
    this.lastLossSum = lossSum;
    this.lastLossCount = lossCount;
    this.lastReport = now;
    const seconds = (now - this.started) / 1000;
    this.control.onProgress({
      wordsDone: done,
      wordsTotal: this.wordsTotal,
      epoch: (done / this.wordsTotal) * this.config.epochs,
      loss: this.loss,
      lr,
      wordsPerSec: seconds > 0 ? done / seconds : 0,
    });
  }
}
