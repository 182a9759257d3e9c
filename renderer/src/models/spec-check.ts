/**
 * A Train form checked against the contract's TrainSpec: the spec to send, or what is wrong, in the form's words
 * and keyed by field, so each form part shows its own issues beside its fields.
 */
import { TrainSpec } from '../contract.ts';
import type { ModelName } from '../contract.ts';

/** Form field path (relative to the form part: `hidden`, `optimizer.lr`) → what is wrong with its value. */
export type ConfigIssues = Record<string, string>;

/** A config field's problem in the form's words ("At least 1") rather than zod's ("Too small: expected …"). */
export function describeIssue(issue: { code: string; message: string; expected?: unknown; minimum?: unknown; maximum?: unknown; inclusive?: boolean }): string {
  if (issue.code === 'invalid_type') return issue.expected === 'int' ? 'Enter a whole number' : 'Enter a number';
  if (issue.code === 'too_small') return issue.inclusive === false ? `More than ${issue.minimum}` : `At least ${issue.minimum}`;
  if (issue.code === 'too_big') return issue.inclusive === false ? `Less than ${issue.maximum}` : `At most ${issue.maximum}`;
  return issue.message;
}

/**
 * Check a form against the contract's TrainSpec: the spec to send, or a message per field. Issue keys keep the
 * spec's path (`arch.hidden`, `training.optimizer.lr`); `issuesUnder` hands each form part its own.
 */
export function checkSpec(model: ModelName, form: object): { spec: TrainSpec; issues: null } | { spec: null; issues: ConfigIssues } {
  const parsed = TrainSpec.safeParse({ ...form, model });
  if (parsed.success) return { spec: parsed.data, issues: null };
  const issues: ConfigIssues = {};
  for (const issue of parsed.error.issues) issues[issue.path.map(String).join('.') || 'spec'] ??= describeIssue(issue);
  return { spec: null, issues };
}

/** The issues of one form part, keyed relative to it (`arch.hidden` → `hidden` for the arch form). */
export function issuesUnder(issues: ConfigIssues | null, key: string): ConfigIssues {
  const out: ConfigIssues = {};
  for (const [path, message] of Object.entries(issues ?? {})) if (path.startsWith(`${key}.`)) out[path.slice(key.length + 1)] = message;
  return out;
}

