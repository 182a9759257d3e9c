/**
 * Reads sentence pairs for the translation task as rows of raw text, with their line numbers:
 * - pair files: TSV (Tatoeba/Anki `source<TAB>target[<TAB>attribution]`, split on tabs only — these files do not
 *   quote, and their sentences hold quotes), CSV (RFC 4180, through CsvParser) or JSONL (`{"src": …, "tgt": …}`);
 * - two aligned plain-text files read in step, line n of one the translation of line n of the other (Moses style).
 * Nothing is tokenised or judged here (pair-check.ts does that); a row whose column is missing has `null` there.
 */
import type { Encoding, PairColumn } from '../../contract/corpus.ts';
import { chooseCsvColumn } from './columns.ts';
import { CsvParser } from './csv-parser.ts';
import { decodeFile, type ByteCounter } from './decode-text.ts';
import type { FileFormat } from './detect-format.ts';
import { importError } from './import-error.ts';
import { parseJsonLine, type JsonRecord } from './jsonl.ts';
import { isLanguageName } from './languages.ts';
import { splitLines } from './split-lines.ts';
import { userText } from '../../contract/user-text.ts';

/** One pair as read: `null` where the row has no such column or field. `line` is 1-based, in both files when aligned. */
export interface PairRow {
  line: number;
  source: string | null;
  target: string | null;
}

export interface PairFile {
  filePath: string;
  fileName: string;
  encoding: Encoding;
  format: FileFormat;
}

/** The columns read, known once the first row (or record) has been seen. */
export interface ChosenPairColumns {
  /** Every column of the first row, for the user to choose from. */
  columns: PairColumn[];
  /** As the user names them: a header name, else a 0-based index. Null for aligned files. */
  source: string | null;
  target: string | null;
  /** The header names of the columns read (language labels may come from them); null without a header. */
  names: [string, string] | null;
}

export interface PairSource {
  rows: AsyncIterable<PairRow[]>;
  chosen: ChosenPairColumns;
  /** Aligned files: lines read from each, complete once `rows` has ended. */
  lineCounts: [number, number];
}

export interface ReadOptions {
  sourceColumn?: string;
  targetColumn?: string;
  counter?: ByteCounter;
  chunkBytes?: number;
}

const emptyChoice = (): ChosenPairColumns => ({ columns: [], source: null, target: null, names: null });

/** A TSV, CSV or JSONL file of pairs. */
export function readPairFile(file: PairFile, options: ReadOptions): PairSource {
  const lines = splitLines(decodeFile(file.filePath, file.encoding, { chunkBytes: options.chunkBytes, counter: options.counter }), { fileName: file.fileName });
  const chosen = emptyChoice();
  const rows = (): AsyncIterable<PairRow[]> => {
    switch (file.format) {
      case 'tsv':
        return tabularRows(lines, (line) => [line.split('\t')], file.fileName, options, chosen);
      case 'csv': {
        const parser = new CsvParser(',', file.fileName);
        return tabularRows(lines, (line) => parser.push(line + '\n'), file.fileName, options, chosen, () => parser.end());
      }
      case 'jsonl':
        return jsonlRows(lines, file.fileName, options, chosen);
      case 'text':
        throw importError(file.fileName, userText('{file} is plain text: a translation corpus needs pairs — a TSV, CSV or JSONL file with a source and a target column, or two aligned files given together', { file: file.fileName }));
    }
  };
  return { rows: rows(), chosen, lineCounts: [0, 0] };
}

/** Names a header row of pair files uses (besides language codes and names). */
const HEADER_WORD = /^(?:src|tgt|trg|source|target|text|sentence|translation|id|lang|language|attribution|licen[cs]e|author|url)(?:[ _-]?[a-z0-9]*)?$/i;

/** A first row made only of distinct column names (`source`, `tgt_text`, `en`, `French`, …) is a header. */
export function looksLikePairHeader(row: string[]): boolean {
  const cells = row.map((c) => c.trim()).filter((c) => c !== '');
  return cells.length >= 2 && new Set(cells).size === cells.length && cells.every((c) => HEADER_WORD.test(c) || isLanguageName(c));
}

/** A column named after a language; `id` is Indonesian's code too, but far more often an id column. */
const isLanguageColumn = (name: string) => isLanguageName(name) && !HEADER_WORD.test(name);

