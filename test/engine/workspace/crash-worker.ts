/**
 * Run by crash-safety.test.ts and killed with SIGKILL at a random moment: in a loop, imports a corpus, trains a
 * word2vec run through the engine, and writes checkpoints, metrics and exports of a neural-sized run as the
 * training loop does. Prints "ready" once the engine is open. Usage: crash-worker.ts <workspace> <corpus file>
 */
import * as tf from '@tensorflow/tfjs';
import { ImportOptions } from '../../../contract/corpus.ts';
import { RnnArch } from '../../../contract/rnn.ts';
import { TrainingConfig } from '../../../contract/training.ts';
import { TrainSpec } from '../../../contract/runs.ts';
import { createEngine } from '../../../engine/engine.ts';
import { writeNamedWeights } from '../../../engine/export/weights-export.ts';
import { saveCheckpoint, type NamedWeight } from '../../../engine/training/checkpoint.ts';

const [workspaceDir, corpusFile] = process.argv.slice(2);
await tf.setBackend('cpu');
const engine = await createEngine({ workspaceDir, backend: 'cpu', emit: () => {} });
const h = engine.handlers;
// ~1.2 MB of weights: big enough that a kill often lands inside a write.
const weights: NamedWeight[] = ['embedding', 'output'].map((name) => ({ name, variable: tf.variable(tf.zeros([300, 500])), trainable: true }));
const spec = { model: 'classifier', arch: RnnArch.parse({}), training: TrainingConfig.parse({}) } as const;
console.log('ready');

for (;;) {
  const { jobId } = await h['corpus.import']({ paths: [corpusFile], options: ImportOptions.parse({}) });
  await engine.jobs.wait(jobId);
  const [corpus] = await h['corpus.list']({});
  const w2v = await h['train.start']({ corpusId: corpus.id, spec: TrainSpec.parse({ model: 'word2vec', config: { dim: 16, minCount: 1, epochs: 3 } }) });
  await engine.jobs.wait(w2v.jobId);
  const run = await engine.runs.create({ corpusId: corpus.id, corpusName: corpus.name, spec, backend: 'cpu' });
  const dir = engine.runs.dir(run.id);
  for (let step = 1; step <= 12; step++) {
    for (const w of weights) w.variable.assign(tf.fill(w.variable.shape, step));
    await saveCheckpoint(dir, 'last', weights, null, { step });
    await engine.runs.appendMetric(run.id, { step, epoch: 0, time: step, values: { loss: 1 / step } });
    if (step % 4 === 0) {
      await saveCheckpoint(dir, 'best', weights, null, { step });
      await writeNamedWeights(dir, weights, { format: 'crash-test', files: { 'family.json': { step } }, card: `# step ${step}\n` });
    }
  }
  await engine.runs.finish(run.id, { status: 'completed' });
}
