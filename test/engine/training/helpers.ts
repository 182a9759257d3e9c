/** Shared by the neural-model tests: a throw-away workspace with an engine context (cpu backend), imports and runs. */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { ImportOptions, type CorpusInfo, type ImportOptionsInput } from '../../../contract/corpus.ts';
import type { JobEvent } from '../../../contract/jobs.ts';
import type { RunInfo, TrainSpecInput } from '../../../contract/runs.ts';
import { TrainSpec } from '../../../contract/runs.ts';
import { importCorpus } from '../../../engine/data/import-corpus.ts';
import type { EngineContext } from '../../../engine/engine.ts';
import { trainHandlers } from '../../../engine/handlers/train-handlers.ts';
import { JobManager } from '../../../engine/jobs/job-manager.ts';
import { RunStore } from '../../../engine/runs/run-store.ts';
import { Workspace } from '../../../engine/workspace/workspace.ts';
import { LiveSnapshots } from '../../../engine/projection/live-snapshots.ts';
import { syntheticCsv } from './synthetic.ts';

await tf.setBackend('cpu');

const roots: string[] = [];
after(async () => {
  // Retried: a job a timed-out test left running may still be writing its checkpoints.
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })));
});

export interface TestEngine {
  ctx: EngineContext;
  dir: string;
  events: JobEvent[];
  file(name: string, content: string): Promise<string>;
  importAs(paths: string[], options: ImportOptionsInput): Promise<CorpusInfo>;
  train(corpus: CorpusInfo, spec: TrainSpecInput): Promise<{ run: RunInfo; jobId: string }>;
}

export async function testEngine(): Promise<TestEngine> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-seq-test-'));
  roots.push(dir);
  const ws = await Workspace.open(path.join(dir, 'ws'));
  const events: JobEvent[] = [];
  const jobs = new JobManager((e) => events.push(e));
  const runs = new RunStore(ws);
  const ctx: EngineContext = { ws, jobs, runs, snapshots: new LiveSnapshots(), backend: async () => ({ chosen: 'cpu', package: '@tensorflow/tfjs-backend-cpu', device: 'CPU (test)', attempts: [] }) };
  const control = { signal: new AbortController().signal, onProgress: () => {} };
  return {
    ctx,
    dir,
    events,
    file: async (name, content) => {
      const target = path.join(dir, 'in', name);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
      return target;
    },
    importAs: (paths, options) => importCorpus(ws, { paths, displayNames: paths.map((p) => path.relative(path.join(dir, 'in'), p).split(path.sep).join('/')), options: ImportOptions.parse(options) }, control),
    train: async (corpus, spec) => {
      const { jobId, runId } = await trainHandlers(ctx)['train.start']({ corpusId: corpus.id, spec: TrainSpec.parse(spec) });
      await jobs.wait(jobId);
      return { run: await runs.get(runId), jobId };
    },
  };
}

/** A tiny recurrent model and its training settings: small enough for the pure-JS backend in a test. */
export const tiny = {
  arch: { emb: 16, hidden: 16, dropout: 0 },
  training: { batch: 16, epochs: 2, patience: 0, validationSplit: 0.1, testSplit: 0.1, seed: 1 },
} as const;

/**
 * A classifier trained to divergence on purpose: AdamW's decoupled decay with lr·decay = 10 multiplies every weight
 * by −9 a step, so float32 overflows in ~40 steps. Its run ends failed with DivergedError, a finite checkpoint kept.
 */
export async function trainDivergingClassifier(e: TestEngine): Promise<{ run: RunInfo }> {
  const corpus = await e.importAs([await e.file('reviews.csv', syntheticCsv(120))], { task: 'classification' });
  return e.train(corpus, {
    model: 'classifier',
    arch: { family: 'rnn', cell: 'gru', emb: 8, hidden: 8, dropout: 0 },
    training: { batch: 16, epochs: 30, patience: 0, optimizer: { name: 'adamw', lr: 10, weightDecay: 1 } },
  });
}