interface Resolved {
  header: boolean;
  source: number;
  target: number;
}

/** Which columns hold the sides: the ones asked for (a header name or a 0-based index), else by header name, else 0 and 1. */
export function resolvePairColumns(first: string[], options: ReadOptions, fileName: string, chosen: ChosenPairColumns): Resolved {
  const names = first.map((c) => c.trim());
  const byName = (requested: string | undefined) => requested !== undefined && !/^\d+$/.test(requested);
  const header = looksLikePairHeader(first) || byName(options.sourceColumn) || byName(options.targetColumn);
  if (!header && names.length < 2 && options.sourceColumn === undefined && options.targetColumn === undefined) {
    throw importError(fileName, userText('Line 1 of {file} has one column: a pair needs a source and a target column (a tab between them)', { file: fileName }), 1);
  }
  const pick = (requested: string | undefined, fallback: number, side: 'source' | 'target'): number => {
    if (requested === undefined) return fallback;
    if (header) return chooseCsvColumn(first, requested, fileName).index;
    if (!/^\d+$/.test(requested)) {
      const message =
        side === 'source'
          ? userText('{file} has no header row naming its columns: give the source column as a 0-based index', { file: fileName })
          : userText('{file} has no header row naming its columns: give the target column as a 0-based index', { file: fileName });
      throw importError(fileName, message, 1);
    }
    return Number(requested);
  };
  const find = (pattern: RegExp) => names.findIndex((n) => pattern.test(n));
  const languages = names.flatMap((n, i) => (isLanguageColumn(n) ? [i] : []));
  const defaultSource = header ? [find(/^(?:src|source)/i), languages[0] ?? -1, 0].find((i) => i >= 0)! : 0;
  const source = pick(options.sourceColumn, defaultSource, 'source');
  const defaultTarget = header ? [find(/^(?:tgt|trg|target)/i), languages.find((i) => i !== source) ?? -1].find((i) => i >= 0 && i !== source) ?? (source === 0 ? 1 : 0) : source === 0 ? 1 : 0;
  const target = pick(options.targetColumn, defaultTarget, 'target');
  if (source === target) throw importError(fileName, userText('{file}: the source and the target are the same column ({column}); choose two different ones', { file: fileName, column: header ? `"${names[source]}"` : source }), 1);
  chosen.columns = header
    ? names.map((n) => ({ value: n, label: n }))
    : names.map((n, i) => ({ value: String(i), label: userText('Column {number}: {text}', { number: i + 1, text: n.length > 30 ? n.slice(0, 30) + '…' : n }) }));
  chosen.source = header ? names[source] : String(source);
  chosen.target = header ? names[target] : String(target);
  chosen.names = header ? [names[source], names[target]] : null;
  return { header, source, target };
}

/**
 * TSV and CSV rows. `parse` turns one line into the records it completes (a CSV record may span lines: it is
 * numbered by its first line). Blank lines are skipped.
 */
async function* tabularRows(
  lines: AsyncIterable<string[]>,
  parse: (line: string) => string[][],
  fileName: string,
  options: ReadOptions,
  chosen: ChosenPairColumns,
  end: () => string[][] = () => [],
): AsyncGenerator<PairRow[]> {
  let columns: Resolved | null = null;
  let n = 0;
  /** First line of the record being read (CSV records may span lines). */
  let start = 0;
  const toRows = (records: string[][], out: PairRow[]) => {
    for (const record of records) {
      const line = start;
      start = 0;
      if (record.length === 1 && record[0].trim() === '') continue;
      if (columns === null) {
        columns = resolvePairColumns(record, options, fileName, chosen);
        if (columns.header) continue;
      }
      out.push({ line, source: record[columns.source] ?? null, target: record[columns.target] ?? null });
    }
  };
  for await (const batch of lines) {
    const out: PairRow[] = [];
    for (const line of batch) {
      n++;
      if (start === 0 && line.trim() !== '') start = n;
      toRows(parse(line), out);
    }
    if (out.length > 0) yield out;
  }
  const out: PairRow[] = [];
  toRows(end(), out);
  if (out.length > 0) yield out;
}

