/**
 * A Hogwild word2vec worker thread (see hogwild.ts): waits for its job, then trains its share of the sentences
 * for every epoch, writing into the shared matrices, and publishes its counters in its status slot. It exits
 * when done (or when the stop flag is raised). Bundled to dist/engine/word2vec-worker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import { STATUS_FIELDS } from './worker-protocol.ts';
import type { ToWorker, WorkerJob } from './worker-protocol.ts';
import { batchEnd, createModel, learningRate, mergeHotRows, seedState, trainBatch } from './sgns.ts';
import { kernelsFor, threadViews } from './weights.ts';

function train(job: WorkerJob): void {
  const { parts, weights, from, to, status, stop, threads } = job;
  const model = createModel(parts, threadViews(weights, job.index), kernelsFor(weights), seedState(job.seed, job.index + 1), job.maxSentenceLength);
  const starts = parts.sentenceStarts;
  const slot = job.index * STATUS_FIELDS;
  let done = 0;
  for (let epoch = 0; epoch < job.epochs; epoch++) {
    for (let s = from; s < to; ) {
      if (Atomics.load(stop, 0) !== 0) return;
      // The learning rate follows the words done by all workers, as word2vec.c's shared word_count_actual.
      let everyone = 0;
      for (let k = 0; k < threads; k++) everyone += status[k * STATUS_FIELDS];
      const s1 = batchEnd(starts, s, to);
      trainBatch(model, s, s1, learningRate(job.alpha, job.minAlpha, everyone, job.wordsTotal));
      mergeHotRows(model);
      done += starts[s1] - starts[s];
      status[slot] = done;
      status[slot + 1] = model.lossSum;
      status[slot + 2] = model.lossCount;
      s = s1;
    }
  }
}

parentPort!.once('message', (message: ToWorker) => {
  if (message.type === 'train') train(message.job);
});
