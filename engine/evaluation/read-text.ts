/** Evaluation files (analogy questions, word pairs) are small UTF-8 text files, read whole. */
import { readFile, stat } from 'node:fs/promises';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';

/** Bigger than any benchmark file by far (questions-words.txt is 600 KB); a guard against picking the wrong file. */
const MAX_BYTES = 256 * 1024 * 1024;

export interface EvaluationFile {
  path: string;
  /** The name the user knows the file by, for messages. */
  fileName: string;
}

export function evaluationError(fileName: string, message: string, line?: number): StudioError {
  return line === undefined
    ? new StudioError('ImportError', message, { file: fileName })
    : new StudioError('ImportError', userText('{file}, line {line}: {message}', { file: fileName, line, message }), { file: fileName, line });
}

/** The file's lines (without "\r\n" / "\n"), decoded as UTF-8 (a BOM is dropped). */
export async function readLines({ path, fileName }: EvaluationFile): Promise<string[]> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw evaluationError(fileName, userText('{file} is a folder, not a file', { file: fileName }));
    if (info.size > MAX_BYTES) throw evaluationError(fileName, userText('{file} is {size} MB: too big for an evaluation file', { file: fileName, size: Math.round(info.size / 1e6) }));
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof StudioError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('NotFoundError', userText('The file does not exist: {file}', { file: fileName }), { file: fileName });
    throw evaluationError(fileName, userText('Cannot read {file}: {reason}', { file: fileName, reason: (error as Error).message }));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidLine(bytes);
    throw evaluationError(fileName, userText('the text is not valid UTF-8'), bad);
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

function firstInvalidLine(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(0x0a, start);
    try {
      decoder.decode(bytes.subarray(start, end === -1 ? bytes.length : end));
    } catch {
      return line;
    }
    if (end === -1) return line;
    start = end + 1;
    line++;
  }
}
