// A training job tells its validation and test passes as they run ("Validating: 16 of 24 held-out examples"), at the
// fraction training reached.
import assert from 'node:assert/strict';
import { test } from 'node:test';
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
  }
});
