import { untoldLocation } from '../contract.ts';
import { translateEngineText } from '../i18n/engine-text.ts';
import { t } from '../i18n/index.ts';

/**
 * An error as the user reads it, in the current language: its message, then where (file and line) when the message
 * does not already say it. The counterpart of the contract's English `describeError`.
 */
export function describeEngineError(error: { message: string; file?: string; line?: number }): string {
  const message = translateEngineText(error.message);
  const { file, line } = untoldLocation(error);
  if (file !== null && line !== null) return t('{message} ({file}, line {line})', { message, file, line });
  if (file !== null) return t('{message} ({file})', { message, file });
  if (line !== null) return t('{message} (line {line})', { message, line });
  return message;
}
