/**
 * Which trainer trains which model. Every trainer streams MetricPoints through the job, writes its model files into
 * the run folder and returns the run's final summary; train-handlers.ts does the run bookkeeping around it.
 */
import type { CorpusInfo } from '../../contract/corpus.ts';
import type { RunInfo, RunSummary, TrainSpec } from '../../contract/runs.ts';
import type { EngineContext } from '../engine.ts';
import type { JobContext } from '../jobs/job-manager.ts';
import { trainFamilyRun } from './family-run.ts';
import { trainWord2VecRun } from './word2vec-run.ts';

export type Trainer<S extends TrainSpec> = (ctx: EngineContext, run: RunInfo, spec: S, corpus: CorpusInfo, job: JobContext) => Promise<RunSummary>;

const trainers: { [M in TrainSpec['model']]: Trainer<Extract<TrainSpec, { model: M }>> } = {
  word2vec: (ctx, run, spec, corpus, job) => trainWord2VecRun(ctx, run, spec.config, corpus, job),
  // Every neural task: the generic runner asks the spec's family (engine/families/).
  classifier: trainFamilyRun,
  tagger: trainFamilyRun,
  lm: trainFamilyRun,
  translator: trainFamilyRun,
};

export function trainerFor<S extends TrainSpec>(spec: S): Trainer<S> {
  return trainers[spec.model] as Trainer<S>;
}
