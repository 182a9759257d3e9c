/**
 * Resuming with changed settings: a run that diverged with a huge learning rate continues from its last finite
 * checkpoint with a small one and completes; run.json holds the settings it trains with now and, in `resumes`,
 * what changed at which step. Overrides are checked with TrainingConfig's own bounds and refused naming the field.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RunInfo } from '../../../contract/runs.ts';
import { TrainingConfig } from '../../../contract/training.ts';
import { engineMethods } from '../../../contract/methods.ts';
import { modelHandlers } from '../../../engine/handlers/model-handlers.ts';
import { trainHandlers } from '../../../engine/handlers/train-handlers.ts';
import { applyResumeOverrides, describeChanges } from '../../../engine/training/resume-overrides.ts';
import { lastCheckpointState } from '../../../engine/training/train-loop.ts';
import { testEngine, trainDivergingClassifier } from './helpers.ts';

const base = TrainingConfig.parse({ epochs: 5, optimizer: { lr: 0.01 } });

test('overrides merge into the training settings and say what changed', () => {
  const { training, changed } = applyResumeOverrides(base, { optimizer: { lr: 0.001 }, epochs: 8, steps: 100, patience: 3 }, { step: 12, epoch: 2 });
  assert.equal(training.optimizer.lr, 0.001);
  assert.equal(training.optimizer.name, base.optimizer.name, 'the rest of the optimiser is kept');
  assert.equal(training.epochs, 8);
  assert.equal(training.batch, base.batch);
  // patience 3 is the stored value: not a change.
  assert.deepEqual(changed, { 'optimizer.lr': [0.01, 0.001], epochs: [5, 8], steps: [null, 100] });
  assert.equal(describeChanges(changed), 'lr 0.001 (was 0.01), epochs 8 (was 5), steps 100 (was none)');
  assert.deepEqual(applyResumeOverrides(base, undefined, { step: 0, epoch: 0 }), { training: base, changed: {} });
});

test('an out-of-range or inconsistent override is refused naming the setting', () => {
  const refused = (overrides: unknown, pattern: RegExp, from = { step: 12, epoch: 2 }) =>
    assert.throws(() => applyResumeOverrides(base, overrides, from), (e: Error) => (assert.equal(e.name, 'ValidationError'), assert.match(e.message, pattern), true));
  refused({ optimizer: { lr: 0 } }, /training\.optimizer\.lr: Too small/);
  refused({ optimizer: { lr: 11 } }, /training\.optimizer\.lr: Too big/);
  refused({ optimizer: { clipNorm: -1 } }, /training\.optimizer\.clipNorm/);
  refused({ epochs: 1.5 }, /training\.epochs/);
  refused({ optimizer: { beta1: 0.5 } }, /Unrecognized key.*beta1|beta1/); // not an override: the moments were made with it
  refused({ batch: 8 }, /batch/);
  refused({ optimizer: { weightDecay: 0.1 } }, /training\.optimizer\.weightDecay: .*AdamW/); // TrainingConfig's refinement
  refused({ steps: 12 }, /training\.steps 12: the run resumes from step 12/);
  refused({ epochs: 2 }, /training\.epochs 2: the run has already trained 2 epochs/);
  // The method's schema itself refuses the same (the web host and the desktop app validate with it).
  const input = engineMethods['runs.resume'].input.safeParse({ id: 'r-abcd', training: { optimizer: { lr: -1 } } });
  assert.equal(input.success, false);
  assert.deepEqual(input.error!.issues[0].path, ['training', 'optimizer', 'lr']);
});

test('a diverged classifier resumes with a lower learning rate and completes with finite loss', { timeout: 120_000 }, async () => {
  const e = await testEngine();
  const { run } = await trainDivergingClassifier(e);
  assert.equal(run.status, 'failed');
  assert.equal(run.error?.name, 'DivergedError');
  const kept = (await lastCheckpointState(e.ctx.runs.dir(run.id)))!;
  assert.ok(kept, 'a finite checkpoint');

  // runs.get tells the UI there is a checkpoint to resume from (it offers Resume for a diverged run only then).
  const details = await trainHandlers(e.ctx)['runs.get']({ id: run.id });
  assert.deepEqual(details.checkpoint, { step: kept.step, epoch: kept.epoch });
  const h = modelHandlers(e.ctx);
  await assert.rejects(h['runs.resume']({ id: run.id, training: { optimizer: { lr: 20 } } }), /training\.optimizer\.lr: Too big/);
  assert.equal((await e.ctx.runs.get(run.id)).status, 'failed', 'a refused resume leaves the run as it was');

  const epochs = kept.epoch + 2;
  const { jobId } = await h['runs.resume']({ id: run.id, training: { optimizer: { lr: 0.001, weightDecay: 0 }, epochs } });
  await e.ctx.jobs.wait(jobId);
  const done = await e.ctx.runs.get(run.id);
  assert.equal(done.status, 'completed', JSON.stringify(done.error));
  assert.ok(Number.isFinite(done.summary!.loss), `final loss ${done.summary!.loss}`);
  assert.equal(done.summary!.epochs, epochs);
  const points = await e.ctx.runs.metrics(run.id);
  const after = points.filter((p) => p.step > kept.step && p.values.loss !== undefined);
  assert.ok(after.length > 0 && after.every((p) => Number.isFinite(p.values.loss) && p.values.lr === 0.001), 'every resumed step is finite, at the new rate');

  // run.json, as stored: the settings trained with now and the history of the change.
  const stored = RunInfo.parse(JSON.parse(await readFile(path.join(e.ctx.runs.dir(run.id), 'run.json'), 'utf8')));
  assert.ok(stored.spec.model === 'classifier');
  assert.equal(stored.spec.training.optimizer.lr, 0.001);
  assert.equal(stored.spec.training.epochs, epochs);
  assert.equal(stored.resumes?.length, 1);
  const [resume] = stored.resumes!;
  assert.equal(resume.step, kept.step);
  assert.ok(!Number.isNaN(Date.parse(resume.at)));
  assert.deepEqual(resume.changed, { 'optimizer.lr': [10, 0.001], 'optimizer.weightDecay': [1, 0], epochs: [30, epochs] });
});
