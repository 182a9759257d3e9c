/**
 * Reads labelled files for the classification and tagging tasks, as batches of examples:
 * - classification: CSV/TSV (a text column and a label column), JSONL (a text and a label field), or plain-text
 *   files inside one folder per class (each file is one document, its folder's name the label);
 * - tagging: CoNLL columns (token first, tag last, a blank line between sentences, `-DOCSTART-` skipped) or the
 *   Brown corpus `word/TAG` format (one sentence per line). Tagging keeps the file's own tokens.
 * Every error names the file and, where there is one, the line.
 */
import type { Encoding } from '../../contract/corpus.ts';
import { chooseCsvColumn } from './columns.ts';
import { parseCsv } from './csv-parser.ts';
import { decodeFile, type ByteCounter } from './decode-text.ts';
import type { FileFormat } from './detect-format.ts';
import { importError } from './import-error.ts';
import { splitLines } from './split-lines.ts';
import { userText } from '../../contract/user-text.ts';

/** A document with its label (classification), or a sentence's tokens with one tag each (tagging). */
export type LabelledExample = { text: string; label: string } | { tokens: string[]; tags: string[] };

export interface LabelledSourceOptions {
  filePath: string;
  /** As shown to the user; for folder imports `folder/class/file.txt`. */
  fileName: string;
  encoding: Encoding;
  format: FileFormat;
  task: 'classification' | 'tagging';
  column?: string;
  labelColumn?: string;
  counter?: ByteCounter;
  chunkBytes?: number;
}

/** The columns read: the text column, and (CSV/TSV/JSONL classification) the label column and whether it was guessed. */
export interface ChosenColumns {
  column: string | null;
  label?: { name: string; guessed: boolean };
}

export interface LabelledSource {
  batches: AsyncIterable<LabelledExample[]>;
  chosen: ChosenColumns;
}

export function readLabelledSource(options: LabelledSourceOptions): LabelledSource {
  const pieces = decodeFile(options.filePath, options.encoding, { chunkBytes: options.chunkBytes, counter: options.counter });
  const chosen: ChosenColumns = { column: null };
  if (options.task === 'tagging') return { batches: taggedSentences(splitLines(pieces, { fileName: options.fileName }), options.fileName), chosen };
  switch (options.format) {
    case 'csv':
    case 'tsv':
      return { batches: csvLabelled(parseCsv(pieces, options.format === 'csv' ? ',' : '\t', options.fileName), options, chosen), chosen };
    case 'jsonl':
      return { batches: jsonlLabelled(splitLines(pieces, { fileName: options.fileName }), options, chosen), chosen };
    case 'text':
      return { batches: folderDocument(pieces, options), chosen };
  }
}

/** The label column: the one named, else `label`, else the last (never the text column when there are two). */
export function chooseLabelColumn(header: string[], requested: string | undefined, textIndex: number, fileName: string): { index: number; name: string } {
  if (requested !== undefined) return chooseCsvColumn(header, requested, fileName);
  const names = header.map((h) => h.trim());
  const label = names.findIndex((n) => n.toLowerCase() === 'label');
  const index = label >= 0 ? label : names.length - 1;
  if (names.length < 2 || index === textIndex) {
    throw importError(fileName, userText('{file} needs a label column besides the text column (its columns: {columns}); name it with the label column option', { file: fileName, columns: names.join(', ') }), 1);
  }
  return { index, name: names[index] };
}

async function* csvLabelled(records: AsyncIterable<string[][]>, options: LabelledSourceOptions, chosen: ChosenColumns): AsyncGenerator<LabelledExample[]> {
  let text = -1;
  let label = -1;
  let line = 1;
  for await (const batch of records) {
    let rows = batch;
    if (text < 0) {
      const column = chooseCsvColumn(batch[0], options.column, options.fileName);
      text = column.index;
      const labelColumn = chooseLabelColumn(batch[0], options.labelColumn, text, options.fileName);
      label = labelColumn.index;
      chosen.column = column.name === '' ? String(text) : column.name;
      chosen.label = { name: labelColumn.name === '' ? String(label) : labelColumn.name, guessed: options.labelColumn === undefined };
      rows = batch.slice(1);
    }
    const out: LabelledExample[] = [];
    for (const row of rows) {
      line++;
      const value = (row[label] ?? '').trim();
      if (row.length === 1 && row[0] === '') continue; // a blank line
      if (value === '') throw importError(options.fileName, userText('Row {line} of {file} has no label (column {column})', { line, file: options.fileName, column: label }), line);
      out.push({ text: row[text] ?? '', label: value });
    }
    if (out.length > 0) yield out;
  }
  if (text < 0) throw importError(options.fileName, userText('{file} has no header row', { file: options.fileName }));
}

