/**
 * Multi-threaded training the way word2vec.c does it: Hogwild (Recht et al. 2011, "Hogwild!: A Lock-Free
 * Approach to Parallelizing Stochastic Gradient Descent"). Every worker thread trains on its own contiguous
 * share of the sentences and writes straight into syn0/syn1neg in shared memory without locks; sparse updates
 * rarely collide, and a lost update only costs a little noise. Runs with threads > 1 are not reproducible.
 *
 * The main thread only waits: it reads the workers' counters from shared memory to report progress, and raises
 * a shared stop flag on cancel. Hot rows of syn1neg are the one departure from plain Hogwild (mergeHotRows).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Word2VecConfig } from '../../../contract/word2vec.ts';
import { learningRate } from './sgns.ts';
import type { ModelParts } from './sgns.ts';
import type { ProgressMeter, Word2VecControl } from './train.ts';
import type { Weights } from './weights.ts';
import { STATUS_FIELDS } from './worker-protocol.ts';
import type { ToWorker, WorkerJob } from './worker-protocol.ts';

/**
 * Private hot rows per worker, in floats: ~1300 rows at dim 100. On Brown the top 1000 words receive half of all
 * negative draws and most positive ones; merging 2^17 floats after a 10k-word batch costs well under 1 ms.
 */
const HOT_FLOATS = 2 ** 17;
/** How many of the most frequent words' syn1neg rows each worker keeps privately (see mergeHotRows in sgns.ts). */
export const hotRowsFor = (vocabSize: number, dim: number) => Math.min(vocabSize, Math.floor(HOT_FLOATS / dim));

/**
 * The worker threads of one training run. Started first, so that loading them (~0.1 s bundled, ~0.5 s through
 * tsx) overlaps with reading the corpus; `train` then hands each its job and waits for all to exit.
 */
export class HogwildPool {
  private readonly workers: Worker[];
  private readonly exited: Promise<void>[];

  constructor(readonly threads: number, workerUrl?: string | URL) {
    this.workers = Array.from({ length: threads }, () => startWorker(workerUrl));
    this.exited = this.workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`A word2vec worker exited with code ${code}`))));
        }),
    );
    // Until train() awaits them, a failure must not surface as an unhandled rejection.
    this.exited.forEach((p) => p.catch(() => {}));
  }

  async train(parts: ModelParts, weights: Weights, config: Word2VecConfig & { wordsTotal: number; maxSentenceLength: number }, control: Word2VecControl, meter: ProgressMeter): Promise<void> {
    const { threads } = this;
    const status = new Float64Array(new SharedArrayBuffer(threads * STATUS_FIELDS * 8));
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const bounds = splitSentences(parts.sentenceStarts, threads);
    const { seed, epochs, alpha, minAlpha, wordsTotal, maxSentenceLength } = config;
    this.workers.forEach((worker, index) => {
      const job: WorkerJob = { parts, weights, index, threads, from: bounds[index], to: bounds[index + 1], seed, epochs, alpha, minAlpha, wordsTotal, maxSentenceLength, status, stop };
      worker.postMessage({ type: 'train', job } satisfies ToWorker);
    });

    const report = () => {
      let done = 0, lossSum = 0, lossCount = 0;
      for (let k = 0; k < threads; k++) {
        done += status[k * STATUS_FIELDS];
        lossSum += status[k * STATUS_FIELDS + 1];
        lossCount += status[k * STATUS_FIELDS + 2];
      }
      meter.update(done, lossSum, lossCount, learningRate(alpha, minAlpha, done, wordsTotal));
    };
    const timer = setInterval(report, Math.max(10, (control.progressIntervalMs ?? 250) / 2));
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
    report();
  }

  /** Stops the workers at once (when the run fails before or instead of training). */
  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** threads + 1 sentence boundaries giving each worker about the same number of words. */
export function splitSentences(starts: Int32Array, threads: number): number[] {
  const sentences = starts.length - 1;
  const words = starts[sentences];
  const bounds = [0];
  for (let k = 1; k < threads; k++) {
    // First sentence starting at or after k/threads of the words (binary search over the start offsets).
    let lo = bounds[k - 1], hi = sentences;
    const target = (words * k) / threads;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    bounds.push(lo);
  }
  bounds.push(sentences);
  return bounds;
}

/**
 * Starts the worker script: the bundled `word2vec-worker.cjs` beside the engine (or CLI) bundle — once built,
 * `import.meta.url` is the bundle's own URL — else, running from TypeScript source as in tests, worker.ts.
 * Node 20 workers ignore `--import tsx` in execArgv, so a .ts worker is started by a bootstrap
 * that imports it through tsx's tsImport API.
 */
function startWorker(override?: string | URL): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const built = [path.join(here, 'word2vec-worker.cjs'), path.join(here, '..', 'engine', 'word2vec-worker.cjs')].find((f) => existsSync(f));
  const file = override ?? built ?? path.join(here, 'worker.ts');
  const href = file instanceof URL ? file.href : /^file:/.test(file) ? file : pathToFileURL(file).href;
  if (!href.endsWith('.ts')) return new Worker(new URL(href));
  // tsx's ESM API (its package exports map it to index.mjs beside the index.cjs that require resolves).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(href)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(code, { eval: true });
}
