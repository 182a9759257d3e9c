// When the renderer offers Resume, and the learning rate its field starts at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunInfo } from '../../../contract/runs.ts';
import { resumeReason, suggestedLr } from '../../../renderer/src/lib/resume.ts';

const run = (status: string, error: { name: string; message: string } | null, lr = 0.003) =>
  RunInfo.parse({
    id: 'r-abcd', name: 'r', corpusId: null, corpusName: 'c', status, createdAt: '2026-01-01T00:00:00Z', finishedAt: null, backend: null,
    spec: { model: 'classifier', training: { optimizer: { lr } } }, summary: null, error,
  });

test('a diverged run with a checkpoint is resumable at a tenth of its rate; a paused one at its own', () => {
  const diverged = run('failed', { name: 'DivergedError', message: 'Training diverged' });
  assert.equal(resumeReason(diverged, true), 'diverged');
  assert.equal(suggestedLr(diverged, 'diverged'), 0.0003);
  assert.equal(resumeReason(diverged, false), null, 'no checkpoint: nothing to resume from');
  assert.equal(resumeReason(run('failed', { name: 'InternalError', message: 'x' }), true), null, 'only a divergence');
  assert.equal(resumeReason(run('completed', null), true), null);
  const paused = run('paused', null);
  assert.equal(resumeReason(paused, true), 'paused');
  assert.equal(suggestedLr(paused, 'paused'), 0.003);
  assert.equal(resumeReason(run('interrupted', null), undefined), 'interrupted');
});
