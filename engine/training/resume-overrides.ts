/**
 * The settings a resumed run continues with: its stored training settings with the resume's overrides (a lower
 * learning rate after a divergence, more epochs), checked as a whole by TrainingConfig, and what changed, for the
 * run's `resumes` history. The optimiser's moments come from the checkpoint untouched; only the rate it is scaled
 * by changes. Schedules are computed from the step and the (new) total steps, so extending the budget stretches a
 * decaying schedule over the longer run from the step reached.
 */
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import { TrainingConfig, TrainingOverrides } from '../../contract/training.ts';
import type { RunResume } from '../../contract/runs.ts';

/** Where the run resumes: its `last` checkpoint's counters. */
export interface ResumePoint {
  step: number;
  /** Epochs completed. */
  epoch: number;
}

const fieldError = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  new StudioError('ValidationError', userText('Cannot resume with these settings: {issues}', { issues: issues.map((i) => `training.${i.path.map(String).join('.')}: ${i.message}`).join('; ') }));

/** Leaf paths and values of an overrides object: { optimizer: { lr: 1 } } → [['optimizer.lr', 1]]. */
function leaves(value: Record<string, unknown>, prefix = ''): [string, number][] {
  return Object.entries(value).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : v === undefined ? [] : [[`${prefix}${k}`, v as number] as [string, number]],
  );
}

const at = (training: TrainingConfig, path: string): number | null => {
  let v: unknown = training;
  for (const key of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'number' ? v : null;
};

/**
 * `training` with `overrides` applied, or a ValidationError naming the setting (`training.optimizer.lr: Too big…`).
 * A budget already spent at the resume point (steps ≤ the step reached, epochs ≤ the epochs completed) is refused:
 * the run would end without training.
 */
export function applyResumeOverrides(training: TrainingConfig, overrides: unknown, from: ResumePoint): { training: TrainingConfig; changed: RunResume['changed'] } {
  const parsed = TrainingOverrides.safeParse(overrides ?? {});
  if (!parsed.success) throw fieldError(parsed.error.issues);
  const { optimizer, ...rest } = parsed.data;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const merged = TrainingConfig.safeParse({ ...training, ...defined, optimizer: { ...training.optimizer, ...optimizer } });
  if (!merged.success) throw fieldError(merged.error.issues);
  const next = merged.data;
  if (rest.steps !== undefined && next.steps! <= from.step) {
    throw new StudioError('ValidationError', userText('Cannot resume with training.steps {steps}: the run resumes from step {step}; give more steps', { steps: next.steps!, step: from.step }));
  }
  if (rest.epochs !== undefined && next.epochs <= from.epoch) {
    const params = { epochs: next.epochs, epoch: from.epoch };
    throw new StudioError('ValidationError', from.epoch === 1
      ? userText('Cannot resume with training.epochs {epochs}: the run has already trained {epoch} epoch; give more epochs', params)
      : userText('Cannot resume with training.epochs {epochs}: the run has already trained {epoch} epochs; give more epochs', params));
  }
  const changed: RunResume['changed'] = {};
  for (const [path] of leaves(parsed.data)) {
    const before = at(training, path);
    const after = at(next, path);
    if (before !== after) changed[path] = [before, after];
  }
  return { training: next, changed };
}

/** "lr 0.001 (was 0.01), epochs 10 (was 5)": a resume's changes for a person; '' when none. */
export function describeChanges(changed: RunResume['changed']): string {
  const names: Record<string, string> = { 'optimizer.lr': 'lr', 'optimizer.weightDecay': 'weight decay', 'optimizer.clipNorm': 'clip' };
  const name = (path: string) => names[path] ?? path;
  return Object.entries(changed)
    .map(([path, [before, after]]) => `${name(path)} ${after ?? 'none'} (was ${before ?? 'none'})`)
    .join(', ');
}
