/** Which CSV column or JSONL field holds the text: the one the user named, else `text`, else the first. */
import type { StudioError } from '../../contract/errors.ts';
import { importError } from './import-error.ts';
import { userText } from '../../contract/user-text.ts';

export interface ChosenColumn {
  index: number;
  name: string;
}

const listColumns = (names: string[]) => names.map((n) => (n === '' ? '(unnamed)' : `"${n}"`)).join(', ');

/**
 * @param requested a header name (exact, else case-insensitive) or a 0-based index written as a string.
 */
export function chooseCsvColumn(header: string[], requested: string | undefined, fileName: string): ChosenColumn {
  const names = header.map((h) => h.trim());
  if (requested === undefined) {
    const text = names.findIndex((n) => n.toLowerCase() === 'text');
    const index = text >= 0 ? text : 0;
    return { index, name: names[index] };
  }
  let index = names.indexOf(requested);
  if (index < 0) index = names.findIndex((n) => n.toLowerCase() === requested.toLowerCase());
  if (index < 0 && /^\d+$/.test(requested) && Number(requested) < names.length) index = Number(requested);
  if (index < 0) {
    throw importError(fileName, userText('{file} has no column "{column}". Its columns are: {columns}', { file: fileName, column: requested, columns: listColumns(names) }), 1);
  }
  return { index, name: names[index] };
}

/** The default JSONL field: `text` when the first record has it, else its first field holding a string. */
export function defaultJsonField(firstRecord: Record<string, unknown>): string | null {
  if ('text' in firstRecord) return 'text';
  const key = Object.keys(firstRecord).find((k) => typeof firstRecord[k] === 'string');
  return key ?? null;
}

export function missingJsonField(fileName: string, line: number, field: string, record: Record<string, unknown>): StudioError {
  const keys = Object.keys(record);
  const has = keys.length > 0 ? userText('its fields are: {fields}', { fields: listColumns(keys) }) : userText('it is an empty object');
  return importError(fileName, userText('Line {line} of {file} has no field "{field}" ({details})', { line, file: fileName, field, details: has }), line);
}
