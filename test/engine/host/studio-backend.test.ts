// The studio backend over a real forked engine process: handles → paths, jobs streamed as events, cancel, and a
// killed engine that is reported and restarted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createStudioBackend } from '../../../engine/host/studio-backend-impl.ts';
import { forkEngine } from '../../../engine/host/engine-process.ts';
import type { EngineProcess } from '../../../engine/host/engine-process.ts';
import type { StudioBackend } from '../../../engine/host/studio-backend.ts';
import type { JobEvent } from '../../../contract/jobs.ts';

function waitFor(backend: StudioBackend, predicate: (event: string, payload: any) => boolean, timeoutMs = 60_000): Promise<any> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for an event')), timeoutMs);
    const off = backend.onEvent((event, payload) => {
      if (!predicate(event, payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}
const jobEnd = (jobId: string) => (event: string, p: JobEvent) => event === 'job' && p.type !== 'progress' && p.type !== 'started' && p.jobId === jobId;

test('import and train through a forked engine; a killed engine is reported and restarted', { timeout: 120_000 }, async () => {
  const workspaceDir = await mkdtemp(path.join(os.tmpdir(), 'studio-backend-'));
  const engines: EngineProcess[] = [];
  const backend = await createStudioBackend({
    workspaceDir,
    spawnEngine: () => {
      const engine = forkEngine({ workspaceDir, backend: 'cpu' });
      engines.push(engine);
      return engine;
    },
  });
  try {
    const info = await backend.handlers['app.info']({});
    assert.equal(info.backend.chosen, 'cpu');
    assert.equal(info.workspace, workspaceDir);

    const file = path.join(workspaceDir, 'notes.txt');
    await writeFile(file, Array.from({ length: 4000 }, (_, i) => `the cat sat on mat number ${i % 7} and the dog ran`).join('\n'));
    const picked = await backend.files.register(file);
    const preview = await backend.handlers['corpus.preview']({ file: picked.handle });
    assert.equal(preview.fileName, 'notes.txt');
    const { jobId } = await backend.handlers['corpus.import']({ files: [picked.handle], options: { format: 'auto', encoding: 'auto', tokenizer: 'words', lowercase: true, task: 'text' } });
    const imported = await waitFor(backend, jobEnd(jobId));
    assert.equal(imported.type, 'done');
    const corpus = imported.result.corpus;
    assert.equal(corpus.stats.documents, 4000);

    // A long training (44 M words), cancelled: the job ends `cancelled` and the run says so.
    const long = await backend.handlers['train.start']({ corpusId: corpus.id, spec: { model: 'word2vec', config: { epochs: 1000, minCount: 1, dim: 300, mode: 'skipgram', window: 5, negative: 5, hs: false, sample: 1e-3, alpha: 0.025, minAlpha: 0.0001, threads: 1, seed: 1 } } });
    await waitFor(backend, (event, p) => event === 'job' && p.type === 'progress' && p.jobId === long.jobId);
    await backend.handlers['jobs.cancel']({ jobId: long.jobId });
    assert.equal((await waitFor(backend, jobEnd(long.jobId))).type, 'cancelled');
    assert.equal((await backend.handlers['runs.get']({ id: long.runId })).run.status, 'cancelled');

    // Kill the engine under a running job: the job fails, the windows are told, a new engine answers.
    const doomed = await backend.handlers['train.start']({ corpusId: corpus.id, spec: { model: 'word2vec', config: { epochs: 1000, minCount: 1, dim: 300, mode: 'cbow', window: 5, negative: 5, hs: false, sample: 1e-3, alpha: 0.025, minAlpha: 0.0001, threads: 1, seed: 1 } } });
    await waitFor(backend, (event, p) => event === 'job' && p.type === 'progress' && p.jobId === doomed.jobId);
    const failed = waitFor(backend, jobEnd(doomed.jobId));
    const crashed = waitFor(backend, (event, p) => event === 'engine' && p.type === 'crashed');
    // Killed from outside, as the OS would (its pid from app.diagnostics), not through the host.
    const { pid } = await backend.handlers['app.diagnostics']({});
    assert.equal(pid, engines[0].pid);
    process.kill(pid, 'SIGKILL');
    assert.equal((await failed).error.name, 'EngineCrashedError');
    const crash = await crashed;
    assert.equal(crash.restarting, true);
    // The windows are told which run was training and what the engine printed last.
    assert.deepEqual(crash.jobs.map((j: any) => [j.jobId, j.runId]), [[doomed.jobId, doomed.runId]]);
    assert.ok(crash.log.some((line: string) => line.includes(`job ${doomed.jobId} started`)), crash.log.join('\n'));
    assert.ok(crash.log.some((line: string) => line.startsWith('[engine] ready: pid')), crash.log.join('\n'));
    assert.equal(engines.length, 2);
    assert.equal((await backend.handlers['corpus.list']({})).length, 1);
    // The new engine found the run the old one left "running" and marked it failed.
    const run = (await backend.handlers['runs.get']({ id: doomed.runId })).run;
    assert.equal(run.status, 'failed');
  } finally {
    await backend.dispose();
  }
});
