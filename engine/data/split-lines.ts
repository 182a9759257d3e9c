/** Splits streamed text into lines without ever holding more than one piece and one unfinished line. */
import { lineTooLong, MAX_LINE_CHARS } from './import-error.ts';

export interface SplitOptions {
  fileName: string;
  maxLineChars?: number;
}

/**
 * Yields, per text piece, the lines it completed (LF or CRLF endings; the CR is dropped). The last line need not
 * end with a newline. Lines are numbered by the consumer: they arrive in order, one batch after another.
 */
export async function* splitLines(pieces: AsyncIterable<string>, options: SplitOptions): AsyncGenerator<string[]> {
  const maxChars = options.maxLineChars ?? MAX_LINE_CHARS;
  let carry = '';
  let linesSoFar = 0;
  for await (const piece of pieces) {
    const parts = piece.split('\n');
    parts[0] = carry + parts[0];
    carry = parts.pop()!;
    if (carry.length > maxChars) throw lineTooLong(options.fileName, linesSoFar + parts.length + 1, maxChars);
    if (parts.length === 0) continue;
    for (let i = 0; i < parts.length; i++) {
      const line = parts[i];
      if (line.length > maxChars) throw lineTooLong(options.fileName, linesSoFar + i + 1, maxChars);
      if (line.endsWith('\r')) parts[i] = line.slice(0, -1);
    }
    linesSoFar += parts.length;
    yield parts;
  }
  if (carry.length > 0) yield [carry.endsWith('\r') ? carry.slice(0, -1) : carry];
}