async function* jsonlLabelled(lines: AsyncIterable<string[]>, options: LabelledSourceOptions, chosen: ChosenColumns): AsyncGenerator<LabelledExample[]> {
  let n = 0;
  for await (const batch of lines) {
    const out: LabelledExample[] = [];
    for (const raw of batch) {
      n++;
      if (raw.trim() === '') continue;
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        throw importError(options.fileName, userText('Line {line} of {file} is not valid JSON', { line: n, file: options.fileName }), n);
      }
      const textField = options.column ?? ('text' in record ? 'text' : Object.keys(record)[0]);
      const labelField = options.labelColumn ?? ('label' in record ? 'label' : Object.keys(record).at(-1)!);
      chosen.column ??= textField;
      chosen.label ??= { name: labelField, guessed: options.labelColumn === undefined };
      const label = record[labelField];
      if (label === undefined || label === null || label === '' || labelField === textField) {
        throw importError(options.fileName, userText('Line {line} of {file} has no label field "{field}" (its fields: {fields})', { line: n, file: options.fileName, field: labelField, fields: Object.keys(record).join(', ') }), n);
      }
      out.push({ text: String(record[textField] ?? ''), label: String(label) });
    }
    if (out.length > 0) yield out;
  }
}

/** One file inside a class folder: the whole file is one document, labelled with its folder's name. */
async function* folderDocument(pieces: AsyncIterable<string>, options: LabelledSourceOptions): AsyncGenerator<LabelledExample[]> {
  const parts = options.fileName.split('/');
  if (parts.length < 3) {
    throw importError(options.fileName, userText('{file}: plain-text files are labelled by their folder; import a folder holding one folder per class (e.g. reviews/pos/…, reviews/neg/…), or a CSV/TSV/JSONL file with a label column', { file: options.fileName }));
  }
  let text = '';
  for await (const piece of pieces) text += piece;
  yield [{ text: text.replace(/\s+/g, ' '), label: parts[parts.length - 2] }];
}

/** Brown (`word/TAG` tokens, a sentence per line) or CoNLL (token … tag columns, blank line between sentences). */
async function* taggedSentences(lines: AsyncIterable<string[]>, fileName: string): AsyncGenerator<LabelledExample[]> {
  let style: 'brown' | 'conll' | null = null;
  let n = 0;
  let tokens: string[] = [];
  let tags: string[] = [];
  for await (const batch of lines) {
    const out: LabelledExample[] = [];
    for (const raw of batch) {
      n++;
      const line = raw.trim();
      if (line === '') {
        if (tokens.length > 0) out.push({ tokens, tags });
        tokens = [];
        tags = [];
        continue;
      }
      const fields = line.split(/\s+/);
      style ??= fields.length === 1 || fields.every((f) => /[^/]\/[^/]+$/.test(f)) ? 'brown' : 'conll';
      if (style === 'brown') {
        const sentence: { tokens: string[]; tags: string[] } = { tokens: [], tags: [] };
        for (const field of fields) {
          const slash = field.lastIndexOf('/');
          if (slash <= 0 || slash === field.length - 1) {
            throw importError(fileName, userText('Line {line} of {file}: the token "{token}" has no /TAG (the Brown format is word/TAG word/TAG …)', { line: n, file: fileName, token: field }), n);
          }
          sentence.tokens.push(field.slice(0, slash));
          sentence.tags.push(field.slice(slash + 1));
        }
        out.push(sentence);
      } else {
        if (fields[0] === '-DOCSTART-') continue;
        if (fields.length < 2) throw importError(fileName, userText('Line {line} of {file} has {count} column; CoNLL needs at least a token and a tag', { line: n, file: fileName, count: fields.length }), n);
        tokens.push(fields[0]);
        tags.push(fields[fields.length - 1]);
      }
    }
    if (out.length > 0) yield out;
  }
  if (tokens.length > 0) yield [{ tokens, tags }];
}
