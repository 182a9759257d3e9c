import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JobManager, throwIfCancelled } from '../../../engine/jobs/job-manager.ts';
import type { JobEvent } from '../../../contract/jobs.ts';
import { JobEvent as JobEventSchema } from '../../../contract/jobs.ts';
import type { CorpusInfo } from '../../../contract/corpus.ts';

const corpusStub: CorpusInfo = { id: 'c-test-0001', name: 'x', createdAt: '', sources: [], tokenizer: 'words', lowercase: true, stats: { documents: 0, tokens: 0, vocabSize: 0, topWords: [], lengthHistogram: [] }, task: 'text', labels: [] };

test('a job streams started → progress → done, and every event matches the contract', async () => {
  const events: JobEvent[] = [];
  const jobs = new JobManager((e) => events.push(e));
  const job = jobs.start('import', 'Import x', null, async (ctx) => {
    ctx.progress({ fraction: 0.5, etaSeconds: 1, message: 'half' });
    return { kind: 'import', corpus: corpusStub };
  });
  assert.deepEqual(jobs.list().map((j) => j.jobId), [job.jobId]);
  await jobs.wait(job.jobId);
  assert.deepEqual(events.map((e) => e.type), ['started', 'progress', 'done']);
  for (const e of events) JobEventSchema.parse(e);
  assert.equal(jobs.list().length, 0);
});

test('cancel aborts the signal and ends the job with cancelled, not failed', async () => {
  const events: JobEvent[] = [];
  const jobs = new JobManager((e) => events.push(e));
  const job = jobs.start('train', 'Train', 'r-test-0001', async (ctx) => {
    while (true) {
      await new Promise((r) => setTimeout(r, 5));
      throwIfCancelled(ctx.signal, 'Training');
    }
  });
  setTimeout(() => jobs.cancel(job.jobId), 20);
  await jobs.wait(job.jobId);
  assert.equal(events.at(-1)?.type, 'cancelled');
});

test('a failing job reports its error as data; plain progress is throttled but metric points are not', async () => {
  const events: JobEvent[] = [];
  const jobs = new JobManager((e) => events.push(e));
  const job = jobs.start('train', 'Train', null, async (ctx) => {
    for (let i = 0; i < 50; i++) ctx.progress({ fraction: i / 50, etaSeconds: null, message: 'm' });
    for (let i = 0; i < 5; i++) ctx.progress({ fraction: 0.5, etaSeconds: null, message: 'm', point: { step: i, epoch: 0, time: 0, values: { loss: 1 } } });
    throw new Error('boom');
  });
  await jobs.wait(job.jobId);
  const progress = events.filter((e) => e.type === 'progress');
  assert.equal(progress.filter((e) => e.type === 'progress' && e.point).length, 5);
  assert.ok(progress.length < 10, `${progress.length} progress events: not throttled`);
  const last = events.at(-1);
  assert.ok(last?.type === 'failed' && last.error.message === 'boom' && last.error.name === 'InternalError');
});

test('cancelling an unknown job is a NotFoundError', () => {
  const jobs = new JobManager(() => {});
  assert.throws(() => jobs.cancel('j-nope-0000'), { name: 'NotFoundError' });
});
