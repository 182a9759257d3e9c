/**
 * Multi-threaded training the way word2vec.c and gensim do it: Hogwild (Recht et al. 2011, "Hogwild!: A
 * Lock-Free Approach to Parallelizing Stochastic Gradient Descent"). Worker threads write straight into the
 * weights in shared memory without locks; sparse updates rarely collide, and a lost update only costs a little
 * noise. Work is handed out as gensim does, not as word2vec.c's fixed shares: the corpus is cut into batches of
 * ~10k words and each worker takes the next batch from a shared counter, so a worker slowed down by another
 * process on its core does not hold up the end of the run. Runs with threads > 1 are not reproducible.
 *
 * The main thread only waits: it reads the workers' counters from shared memory to report progress, copies the
 * shared syn0 for snapshots, and raises a shared stop flag on cancel.
 *
 * (An earlier version gave each worker private copies of the hottest syn1neg rows, merged after every batch, to
 * spare the cache lines those rows keep moving between cores. It was not measurably faster with the fused
 * kernels, and the batch-long staleness cost quality: after 5 skip-gram epochs on Brown, ρ to gensim fell from
 * 0.95 — gensim's own seed-to-seed figure — to 0.92.)
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../worker-threads.ts';
import type { Word2VecConfig } from '../../../contract/word2vec.ts';
import { userText } from '../../../contract/user-text.ts';
import { batchEnd, learningRate } from './sgns.ts';
import type { ModelParts } from './sgns.ts';
import type { ProgressMeter, Snapshots, Word2VecControl } from './train.ts';
import type { Weights } from './weights.ts';
import { STATUS_FIELDS } from './worker-protocol.ts';
import type { ToWorker, WorkerJob } from './worker-protocol.ts';

/**
 * The worker threads of one training run. Started first, so that loading them (~0.1 s bundled, ~0.5 s through
 * tsx) overlaps with reading the corpus; `train` then hands each its job and waits for all to exit.
 */
export class HogwildPool {
  private readonly workers: Worker[];
  private readonly exited: Promise<void>[];

  constructor(readonly threads: number, workerUrl?: string | URL) {
    this.workers = Array.from({ length: threads }, () => startWorker('word2vec-worker.cjs', new URL('./worker.ts', import.meta.url), workerUrl));
    this.exited = this.workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          // Either way the run fails with a message that says what happened; train() stops the other workers.
          worker.once('error', (error) => reject(new Error(userText('A word2vec worker thread failed: {reason}. The run was stopped; start it again.', { reason: error.message }), { cause: error })));
          worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(userText('A word2vec worker thread stopped unexpectedly (exit code {code}). The run was stopped; start it again.', { code })))));
        }),
    );
    // Until train() awaits them, a failure must not surface as an unhandled rejection.
    this.exited.forEach((p) => p.catch(() => {}));
  }

  async train(parts: ModelParts, weights: Weights, config: Word2VecConfig & { wordsTotal: number; maxSentenceLength: number }, control: Word2VecControl, meter: ProgressMeter, snapshots: Snapshots): Promise<void> {
    const { threads } = this;
    const status = new Float64Array(new SharedArrayBuffer(threads * STATUS_FIELDS * 8));
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const batches = batchBounds(parts.sentenceStarts);
    const cursor = new Int32Array(new SharedArrayBuffer(4));
    const { seed, epochs, alpha, minAlpha, wordsTotal, maxSentenceLength } = config;
    this.workers.forEach((worker, index) => {
      const job: WorkerJob = { parts, weights, index, threads, batches, cursor, seed, epochs, alpha, minAlpha, wordsTotal, maxSentenceLength, status, stop };
      worker.postMessage({ type: 'train', job } satisfies ToWorker);
    });

    /** Reports progress; returns the words done. */
    const report = () => {
      let done = 0, lossSum = 0, lossCount = 0;
      for (let k = 0; k < threads; k++) {
        done += status[k * STATUS_FIELDS];
        lossSum += status[k * STATUS_FIELDS + 1];
        lossCount += status[k * STATUS_FIELDS + 2];
      }
      meter.update(done, lossSum, lossCount, learningRate(alpha, minAlpha, done, wordsTotal));
      return done;
    };
    // A throwing progress or snapshot callback stops the workers and fails the run (instead of an uncaught error).
    let failure: { error: unknown } | undefined;
    const tick = () => {
      try {
        const done = report();
        if (done < wordsTotal) snapshots.update(done);
      } catch (error) {
        failure ??= { error };
        Atomics.store(stop, 0, 1);
      }
    };
    const timer = setInterval(tick, Math.max(10, (control.progressIntervalMs ?? 250) / 2));
    const onAbort = () => Atomics.store(stop, 0, 1);
    control.signal.addEventListener('abort', onAbort);
    try {
      await Promise.all(this.exited);
    } catch (error) {
      Atomics.store(stop, 0, 1);
      await this.terminate();
      throw error;
    } finally {
      clearInterval(timer);
      control.signal.removeEventListener('abort', onAbort);
    }
    if (failure) throw failure.error;
    report();
  }

  /** Stops the workers at once (when the run fails before or instead of training). */
  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The batches of one epoch as sentence boundaries: batch b is sentences [bounds[b], bounds[b + 1]). Shared memory. */
export function batchBounds(starts: Int32Array): Int32Array {
  const sentences = starts.length - 1;
  const bounds = [0];
  for (let s = 0; s < sentences; ) bounds.push((s = batchEnd(starts, s, sentences)));
  const shared = new Int32Array(new SharedArrayBuffer(bounds.length * 4));
  shared.set(bounds);
  return shared;
}

