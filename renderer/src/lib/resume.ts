/**
 * Whether a run can be resumed, and how the Resume controls start: a paused or interrupted run continues as it
 * was; a run that diverged (DivergedError) with a finite checkpoint is offered a tenth of its learning rate, the
 * first thing its error message suggests.
 */
import { isNeuralSpec, type RunInfo } from '../contract.ts';

export type ResumeReason = 'paused' | 'interrupted' | 'diverged';

/** Why `run` can be resumed, or null. `hasCheckpoint`: runs.get's `checkpoint` (unknown counts as none for a failed run). */
export function resumeReason(run: RunInfo, hasCheckpoint: boolean | undefined): ResumeReason | null {
  if (run.status === 'paused' || run.status === 'interrupted') return run.status;
  if (run.status === 'failed' && run.error?.name === 'DivergedError' && hasCheckpoint && isNeuralSpec(run.spec)) return 'diverged';
  return null;
}

/** The learning rate the run trains with now, or null for runs without one (word2vec, imported vectors). */
export const currentLr = (run: RunInfo): number | null => (isNeuralSpec(run.spec) ? run.spec.training.optimizer.lr : null);

/** The rate the Resume field starts at: a tenth after a divergence, otherwise the current one. */
export function suggestedLr(run: RunInfo, reason: ResumeReason): number | null {
  const lr = currentLr(run);
  // Rounded to 3 significant digits: 0.1 × 0.003 shows as 0.0003, not 0.00030000000000000003.
  return lr === null ? null : reason === 'diverged' ? Number((lr / 10).toPrecision(3)) : lr;
}
