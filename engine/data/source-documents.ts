/** Reads one file as a stream of document texts, whatever its format. */
import type { Encoding } from '../../contract/corpus.ts';
import { chooseCsvColumn } from './columns.ts';
import { parseCsv } from './csv-parser.ts';
import { decodeFile, type ByteCounter } from './decode-text.ts';
import type { FileFormat } from './detect-format.ts';
import { importError } from './import-error.ts';
import { jsonlDocuments } from './jsonl.ts';
import { splitLines } from './split-lines.ts';
import { userText } from '../../contract/user-text.ts';

export interface SourceOptions {
  filePath: string;
  fileName: string;
  encoding: Encoding;
  format: FileFormat;
  /** CSV/TSV column or JSONL field the user asked for; ignored for plain text. */
  column?: string;
  counter?: ByteCounter;
  chunkBytes?: number;
}

export interface SourceDocuments {
  /** Batches of document texts, in file order. */
  batches: AsyncIterable<string[]>;
  /** The column or field being read; known once the header (or first record) has been read. */
  chosen: { column: string | null };
}

export function readSourceDocuments(options: SourceOptions): SourceDocuments {
  const { filePath, fileName, encoding, format } = options;
  const pieces = decodeFile(filePath, encoding, { chunkBytes: options.chunkBytes, counter: options.counter });
  const chosen = { column: null as string | null };
  switch (format) {
    case 'text':
      return { batches: splitLines(pieces, { fileName }), chosen };
    case 'jsonl':
      return { batches: jsonlDocuments(splitLines(pieces, { fileName }), options.column, fileName, chosen), chosen };
    case 'csv':
    case 'tsv':
      return { batches: csvDocuments(parseCsv(pieces, format === 'csv' ? ',' : '\t', fileName), options, chosen), chosen };
  }
}

async function* csvDocuments(records: AsyncIterable<string[][]>, options: SourceOptions, chosen: { column: string | null }): AsyncGenerator<string[]> {
  let index = -1;
  for await (const batch of records) {
    let rows = batch;
    if (index < 0) {
      const header = batch[0];
      const column = chooseCsvColumn(header, options.column, options.fileName);
      index = column.index;
      chosen.column = column.name === '' ? String(index) : column.name;
      rows = batch.slice(1);
    }
    // A short row (fewer fields than the header) has no text in this column: an empty document.
    if (rows.length > 0) yield rows.map((row) => row[index] ?? '');
  }
  if (index < 0) throw importError(options.fileName, userText('{file} has no header row', { file: options.fileName }));
}
