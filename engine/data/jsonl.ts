/** JSON Lines: one JSON object per line; the document is one of its fields. Blank lines are skipped. */
import { defaultJsonField, missingJsonField } from './columns.ts';
import { importError } from './import-error.ts';
import { userText } from '../../contract/user-text.ts';

export type JsonRecord = Record<string, unknown>;

/** Parse one line as a JSON object, or explain (with the line number) why it is not one. */
export function parseJsonLine(line: string, lineNumber: number, fileName: string): JsonRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const message =
      error instanceof Error
        ? userText('Line {line} of {file} is not valid JSON: {error}', { line: lineNumber, file: fileName, error: error.message })
        : userText('Line {line} of {file} is not valid JSON', { line: lineNumber, file: fileName });
    throw importError(fileName, message, lineNumber);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw importError(fileName, userText('Line {line} of {file} is not a JSON object ({...}); JSONL needs one object per line', { line: lineNumber, file: fileName }), lineNumber);
  }
  return value as JsonRecord;
}

/** The field's text; numbers and booleans count as text, a null as an empty document. */
function fieldText(record: JsonRecord, field: string, lineNumber: number, fileName: string): string {
  if (!(field in record)) throw missingJsonField(fileName, lineNumber, field, record);
  const value = record[field];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return '';
  const message = Array.isArray(value)
    ? userText('Line {line} of {file}: the field "{field}" holds a list, not text', { line: lineNumber, file: fileName, field })
    : userText('Line {line} of {file}: the field "{field}" holds an object, not text', { line: lineNumber, file: fileName, field });
  throw importError(fileName, message, lineNumber);
}

/**
 * Turn batches of lines into batches of document texts. `chosen.column` is set once the first record is read
 * (from `requested`, else the default), so the caller can report which field was imported.
 */
export async function* jsonlDocuments(
  lineBatches: AsyncIterable<string[]>,
  requested: string | undefined,
  fileName: string,
  chosen: { column: string | null },
): AsyncGenerator<string[]> {
  let lineNumber = 0;
  for await (const lines of lineBatches) {
    const texts: string[] = [];
    for (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      const record = parseJsonLine(line, lineNumber, fileName);
      if (chosen.column === null) {
        chosen.column = requested ?? defaultJsonField(record);
        if (chosen.column === null) {
          const fields = Object.keys(record).join(', ');
          const message = fields
            ? userText('{file}: the first record (line {line}) has no text field; choose one of: {fields}', { file: fileName, line: lineNumber, fields })
            : userText('{file}: the first record (line {line}) has no text field; choose one of: (none)', { file: fileName, line: lineNumber });
          throw importError(fileName, message, lineNumber);
        }
      }
      texts.push(fieldText(record, chosen.column, lineNumber, fileName));
    }
    if (texts.length > 0) yield texts;
  }
}
