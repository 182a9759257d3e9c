/** The one error a damaged vectors file gets: ImportError naming the file (as the user knows it) and the line. */
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';

export function vectorsError(fileName: string, message: string, line?: number): StudioError {
  return line === undefined
    ? new StudioError('ImportError', message, { file: fileName })
    : new StudioError('ImportError', userText('{file}, line {line}: {message}', { file: fileName, line, message }), { file: fileName, line });
}
