/** The errors an import reports about a user's file: always an ImportError naming the file (and line, if any). */
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';

export function importError(fileName: string, message: string, line?: number): StudioError {
  return new StudioError('ImportError', message, line === undefined ? { file: fileName } : { file: fileName, line });
}

/** Turn a file-system error into a sentence about the user's file. */
export function readError(fileName: string, error: unknown): StudioError {
  if (error instanceof StudioError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT' ? userText('the file does not exist')
    : code === 'EACCES' || code === 'EPERM' ? userText('permission denied')
    : code === 'EISDIR' ? userText('it is a folder, not a file')
    : error instanceof Error ? error.message
    : String(error);
  return importError(fileName, userText('Cannot read {file}: {reason}', { file: fileName, reason }));
}

/** One line, document or CSV field may not exceed this: it bounds memory on a file with no line breaks. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

export function lineTooLong(fileName: string, line: number, maxChars: number): StudioError {
  const message =
    maxChars >= 1024 * 1024
      ? userText('Line {line} of {file} is longer than {count} million characters; a corpus needs one document per line (or per CSV row / JSON line)', { line, file: fileName, count: Math.round(maxChars / (1024 * 1024)) })
      : userText('Line {line} of {file} is longer than {count} characters; a corpus needs one document per line (or per CSV row / JSON line)', { line, file: fileName, count: maxChars });
  return importError(fileName, message, line);
}
