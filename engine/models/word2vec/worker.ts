/**
 * A Hogwild word2vec worker thread (see hogwild.ts): waits for its job, then takes batches from the shared
 * counter until every epoch is done, writing into the shared matrices, and publishes its counters in its status
 * slot. It exits when done (or when the stop flag is raised). Bundled to dist/engine/word2vec-worker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import { STATUS_FIELDS } from './worker-protocol.ts';
import type { ToWorker, WorkerJob } from './worker-protocol.ts';
import { createModel, learningRate, seedState, trainBatch } from './sgns.ts';
import { kernelsFor, threadViews } from './weights.ts';

function train(job: WorkerJob): void {
  const { parts, weights, batches, cursor, status, stop, threads } = job;
  const model = createModel(parts, threadViews(weights, job.index), kernelsFor(weights), seedState(job.seed, job.index + 1), job.maxSentenceLength);
  const starts = parts.sentenceStarts;
  const slot = job.index * STATUS_FIELDS;
  const perEpoch = batches.length - 1;
  let done = 0;
  for (;;) {
    if (Atomics.load(stop, 0) !== 0) return;
    const b = Atomics.add(cursor, 0, 1);
    if (b >= job.epochs * perEpoch) return;
    const s0 = batches[b % perEpoch], s1 = batches[(b % perEpoch) + 1];
    // The learning rate follows the words done by all workers, as word2vec.c's shared word_count_actual.
    let everyone = 0;
    for (let k = 0; k < threads; k++) everyone += status[k * STATUS_FIELDS];
    trainBatch(model, s0, s1, learningRate(job.alpha, job.minAlpha, everyone, job.wordsTotal));
    done += starts[s1] - starts[s0];
    status[slot] = done;
    status[slot + 1] = model.lossSum;
    status[slot + 2] = model.lossCount;
  }
}

parentPort!.once('message', (message: ToWorker) => {
  if (message.type === 'train') train(message.job);
});
