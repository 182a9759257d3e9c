// A training job tells its validation and test passes as they run ("Validating: 16 of 24 held-out examples"), at the
// fraction training reached.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JobEvent as JobEventSchema, type JobEvent } from '../../../contract/jobs.ts';
import { JobManager } from '../../../engine/jobs/job-manager.ts';
import { EvaluationProgress } from '../../../engine/training/evaluation-progress.ts';
import { testEngine, tiny } from './helpers.ts';
import { syntheticCsv } from './synthetic.ts';

test('validation and test passes report their progress, example counts rising to the whole split', { timeout: 300_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('reviews.csv', syntheticCsv(120))], { task: 'classification' });
  const { run, jobId } = await e.train(corpus, { model: 'classifier', arch: { family: 'rnn', cell: 'gru', ...tiny.arch }, training: { ...tiny.training, batch: 4, epochs: 1, validationSplit: 0.2, testSplit: 0.2 } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  const progress = e.events.flatMap((ev) => (ev.type === 'progress' && ev.jobId === jobId ? [ev] : []));
  for (const what of ['Validating', 'Testing']) {
    const passes = progress.filter((ev) => ev.message.startsWith(`${what}: `));
    assert.ok(passes.length > 0, `${what} events`);
    const counts = passes.map((ev) => ev.message.match(/: (\d+) of (\d+) held-out examples$/)!.slice(1).map(Number));
    // Of the whole split (24 of 120), rising batch by batch (the job manager's throttle may drop some updates).
    assert.ok(counts.every(([done, total], i) => total === 24 && done > 0 && done <= total && (i === 0 || done > counts[i - 1][0])), JSON.stringify(counts));
    // Evaluating does not move the bar back: it stays where training left it.
    assert.ok(passes.every((ev) => ev.fraction === 1), passes.map((ev) => ev.fraction).join(','));
    // Its own phase, with the count as data too; the last count of the pass is the whole split (never throttled away).
    assert.ok(passes.every((ev) => ev.phase === 'evaluating' && ev.evaluation?.total === 24), JSON.stringify(passes.map((ev) => [ev.phase, ev.evaluation])));
    assert.deepEqual(counts.at(-1), [24, 24]);
  }
});

// Through the job manager's real throttle (~10 events a second), with counts coming faster than that.
test('a pass is its own phase, entered as it starts, left at the next step, and its last count is never throttled away', async () => {
  const events: JobEvent[] = [];
  const jobs = new JobManager((e) => events.push(e));
  const runId = 'r-test-0001';
  const { jobId } = jobs.start('train', 'Train', runId, async (ctx) => {
    const evaluation = new EvaluationProgress(ctx);
    const job = evaluation.tracked;
    const pass = (purpose: 'validation' | 'test', total: number) => {
      const onProgress = evaluation.of(purpose);
      for (let done = 4; done < total; done += 4) onProgress(done, total);
      onProgress(total, total);
    };
    job.progress({ fraction: 0.5, etaSeconds: 3, message: 'step 5/10', phase: 'training' });
    pass('validation', 24);
    job.progress({ fraction: 0.6, etaSeconds: 2, message: 'step 6/10', phase: 'training' });
    job.progress({ fraction: 1, etaSeconds: 0, message: 'step 10/10', phase: 'training' });
    pass('validation', 24);
    pass('test', 40); // right after the last validation: no phase change, yet told
    return { kind: 'projection', runId }; // any result: only the progress events matter here
  });
  await jobs.wait(jobId);
  const progress = events.flatMap((e) => (e.type === 'progress' ? [e] : []));
  for (const e of events) JobEventSchema.parse(e);
  // The phases as a client sees them change: training, evaluating, training, evaluating.
  const phases = progress.map((e) => e.phase).filter((p, i, all) => p !== undefined && p !== all[i - 1]);
  assert.deepEqual(phases, ['training', 'evaluating', 'training', 'evaluating']);
  // Each pass: its start (no count yet), then counts ending at the whole split, with the bar where training left it.
  const starts = progress.flatMap((e, i) => (e.phase === 'evaluating' && !e.evaluation ? [i] : []));
  assert.equal(starts.length, 3, progress.map((e) => e.message).join(' | '));
  assert.deepEqual(starts.map((i) => progress[i].message), ['Validating held-out examples…', 'Validating held-out examples…', 'Testing held-out examples…']);
  const passes = starts.map((start, k) => progress.slice(start + 1, starts[k + 1] ?? progress.length).filter((e) => e.evaluation));
  assert.deepEqual(passes.map((p) => p.at(-1)?.evaluation), [
    { purpose: 'validation', done: 24, total: 24 },
    { purpose: 'validation', done: 24, total: 24 },
    { purpose: 'test', done: 40, total: 40 },
  ]);
  assert.equal(passes[2].at(-1)?.message, 'Testing: 40 of 40 held-out examples');
  assert.deepEqual(passes.map((p) => p.at(-1)?.fraction), [0.5, 1, 1]);
  // The counts between are throttled (they came faster than ten a second): not every one was sent.
  assert.ok(passes[2].length < 10, String(passes[2].length));
});
