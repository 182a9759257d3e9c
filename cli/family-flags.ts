/**
 * The flags of `nlp-studio train <task>`: the training settings every family shares, and each family's architecture
 * settings. Kinds, bounds and defaults come from the contract's schemas (cli/schema-flags.ts); a new family adds
 * its table here.
 */
import type { FamilyName } from '../contract/runs.ts';
import type { FlagSetting } from './schema-flags.ts';

const t = (flag: string, ...path: string[]): FlagSetting => ({ flag, path: ['training', ...path] });
const a = (flag: string, ...path: string[]): FlagSetting => ({ flag, path: ['arch', ...path] });

export const trainingFlags: readonly FlagSetting[] = [
  t('epochs', 'epochs'), t('batch', 'batch'), t('steps', 'steps'), t('minutes', 'minutes'),
  t('optimizer', 'optimizer', 'name'), t('lr', 'optimizer', 'lr'), t('beta1', 'optimizer', 'beta1'), t('beta2', 'optimizer', 'beta2'),
  t('weight-decay', 'optimizer', 'weightDecay'), t('schedule', 'optimizer', 'schedule'), t('warmup', 'optimizer', 'warmupSteps'),
  t('clip', 'optimizer', 'clipNorm'), t('label-smoothing', 'labelSmoothing'), t('patience', 'patience'),
  t('val-split', 'validationSplit'), t('test-split', 'testSplit'), t('seed', 'seed'),
];

/** What `nlp-studio resume` may change (runs.resume's `training` overrides): the same flags as train's. */
const RESUMABLE = new Set(['lr', 'weight-decay', 'clip', 'epochs', 'steps', 'minutes', 'patience']);
export const resumeFlags: readonly FlagSetting[] = trainingFlags.filter((f) => RESUMABLE.has(f.flag));

const shared = [a('cell', 'cell'), a('bidirectional', 'bidirectional'), a('layers', 'layers'), a('emb', 'emb'), a('hidden', 'hidden'), a('dropout', 'dropout'), a('level', 'level'), a('vocab', 'vocab')];

export const archFlags: Record<FamilyName, readonly FlagSetting[]> = {
  rnn: [...shared, a('seq', 'seq')],
  seq2seq: [
    ...shared, a('attention', 'attention'), { flag: 'no-input-feeding', path: ['arch', 'inputFeeding'], negate: true },
    a('teacher-forcing', 'teacherForcing'), a('shared-vocab', 'sharedVocab'), a('max-length', 'maxLength'), a('beam', 'beam'),
  ],
};

/** Every architecture flag of every family (parseArgs needs them all before the family is known). */
export const allArchFlags = (): FlagSetting[] => {
  const seen = new Map<string, FlagSetting>();
  for (const table of Object.values(archFlags)) for (const f of table) seen.set(f.flag, f);
  return [...seen.values()];
};
