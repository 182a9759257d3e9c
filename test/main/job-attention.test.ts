import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JobEvent, JobSummary } from '../../contract/jobs.ts';
import type { RunInfo } from '../../contract/runs.ts';
import { JobAttention, NOTIFY_AFTER_MS } from '../../main/job-attention.ts';
import { mainStrings } from '../../main/strings.ts';

const t0 = Date.parse('2026-12-04T10:00:00Z');
const job = (jobId: string, kind: JobSummary['kind'], title = 'Training classifier'): JobEvent => ({
  type: 'started',
  job: { jobId, kind, title, startedAt: new Date(t0).toISOString(), runId: kind === 'train' ? 'r-abc123' : null, fraction: 0 },
});
const progress = (jobId: string, fraction: number): JobEvent => ({ type: 'progress', jobId, fraction, etaSeconds: null, message: '' });
const done = (jobId: string): JobEvent => ({ type: 'done', jobId, result: { kind: 'train', run: { id: 'r-abc123', name: 'news topics' } as RunInfo } });

test('the taskbar shows the mean progress of running imports and trainings, nothing for projections, and clears', () => {
  const a = new JobAttention();
  assert.deepEqual(a.progress(), { value: -1, mode: 'none' });
  a.onEvent(job('j-proj1', 'projection'), t0, true);
  assert.deepEqual(a.progress(), { value: -1, mode: 'none' });
  a.onEvent(job('j-train1', 'train'), t0, true);
  assert.deepEqual(a.progress(), { value: 2, mode: 'indeterminate' }, 'no progress yet');
  a.onEvent(progress('j-train1', 0.5), t0, true);
  a.onEvent(job('j-imp1', 'import'), t0, true);
  a.onEvent(progress('j-imp1', 0.25), t0, true);
  assert.deepEqual(a.progress(), { value: 0.375, mode: 'normal' });
  a.onEvent({ type: 'cancelled', jobId: 'j-imp1' }, t0, true);
  a.onEvent(done('j-train1'), t0 + 1000, true);
  assert.deepEqual(a.progress(), { value: -1, mode: 'none' });
});

test('a failure shows red on the bar until the user looks', () => {
  const a = new JobAttention();
  a.onEvent(job('j-train1', 'train'), t0, true);
  a.onEvent({ type: 'failed', jobId: 'j-train1', error: { name: 'DivergedError', message: 'the loss became NaN' } }, t0 + 1000, true);
  assert.equal(a.progress().mode, 'error');
  a.acknowledge();
  assert.equal(a.progress().mode, 'none');
});

test('a long training that ends while the window is in the background notifies; short, focused or cancelled ones do not', () => {
  const a = new JobAttention();
  a.onEvent(job('j-short1', 'train'), t0, false);
  assert.equal(a.onEvent(done('j-short1'), t0 + NOTIFY_AFTER_MS - 1, false), null, 'short');
  a.onEvent(job('j-focus1', 'train'), t0, false);
  assert.equal(a.onEvent(done('j-focus1'), t0 + 10 * NOTIFY_AFTER_MS, true), null, 'focused');
  a.onEvent(job('j-cancel1', 'train'), t0, false);
  assert.equal(a.onEvent({ type: 'cancelled', jobId: 'j-cancel1' }, t0 + 10 * NOTIFY_AFTER_MS, false), null, 'cancelled');
  a.onEvent(job('j-imp1', 'import'), t0, false);
  assert.equal(a.onEvent({ type: 'done', jobId: 'j-imp1', result: { kind: 'projection', runId: 'r-x' } }, t0 + 10 * NOTIFY_AFTER_MS, false), null, 'not a training');

  a.onEvent(job('j-long1', 'train'), t0, false);
  assert.deepEqual(a.onEvent(done('j-long1'), t0 + 12 * 60_000, false), { title: 'Training finished', body: 'news topics finished in 12 min.', runId: 'r-abc123' });
  a.onEvent(job('j-long2', 'train'), t0, false);
  a.strings = mainStrings['zh-CN'];
  assert.deepEqual(a.onEvent({ type: 'failed', jobId: 'j-long2', error: { name: 'DiskFullError', message: 'disk full' } }, t0 + 95 * 60_000, false), {
    title: '训练失败',
    body: 'Training classifier 在 1 小时 35 分钟 后停止：disk full',
    runId: 'r-abc123',
  });
});
