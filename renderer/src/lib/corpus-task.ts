/** A corpus's task as the user reads it: the engine's word (`classification`) is the data, its name is translated. */
import type { CorpusTask } from '../contract.ts';
import { msg, t } from '../i18n/index.ts';

const taskNames: Record<CorpusTask, string> = {
  text: msg('plain text'),
  classification: msg('classification'),
  tagging: msg('tagging'),
  translation: msg('translation'),
};

export function corpusTaskName(task: CorpusTask): string {
  return t(taskNames[task] ?? task);
}
