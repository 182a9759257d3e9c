// The host side of `vectors.import` and `word2vec.evaluate`: the renderer's file handles become paths (and names)
// for a forked engine, and evaluation errors about an upload name the file the user picked, not its random name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createStudioBackend } from '../../../engine/host/studio-backend-impl.ts';
import { forkEngine } from '../../../engine/host/engine-process.ts';
import type { StudioBackend } from '../../../engine/host/studio-backend.ts';
import type { JobEvent } from '../../../contract/jobs.ts';

const fixture = (name: string) => new URL(`../../fixtures/vectors/${name}`, import.meta.url).pathname;

function jobEnd(backend: StudioBackend, jobId: string): Promise<JobEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for the job')), 60_000);
    const off = backend.onEvent((event, payload) => {
      const e = payload as JobEvent;
      if (event !== 'job' || e.type === 'started' || e.type === 'progress' || e.jobId !== jobId) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

test('vectors.import and word2vec.evaluate take file handles through the studio backend', { timeout: 120_000 }, async () => {
  const workspaceDir = await mkdtemp(path.join(os.tmpdir(), 'studio-vectors-'));
  const backend = await createStudioBackend({ workspaceDir, spawnEngine: () => forkEngine({ workspaceDir, backend: 'cpu' }) });
  try {
    // An upload: stored under a random name, known to the user as "wiki.vec".
    const vectors = await backend.files.receive('wiki.vec', await readFile(fixture('tiny.vec')));
    const { jobId, runId } = await backend.handlers['vectors.import']({ file: vectors.handle, options: { format: 'auto' } });
    const done = await jobEnd(backend, jobId);
    assert.equal(done.type, 'done');
    const { run } = await backend.handlers['runs.get']({ id: runId });
    assert.deepEqual([run.status, run.corpusName, run.spec.model, run.summary?.vocabSize], ['completed', 'wiki.vec', 'pretrained', 34]);
    assert.equal(run.spec.model === 'pretrained' && run.spec.config.fileName, 'wiki.vec');

    const analogies = await backend.files.register(fixture('analogies.txt'));
    const similarity = await backend.files.register(fixture('similarity.tsv'));
    const evaluation = await backend.handlers['word2vec.evaluate']({ runId, analogies: analogies.handle, similarity: similarity.handle });
    assert.deepEqual([evaluation.analogies?.overall.total, evaluation.analogies?.skipped, evaluation.similarity?.covered], [17, 3, 13]);

    const bad = await backend.files.receive('my questions.txt', new TextEncoder().encode(': s\nman woman king\n'));
    await assert.rejects(backend.handlers['word2vec.evaluate']({ runId, analogies: bad.handle }), (error: Error & { file?: string; line?: number }) => {
      assert.equal(error.name, 'ImportError');
      assert.equal(error.message, 'my questions.txt, line 2: expected 4 words "a b c d" (a is to b as c is to d), found 3');
      assert.deepEqual([error.file, error.line], ['my questions.txt', 2]);
      return true;
    });
    await assert.rejects(backend.handlers['vectors.import']({ file: 'fh-0123456789abcdef0123', options: { format: 'auto' } }), { name: 'NotFoundError' });
  } finally {
    await backend.dispose();
  }
});
