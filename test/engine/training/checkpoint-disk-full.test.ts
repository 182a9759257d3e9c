/**
 * A full disk during training (an injected ENOSPC on the second `last` checkpoint): the run is marked failed with
 * a DiskFullError naming the file — not left `running` — its previous `last` checkpoint loads whole, and the run
 * resumes from it to the end once there is space again. Then a damaged `best` is named, not loaded, by predict.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import { StudioError } from '../../../contract/errors.ts';
import { TrainSpec } from '../../../contract/runs.ts';
import { loadModel } from '../../../engine/families/load-model.ts';
import { modelHandlers } from '../../../engine/handlers/model-handlers.ts';
import { trainHandlers } from '../../../engine/handlers/train-handlers.ts';
import { readCheckpointManifest } from '../../../engine/training/checkpoint.ts';
import { injectWriteFaultForTests } from '../../../engine/workspace/atomic.ts';
import { testEngine, tiny } from './helpers.ts';
import { syntheticCsv } from './synthetic.ts';

afterEach(() => injectWriteFaultForTests(null));

test('a full disk at a checkpoint fails the run with the file named; the last good checkpoint resumes', { timeout: 120_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('r.csv', syntheticCsv(120))], { task: 'classification' });
  const spec = TrainSpec.parse({ model: 'classifier', arch: { ...tiny.arch }, training: { ...tiny.training, batch: 8, epochs: 3 } });
  let lastSaves = 0;
  injectWriteFaultForTests((target) => (target.endsWith(path.join('checkpoints', 'last.bin')) && ++lastSaves === 2 ? Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }) : null));
  const { jobId, runId } = await trainHandlers(e.ctx)['train.start']({ corpusId: corpus.id, spec });
  await e.ctx.jobs.wait(jobId);
  injectWriteFaultForTests(null);

  const failed = await e.ctx.runs.get(runId);
  assert.equal(failed.status, 'failed');
  assert.equal(failed.error?.name, 'DiskFullError');
  assert.match(failed.error!.message, /Could not write .*checkpoints[/\\]last\.bin: the disk is full \(it needs [\d.]+ KB; [\d.]+ [KMGT]?B free/);
  const dir = e.ctx.runs.dir(runId);
  const kept = (await readCheckpointManifest<{ step: number; epoch: number }>(dir, 'last'))!.state;
  assert.ok(kept.step > 0, 'the first last checkpoint is still there');

  const resumed = await modelHandlers(e.ctx)['runs.resume']({ id: runId });
  await e.ctx.jobs.wait(resumed.jobId);
  const done = await e.ctx.runs.get(runId);
  assert.equal(done.status, 'completed', JSON.stringify(done.error));
  // 96 training rows / batch 8 = 12 steps an epoch, 3 epochs.
  assert.equal(done.summary!.steps, 36);

  // The finished run's best checkpoint, damaged on disk, is named when a model is loaded for predictions.
  const bin = path.join(dir, 'checkpoints', 'best.bin');
  const bytes = await readFile(bin);
  bytes[bytes.length - 1] ^= 0x10;
  await writeFile(bin, bytes);
  await assert.rejects(loadModel(dir), (err: unknown) => err instanceof StudioError && err.name === 'CorruptFileError' && err.message.startsWith('checkpoints/best.bin is corrupt: checksum mismatch'));
});
