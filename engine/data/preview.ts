/** What the import dialog shows before importing: encoding (with confidence), format, columns, first lines, a suggested task. */
import path from 'node:path';
import type { FilePreview } from '../../contract/corpus.ts';
import { chooseCsvColumn, defaultJsonField } from './columns.ts';
import { CsvParser } from './csv-parser.ts';
import { detectFormat, type FileFormat } from './detect-format.ts';
import { parseJsonLine } from './jsonl.ts';
import { sniffFile } from './sniff.ts';
import { suggestTask } from './suggest-task.ts';

const SAMPLE_LINES = 20;
/** Keep the preview small even for a file with very long lines. */
const MAX_SAMPLE_LINE_CHARS = 500;

export async function previewFile(filePath: string, displayName?: string): Promise<FilePreview> {
  const fileName = displayName ?? path.basename(filePath);
  const sniffed = await sniffFile(filePath, fileName);
  const format = detectFormat(fileName, sniffed.sampleText);
  const lines = completeLines(sniffed.sampleText, sniffed.complete);
  const { columns, defaultColumn } = columnsOf(format, sniffed.sampleText, lines, fileName);
  const suggestedTask = suggestTask(fileName, format, lines.slice(0, SAMPLE_LINES), columns);
  return {
    fileName,
    sizeBytes: sniffed.sizeBytes,
    encoding: sniffed.encoding,
    encodingConfidence: sniffed.encodingConfidence,
    format,
    columns,
    defaultColumn,
    sampleLines: lines.slice(0, SAMPLE_LINES).map((l) => (l.length > MAX_SAMPLE_LINE_CHARS ? l.slice(0, MAX_SAMPLE_LINE_CHARS) + '…' : l)),
    ...(suggestedTask ? { suggestedTask } : {}),
  };
}

/** The sample's lines, without the last one when the sample's end may have cut it. */
function completeLines(text: string, complete: boolean): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (!complete || lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function columnsOf(format: FileFormat, sampleText: string, lines: string[], fileName: string): Pick<FilePreview, 'columns' | 'defaultColumn'> {
  if (format === 'csv' || format === 'tsv') {
    const parser = new CsvParser(format === 'csv' ? ',' : '\t', fileName);
    // The header is the first record; a sample that holds only part of it still gives the columns it has.
    const header = parser.push(sampleText)[0] ?? parser.end()[0] ?? [];
    if (header.length === 0) return { columns: [], defaultColumn: null };
    const columns = header.map((h) => h.trim());
    return { columns, defaultColumn: columns[chooseCsvColumn(header, undefined, fileName).index] };
  }
  if (format === 'jsonl') {
    const index = lines.findIndex((l) => l.trim() !== '');
    if (index < 0) return { columns: [], defaultColumn: null };
    const record = parseJsonLine(lines[index], index + 1, fileName);
    return { columns: Object.keys(record), defaultColumn: defaultJsonField(record) };
  }
  return { columns: null, defaultColumn: null };
}
