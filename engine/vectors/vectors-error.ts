/** The one error a damaged vectors file gets: ImportError naming the file (as the user knows it) and the line. */
import { StudioError } from '../../contract/errors.ts';

export function vectorsError(fileName: string, message: string, line?: number): StudioError {
  return line === undefined
    ? new StudioError('ImportError', message, { file: fileName })
    : new StudioError('ImportError', `${fileName}, line ${line}: ${message}`, { file: fileName, line });
}
