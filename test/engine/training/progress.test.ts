/**
 * A run's progress figures come from its recorded counters: the fraction and ETA from steps done of the total and
 * the training seconds of every session, so a resume starts where the checkpoint left it (not 0 %, not 0 s).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RnnArch } from '../../../contract/rnn.ts';
import { TrainingConfig } from '../../../contract/training.ts';
import { classifierBatches, encodeExamples, type Batch } from '../../../engine/models/rnn/batches.ts';
import { buildRnn } from '../../../engine/models/rnn/rnn.ts';
import { RnnModel } from '../../../engine/models/rnn/rnn-model.ts';
import { Vocab } from '../../../engine/models/rnn/vocab.ts';
import { seededRandom as rng } from '../../../engine/random.ts';
import { resumedFraction, trainingProgress } from '../../../engine/training/progress.ts';
import { lastCheckpointState, trainLoop, type StepInfo } from '../../../engine/training/train-loop.ts';
import { testEngine } from './helpers.ts';

test('the fraction is steps done of the total; the ETA is the steps left at the average rate so far', () => {
  assert.deepEqual(trainingProgress({ step: 0, totalSteps: 100, seconds: 0 }), { fraction: 0, etaSeconds: null });
  assert.deepEqual(trainingProgress({ step: 25, totalSteps: 100, seconds: 10 }), { fraction: 0.25, etaSeconds: 30 });
  assert.deepEqual(trainingProgress({ step: 100, totalSteps: 100, seconds: 40 }), { fraction: 1, etaSeconds: 0 });
});

test('after a resume the ETA uses every session: steps and seconds both count from the start of the run', () => {
  // 50 steps in 30 s before the pause; the resumed session's first step (compiling again) took 2 s.
  const resumed = trainingProgress({ step: 51, totalSteps: 100, seconds: 32 });
  assert.equal(resumed.fraction, 0.51);
  assert.ok(Math.abs(resumed.etaSeconds! - (49 * 32) / 51) < 1e-9);
  // Counting only this session (1 step in 2 s) would say 98 s: the slow first step would swing it.
  assert.ok(resumed.etaSeconds! < 35);
});

test('a time budget ends the run first when it is the nearer end', () => {
  const p = trainingProgress({ step: 10, totalSteps: 1000, seconds: 45, budgetSeconds: 60 });
  assert.equal(p.fraction, 0.75);
  assert.equal(p.etaSeconds, 15);
});

test('a resumed run starts at its checkpoint fraction (0 when the checkpoint does not say its total)', () => {
  assert.equal(resumedFraction({ step: 30, totalSteps: 120 }), 0.25);
  assert.equal(resumedFraction({ step: 30 }), 0);
  assert.equal(resumedFraction(null), 0);
});

test('elapsed time accumulates over a pause and a resume; the checkpoint records steps of the total', async () => {
  const e = await testEngine();
  const vocab = Vocab.build([['a', 'b', 'c']], 'word', 10);
  const examples = Array.from({ length: 24 }, (_, i) => ({ words: ['a', 'b', 'c'].slice(0, 1 + (i % 3)), label: i % 2 ? 'p' : 'q' }));
  const items = encodeExamples(examples, 'classifier', vocab, ['p', 'q'], 10);
  const arch = RnnArch.parse({ cell: 'gru', emb: 4, hidden: 4, dropout: 0 });
  const training = TrainingConfig.parse({});
  const model = () => new RnnModel(buildRnn(arch, { task: 'classifier', vocabSize: vocab.size, outputs: 2 }), 'classifier');
  const options = (m: RnnModel, steps: StepInfo[], pauseAt: number | null) => ({
    weights: m.weights(),
    optimizer: training.optimizer,
    epochs: 2,
    patience: 0,
    batches: (epoch: number) => classifierBatches(items, 'classifier', 4, rng(epoch)), // 6 batches an epoch
    loss: (b: Batch) => m.loss(b, true),
    validate: async () => ({ metric: 0, values: {} }),
    onStep: (s: StepInfo) => void steps.push(s),
    pauseRequested: () => pauseAt !== null && steps.length >= pauseAt,
    dir: e.dir,
    signal: new AbortController().signal,
  });
  const first = model();
  const before: StepInfo[] = [];
  await assert.rejects(trainLoop(options(first, before, 8)), /Paused at step 8/);
  const saved = await lastCheckpointState(e.dir);
  assert.equal(saved?.step, 8);
  assert.equal(saved?.totalSteps, 12);
  assert.ok(saved!.seconds >= before.at(-1)!.seconds, 'the checkpoint keeps the seconds trained so far');
  assert.equal(resumedFraction(saved), 8 / 12);

  const second = model(); // as after a restart
  const after: StepInfo[] = [];
  await trainLoop({ ...options(second, after, null), resume: true });
  assert.deepEqual(after.map((s) => s.step), [9, 10, 11, 12]);
  // The resumed session's clock continues from the checkpoint's seconds: not back to 0.
  assert.ok(after[0].seconds > saved!.seconds, `${after[0].seconds} > ${saved!.seconds}`);
  for (let i = 1; i < after.length; i++) assert.ok(after[i].seconds >= after[i - 1].seconds);
  assert.ok(trainingProgress({ step: after[0].step, totalSteps: after[0].totalSteps, seconds: after[0].seconds }).fraction >= 0.75);
  [first, second].forEach((m) => m.dispose());
});
