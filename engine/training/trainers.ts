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
import { checkWord2VecData } from './data-checks.ts';
import type { SplitCorpora } from '../families/family.ts';
import { familyOf } from '../families/registry.ts';

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

/**
 * Before a run is created: refuse data it cannot learn from (ValidationError) and return warnings for the user
 * (engine/training/data-checks.ts). Reads only the corpora's figures, so it is quick.
 */
export function checkTrainingData(spec: TrainSpec, corpus: CorpusInfo, splits: SplitCorpora): string[] {
  if (spec.model === 'word2vec') return checkWord2VecData(corpus, spec.config);
  return familyOf(spec).check?.(corpus, spec, splits) ?? [];
}
