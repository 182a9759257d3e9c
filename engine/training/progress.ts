/**
 * How far a training run is and how long it has left, from its recorded counters — steps done of the total and
 * training seconds accumulated over every session (a resumed run's checkpoint carries both) — never from a clock
 * started when this process or a window did. So a resume or a reloaded window shows the same figures.
 */

export interface TrainingCounters {
  /** Steps done, earlier sessions' included. */
  step: number;
  totalSteps: number;
  /** Seconds of training, earlier sessions' included. */
  seconds: number;
  /** A `minutes` budget in seconds, when the run has one. */
  budgetSeconds?: number | null;
}

export interface TrainingProgress {
  /** 0..1 of the run: steps, or the time budget when that ends it first. */
  fraction: number;
  /** Seconds left at the run's average rate so far; null before the first step. */
  etaSeconds: number | null;
}

export function trainingProgress({ step, totalSteps, seconds, budgetSeconds = null }: TrainingCounters): TrainingProgress {
  const bySteps = totalSteps > 0 ? step / totalSteps : 0;
  const byTime = budgetSeconds ? seconds / budgetSeconds : 0;
  const fraction = Math.min(1, Math.max(0, bySteps, byTime));
  if (step <= 0 || seconds <= 0) return { fraction, etaSeconds: null };
  // The average over all sessions: a resume's first step (compiling kernels again) does not swing it.
  const remaining = (Math.max(0, totalSteps - step) * seconds) / step;
  const etaSeconds = budgetSeconds ? Math.min(remaining, Math.max(0, budgetSeconds - seconds)) : remaining;
  return { fraction, etaSeconds };
}

/** Where a resumed run's progress starts: its checkpoint's steps of the total it was training towards (0 if unknown). */
export function resumedFraction(checkpoint: { step: number; totalSteps?: number } | null): number {
  if (!checkpoint?.totalSteps) return 0;
  return Math.min(1, checkpoint.step / checkpoint.totalSteps);
}