/** The default JSONL fields: `src`/`tgt`, else `source`/`target`, else language-named fields, else the first two text fields. */
export function defaultPairFields(record: JsonRecord): [string | null, string | null] {
  for (const [s, t] of [['src', 'tgt'], ['source', 'target']]) if (s in record && t in record) return [s, t];
  const keys = Object.keys(record);
  const languages = keys.filter(isLanguageColumn);
  if (languages.length >= 2) return [languages[0], languages[1]];
  const texts = keys.filter((k) => typeof record[k] === 'string');
  return [texts[0] ?? null, texts[1] ?? null];
}

function fieldText(value: unknown): string | null {
  if (value === undefined) return null;
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

async function* jsonlRows(lines: AsyncIterable<string[]>, fileName: string, options: ReadOptions, chosen: ChosenPairColumns): AsyncGenerator<PairRow[]> {
  let fields: [string, string] | null = null;
  let n = 0;
  for await (const batch of lines) {
    const out: PairRow[] = [];
    for (const raw of batch) {
      n++;
      if (raw.trim() === '') continue;
      const record = parseJsonLine(raw, n, fileName);
      if (fields === null) {
        const [s, t] = defaultPairFields(record);
        const source = options.sourceColumn ?? s;
        const target = options.targetColumn ?? (t === source ? s : t);
        if (source === null || target === null || source === target) {
          const keys = Object.keys(record).join(', ');
          const message = keys
            ? userText('{file}: line {line} has no source and target fields; name them (its fields: {fields})', { file: fileName, line: n, fields: keys })
            : userText('{file}: line {line} has no source and target fields; name them (its fields: none)', { file: fileName, line: n });
          throw importError(fileName, message, n);
        }
        fields = [source, target];
        chosen.columns = Object.keys(record).map((k) => ({ value: k, label: k }));
        chosen.source = source;
        chosen.target = target;
        chosen.names = [source, target];
      }
      out.push({ line: n, source: fieldText(record[fields[0]]), target: fieldText(record[fields[1]]) });
    }
    if (out.length > 0) yield out;
  }
}

/**
 * Two plain-text files, a sentence a line, read in step. A line blank on one side only is kept (an empty side is an
 * issue the check reports; skipping it would shift every later pair); blank on both, it is skipped. Lines left over
 * in the longer file are read and counted. `lineCounts` leaves out blank lines at the end of a file, so a trailing
 * empty line does not make two files of the same sentences differ.
 */
export function readAlignedFiles(source: PairFile, target: PairFile, options: ReadOptions): PairSource {
  const open = (file: PairFile) => splitLines(decodeFile(file.filePath, file.encoding, { chunkBytes: options.chunkBytes, counter: options.counter }), { fileName: file.fileName })[Symbol.asyncIterator]();
  const lineCounts: [number, number] = [0, 0];
  return { rows: zipLines([open(source), open(target)], lineCounts), chosen: emptyChoice(), lineCounts };
}

async function* zipLines(files: [AsyncIterator<string[]>, AsyncIterator<string[]>], counts: [number, number]): AsyncGenerator<PairRow[]> {
  const buffers: [string[], string[]] = [[], []];
  const done = [false, false];
  const read = [0, 0];
  const refill = async (k: 0 | 1) => {
    if (buffers[k].length > 0 || done[k]) return;
    const next = await files[k].next();
    if (next.done) return void (done[k] = true);
    buffers[k] = next.value;
    for (const line of next.value) {
      read[k]++;
      if (line.trim() !== '') counts[k] = read[k];
    }
  };
  let line = 0;
  while (true) {
    await refill(0);
    await refill(1);
    const n = Math.min(buffers[0].length, buffers[1].length);
    if (n === 0) {
      // One file has ended: the other's remaining lines have no partner; they are counted by refill, not kept.
      if (done[0] && done[1]) return;
      if (done[0]) buffers[1] = [];
      if (done[1]) buffers[0] = [];
      continue;
    }
    const rows: PairRow[] = [];
    for (let i = 0; i < n; i++) {
      line++;
      const [s, t] = [buffers[0][i], buffers[1][i]];
      if (s.trim() !== '' || t.trim() !== '') rows.push({ line, source: s, target: t });
    }
    buffers[0] = buffers[0].slice(n);
    buffers[1] = buffers[1].slice(n);
    if (rows.length > 0) yield rows;
  }
}
