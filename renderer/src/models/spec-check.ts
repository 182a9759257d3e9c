/**
 * A Train form checked against the contract's TrainSpec: the spec to send, or what is wrong, in the form's words
 * and keyed by field, so each form part shows its own issues beside its fields.
 */
import { TrainSpec } from '../contract.ts';
import { translateEngineText } from '../i18n/engine-text.ts';
import { t } from '../i18n/index.ts';
import type { ModelName } from '../contract.ts';

/** Form field path (relative to the form part: `hidden`, `optimizer.lr`) → what is wrong with its value. */
export type ConfigIssues = Record<string, string>;

/**
 * A config field's problem in the form's words ("At least 1") rather than zod's ("Too small: expected …"), in the
 * UI's language. A bound is written as the field takes it (`4096`, not `4,096`). The schema's own checks (`refine`
 * messages: "Weight decay is decoupled…") are the contract's English, shared with the CLI, and stay English.
 */
export function describeIssue(issue: { code: string; message: string; expected?: unknown; minimum?: unknown; maximum?: unknown; inclusive?: boolean }): string {
  if (issue.code === 'invalid_type') return issue.expected === 'int' ? t('Enter a whole number') : t('Enter a number');
  const min = String(issue.minimum);
  const max = String(issue.maximum);
  if (issue.code === 'too_small') return issue.inclusive === false ? t('More than {min}', { min }) : t('At least {min}', { min });
  if (issue.code === 'too_big') return issue.inclusive === false ? t('Less than {max}', { max }) : t('At most {max}', { max });
  return translateEngineText(issue.message);
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

