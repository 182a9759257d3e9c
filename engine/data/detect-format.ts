/**
 * Picks the format of a file for `format: 'auto'`. The extension decides the family; the first lines decide the
 * details (a `.csv` exported with tabs is read as TSV). Without a known extension, the content decides: a JSON
 * object on the first line means JSONL; the same number (≥ 1) of tabs or commas on each of the first lines means
 * TSV or CSV; anything else is plain text, one document per line.
 */
import path from 'node:path';
import type { CorpusFormat } from '../../contract/corpus.ts';

export type FileFormat = Exclude<CorpusFormat, 'auto'>;

/** How many of the first lines the content check looks at. */
const PROBE_LINES = 5;

export function detectFormat(fileName: string, sampleText: string): FileFormat {
  const lines = firstLines(sampleText);
  switch (path.extname(fileName).toLowerCase()) {
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    case '.txt':
    case '.text':
      return 'text';
    case '.csv':
    case '.tsv':
    case '.tab':
      return delimiterOf(lines[0] ?? '', path.extname(fileName).toLowerCase() === '.csv' ? 'csv' : 'tsv');
    default:
      if (lines.length > 0 && isJsonObject(lines[0])) return 'jsonl';
      return tabular(lines) ?? 'text';
  }
}

/** The complete, non-blank lines at the start of the sample. */
function firstLines(sampleText: string): string[] {
  const lines = sampleText.split('\n');
  if (lines.length > 1) lines.pop(); // may be cut off by the sample's end
  return lines.map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '').slice(0, PROBE_LINES);
}

function isJsonObject(line: string): boolean {
  if (!line.trimStart().startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Tabs or commas in the header, outside quotes; the extension's choice wins a tie. */
function delimiterOf(header: string, byExtension: 'csv' | 'tsv'): 'csv' | 'tsv' {
  const unquoted = header.replace(/"[^"]*"/g, '');
  const tabs = count(unquoted, '\t');
  const commas = count(unquoted, ',');
  if (byExtension === 'csv' && tabs > 0 && commas === 0) return 'tsv';
  if (byExtension === 'tsv' && commas > 0 && tabs === 0) return 'csv';
  return byExtension;
}

function tabular(lines: string[]): 'csv' | 'tsv' | null {
  if (lines.length < 2) return null;
  for (const [format, delimiter] of [['tsv', '\t'], ['csv', ',']] as const) {
    const counts = lines.map((l) => count(l.replace(/"[^"]*"/g, ''), delimiter));
    if (counts[0] >= 1 && counts.every((c) => c === counts[0])) return format;
  }
  return null;
}

const count = (text: string, ch: string) => text.split(ch).length - 1;
