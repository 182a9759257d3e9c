/**
 * Sentence pairs, tokenised and judged: the one pass over translation files that both checks them before an import
 * (`corpus.checkPairs`, and an import's first pass, before anything is written) and feeds the import's second pass.
 * Both passes run this same code on the same files, so the pairs the check counted are the pairs that get written.
 *
 * A pair is judged once, by its first issue in this order: a missing column, an empty side, more than `maxTokens`
 * tokens on a side, the same tokenised pair as an earlier one (the first is kept). Duplicates are found by a 53-bit
 * hash of the pair (cyrb53), 8 bytes a pair; two different pairs share a hash with a probability of about n²/2⁵⁴
 * (1 in 18,000 for a million pairs).
 */
import { importTokenizer, PAIR_DEFAULTS, type ImportOptions, type Tokenizer, type PairCheck, type PairColumn, type PairIssue, type PairIssueKind } from '../../contract/corpus.ts';
import { StudioError } from '../../contract/errors.ts';
import { detectFormat } from './detect-format.ts';
import { importError } from './import-error.ts';
import { alignedLanguages, alignedSide, languagesInName, languagesOfColumns } from './languages.ts';
import { readAlignedFiles, readPairFile, type PairFile } from './pair-source.ts';
import { sniffFile, type Sniffed } from './sniff.ts';
import { createTokenizer } from './tokenize.ts';
import { userText } from '../../contract/user-text.ts';

/** Import options with the translation ones' defaults filled in. */
export type PairOptions = ImportOptions & { tokenizer: Tokenizer; swap: boolean; maxTokens: number; onIssues: 'abort' | 'filter' };

export function pairOptions(options: ImportOptions): PairOptions {
  return {
    ...options,
    tokenizer: importTokenizer(options),
    swap: options.swap ?? PAIR_DEFAULTS.swap,
    maxTokens: options.maxTokens ?? PAIR_DEFAULTS.maxTokens,
    onIssues: options.onIssues ?? PAIR_DEFAULTS.onIssues,
  };
}

/** At most this many line numbers are kept per issue. */
export const MAX_ISSUE_LINES = 20;
const SAMPLES = 5;
/** Check for cancellation at least this often (the CJK segmenter is slow). */
const PAIRS_PER_CHECK = 1024;

export interface PlannedFile extends PairFile {
  sizeBytes: number;
}

/** How the files are read: pair files (TSV/CSV/JSONL) one after another, or two aligned plain-text files. */
export interface PairPlan {
  layout: 'columns' | 'aligned';
  files: PlannedFile[];
}

/**
 * Two files are aligned when both are plain text, or when both extensions name languages with the same stem
 * (`train.en` + `train.fr`, read as text whatever their content looks like); anything else is pair files.
 */
export function planPairs(paths: string[], sniffed: Sniffed[], options: ImportOptions): PairPlan {
  const files: PlannedFile[] = sniffed.map((s, i) => ({
    filePath: paths[i],
    fileName: s.fileName,
    encoding: s.encoding,
    format: options.format === 'auto' ? detectFormat(s.fileName, s.sampleText) : options.format,
    sizeBytes: s.sizeBytes,
  }));
  if (files.length === 2) {
    const [a, b] = [alignedSide(files[0].fileName), alignedSide(files[1].fileName)];
    const named = options.format === 'auto' && a !== null && b !== null && a.stem === b.stem && a.language !== b.language;
    if (named || files.every((f) => f.format === 'text')) return { layout: 'aligned', files: files.map((f) => ({ ...f, format: 'text' })) };
  }
  const text = files.find((f) => f.format === 'text');
  if (text) {
    throw importError(
      text.fileName,
      userText('{file} is plain text, one sentence a line: a translation corpus needs pairs — a TSV, CSV or JSONL file with a source and a target column, or exactly two aligned files (train.en and train.fr) given together', { file: text.fileName }),
    );
  }
  return { layout: 'columns', files };
}

type Countable = Exclude<PairIssueKind, 'lineCounts'>;
export const COUNTABLE: Countable[] = ['missingColumns', 'empty', 'tooLong', 'duplicates'];
type Where = { file: string; line: number };

/** Counts and first lines of each issue, and the aligned files' line counts when they differ. */
export class IssueLog {
  readonly counts: Record<Countable, number> = { missingColumns: 0, empty: 0, tooLong: 0, duplicates: 0 };
  readonly lines: Record<Countable, Where[]> = { missingColumns: [], empty: [], tooLong: [], duplicates: [] };
  lineCounts: { files: [string, string]; counts: [number, number] } | null = null;
  /** The missing columns, for the message: by their English description ("source column (column 0)"), in order seen. */
  missing = new Map<string, MissingColumn>();

  add(kind: Countable, file: string, line: number): void {
    this.counts[kind]++;
    if (this.lines[kind].length < MAX_ISSUE_LINES) this.lines[kind].push({ file, line });
  }

  issues(maxTokens: number): PairIssue[] {
    const out: PairIssue[] = [];
    if (this.lineCounts) {
      const { files, counts } = this.lineCounts;
      out.push({
        kind: 'lineCounts',
        count: Math.abs(counts[0] - counts[1]),
        fatal: true,
        message: lineCountsMessage(files, counts),
        lines: [{ file: counts[0] > counts[1] ? files[0] : files[1], line: Math.min(counts[0], counts[1]) + 1 }],
      });
    }
    // Whole sentences, singular and plural, so that each can be translated.
    const what: Record<Countable, (n: number, p: { count: string; lines: string }) => string> = {
      missingColumns: (n, p) => {
        // The column's "(which)" a placeholder of its own, so that the UI can tell it from the lines in parentheses.
        const missing = [...this.missing.values()];
        const [a, b] = missing;
        if (missing.length === 1 && a.which !== null) {
          const one = { ...p, column: a.side, which: a.which };
          return n === 1 ? userText('{count} row has no {column} ({which}) ({lines})', one) : userText('{count} rows have no {column} ({which}) ({lines})', one);
        }
        if (missing.length === 2 && a.which !== null && b.which !== null) {
          const two = { ...p, first: a.side, a: a.which, second: b.side, b: b.which };
          return n === 1 ? userText('{count} row has no {first} ({a}) or {second} ({b}) ({lines})', two) : userText('{count} rows have no {first} ({a}) or {second} ({b}) ({lines})', two);
        }
        if (missing.length === 2 && a.which === null && b.which === null) {
          const two = { ...p, first: a.side, second: b.side };
          return n === 1 ? userText('{count} row has no {first} or {second} ({lines})', two) : userText('{count} rows have no {first} or {second} ({lines})', two);
        }
        const columns = [...this.missing.keys()].join(' or ');
        return n === 1 ? userText('{count} row has no {columns} ({lines})', { ...p, columns }) : userText('{count} rows have no {columns} ({lines})', { ...p, columns });
      },
      empty: (n, p) => (n === 1 ? userText('{count} pair has an empty side ({lines})', p) : userText('{count} pairs have an empty side ({lines})', p)),
      tooLong: (n, p) =>
        n === 1
          ? userText('{count} pair has more than {max} tokens on a side ({lines})', { ...p, max: maxTokens })
          : userText('{count} pairs have more than {max} tokens on a side ({lines})', { ...p, max: maxTokens }),
      duplicates: (n, p) => (n === 1 ? userText('{count} pair repeats an earlier pair exactly ({lines})', p) : userText('{count} pairs repeat an earlier pair exactly ({lines})', p)),
    };
    for (const kind of COUNTABLE) {
      const count = this.counts[kind];
      if (count === 0) continue;
      const message = what[kind](count, { count: count.toLocaleString('en-US'), lines: describeLines(this.lines[kind], count) });
      out.push({ kind, count, fatal: false, message, lines: this.lines[kind] });
    }
    return out;
  }
}

/** "a.en has 10 lines and a.fr has 1 line: …", singular and plural each a whole sentence. */
function lineCountsMessage(files: [string, string], counts: [number, number]): string {
  const p = { a: files[0], m: counts[0].toLocaleString('en-US'), b: files[1], n: counts[1].toLocaleString('en-US') };
  if (counts[0] === 1) return userText('{a} has {m} line and {b} has {n} lines: aligned files need one line per sentence on both sides, so no pairing of them can be trusted', p);
  if (counts[1] === 1) return userText('{a} has {m} lines and {b} has {n} line: aligned files need one line per sentence on both sides, so no pairing of them can be trusted', p);
  return userText('{a} has {m} lines and {b} has {n} lines: aligned files need one line per sentence on both sides, so no pairing of them can be trusted', p);
}

/** "lines 3, 8 of a.tsv; line 2 of b.tsv; and 12 more" */
export function describeLines(lines: Where[], count: number): string {
  const byFile = new Map<string, number[]>();
  for (const { file, line } of lines) byFile.set(file, [...(byFile.get(file) ?? []), line]);
  const more = count > lines.length ? userText('and {count} more', { count: (count - lines.length).toLocaleString('en-US') }) : null;
  // Built from the end, each part holding the rest, so that the UI can translate part by part.
  return [...byFile].reduceRight<string | null>((rest, [file, ns]) => {
    const line = ns.join(', ');
    if (rest === null) return ns.length === 1 ? userText('line {line} of {file}', { line, file }) : userText('lines {line} of {file}', { line, file });
    return ns.length === 1 ? userText('line {line} of {file}; {rest}', { line, file, rest }) : userText('lines {line} of {file}; {rest}', { line, file, rest });
  }, more) ?? '';
}

/**
 * The ImportError an import fails with: every issue, and the file and line of the earliest bad line (files in
 * `fileOrder`, the order they are read in). The hint to filter is given only when filtering would let it go on.
 */
export function pairIssuesError(issues: PairIssue[], fileOrder: string[] = []): StudioError {
  const rank = (w: Where) => [fileOrder.indexOf(w.file), w.line];
  const first = issues
    .flatMap((i) => i.lines.slice(0, 1))
    .reduce<Where | undefined>((best, w) => {
      if (!best) return w;
      const [a, b] = [rank(w), rank(best)];
      return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? w : best;
    }, undefined);
  const filterable = issues.every((i) => !i.fatal);
  const listed = issues.map((i) => i.message).join('; ');
  const message = filterable
    ? userText('Nothing was imported: {issues}. Leave those pairs out with onIssues "filter" (the import form\'s "Filter them out", or nlp-studio import --on-issues filter).', { issues: listed })
    : userText('Nothing was imported: {issues}.', { issues: listed });
  return new StudioError('ImportError', message, first ? { file: first.file, line: first.line } : {});
}

/** A set of 53-bit hashes in one typed array (open addressing, linear probing): 8–16 bytes a pair. */
class HashSet53 {
  private table = new Float64Array(1024);
  private size = 0;

  /** Adds `h`; false when it was there already. */
  add(h: number): boolean {
    if (this.size * 2 >= this.table.length) this.grow();
    return this.insert(this.table, h + 1);
  }

  private insert(table: Float64Array, stored: number): boolean {
    const mask = table.length - 1;
    for (let i = (stored >>> 0) & mask; ; i = (i + 1) & mask) {
      if (table[i] === 0) {
        table[i] = stored;
        this.size++;
        return true;
      }
      if (table[i] === stored) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.size = 0;
    for (const stored of old) if (stored !== 0) this.insert(this.table, stored);
  }
}

/** cyrb53 (bryc, public domain): a fast 53-bit string hash with good spread. */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A kept pair, its sides as the corpus will have them (after `swap`), and the file it came from. */
export interface KeptPair {
  source: string[];
  target: string[];
  /** Index into the plan's files (0 for aligned files). */
  fileIndex: number;
}

export interface PassProgress {
  fileIndex: number;
  fileCount: number;
  bytesDone: number;
  bytesTotal: number;
  pairs: number;
}

export interface PassControl {
  signal?: AbortSignal;
  onProgress?: (p: PassProgress) => void;
  chunkBytes?: number;
}

/** What a pass learned besides the pairs: the columns of the first file (for the check and the languages). */
export interface PassInfo {
  columns: PairColumn[];
  sourceColumn: string | null;
  targetColumn: string | null;
  names: [string, string] | null;
  /** Per file: the columns read, as CorpusSource shows them (`en → fr`, `0 → 1`), or null for aligned files. */
  fileColumns: (string | null)[];
}

/** Reads every file of the plan, judges each pair into `log`, and yields the kept ones in batches. */
export async function* judgePairs(plan: PairPlan, given: ImportOptions, log: IssueLog, info: PassInfo, control: PassControl = {}): AsyncGenerator<KeptPair[]> {
  const options = pairOptions(given);
  const tokenize = createTokenizer(options.tokenizer, options.lowercase);
  const seen = new HashSet53();
  const aligned = plan.layout === 'aligned';
  const openSource = (fileIndex: number) => {
    const counter = { bytes: 0 };
    const read = { sourceColumn: options.sourceColumn, targetColumn: options.targetColumn, counter, chunkBytes: control.chunkBytes };
    const [a, b] = aligned ? plan.files : [plan.files[fileIndex], plan.files[fileIndex]];
    const source = aligned ? readAlignedFiles(a, b, read) : readPairFile(a, read);
    return { source, files: [a.fileName, b.fileName] as [string, string], counter };
  };
  const count = aligned ? 1 : plan.files.length;
  const bytesTotal = (i: number) => (aligned ? plan.files[0].sizeBytes + plan.files[1].sizeBytes : plan.files[i].sizeBytes);
  let pairs = 0;
  for (let i = 0; i < count; i++) {
    const current = openSource(i);
    const [sourceFile, targetFile] = current.files;
    for await (const rows of current.source.rows) {
      if (control.signal?.aborted) throw new StudioError('CancelledError', userText('The import was cancelled'));
      const kept: KeptPair[] = [];
      for (let r = 0; r < rows.length; r++) {
        if (r % PAIRS_PER_CHECK === PAIRS_PER_CHECK - 1 && control.signal?.aborted) throw new StudioError('CancelledError', userText('The import was cancelled'));
        const row = rows[r];
        if (row.source === null || row.target === null) {
          if (row.source === null) addMissing(log, 'source', current.source.chosen.source);
          if (row.target === null) addMissing(log, 'target', current.source.chosen.target);
          log.add('missingColumns', sourceFile, row.line);
          continue;
        }
        const source = tokenize(row.source);
        const target = tokenize(row.target);
        if (source.length === 0 || target.length === 0) {
          log.add('empty', source.length === 0 ? sourceFile : targetFile, row.line);
          continue;
        }
        if (source.length > options.maxTokens || target.length > options.maxTokens) {
          log.add('tooLong', source.length > options.maxTokens ? sourceFile : targetFile, row.line);
          continue;
        }
        if (!seen.add(cyrb53(source.join(' ') + '\t' + target.join(' ')))) {
          log.add('duplicates', sourceFile, row.line);
          continue;
        }
        kept.push(options.swap ? { source: target, target: source, fileIndex: i } : { source, target, fileIndex: i });
      }
      pairs += kept.length;
      control.onProgress?.({ fileIndex: i, fileCount: count, bytesDone: current.counter.bytes, bytesTotal: bytesTotal(i), pairs });
      if (kept.length > 0) yield kept;
    }
    const chosen = current.source.chosen;
    if (i === 0) Object.assign(info, { columns: chosen.columns, sourceColumn: chosen.source, targetColumn: chosen.target, names: chosen.names });
    info.fileColumns.push(aligned ? null : chosen.names ? `${chosen.names[0]} → ${chosen.names[1]}` : `${chosen.source} → ${chosen.target}`);
    if (aligned) {
      const [a, b] = current.source.lineCounts;
      if (a !== b) log.lineCounts = { files: current.files, counts: [a, b] };
    }
  }
}

/** A side's missing column: "source column", and which one when it is chosen ("column 0", or its quoted name). */
interface MissingColumn {
  side: string;
  which: string | null;
}

function addMissing(log: IssueLog, side: 'source' | 'target', column: string | null): void {
  const missing: MissingColumn = {
    side: side === 'source' ? userText('source column') : userText('target column'),
    which: column === null ? null : /^\d+$/.test(column) ? userText('column {index}', { index: column }) : `"${column}"`,
  };
  const text = missing.which === null ? missing.side : `${missing.side} (${missing.which})`;
  if (!log.missing.has(text)) log.missing.set(text, missing);
}

export const newPassInfo = (): PassInfo => ({ columns: [], sourceColumn: null, targetColumn: null, names: null, fileColumns: [] });

/** The sides' languages as the corpus will have them: the options', else guessed from names (see languages.ts). */
export function pairLanguages(plan: PairPlan, info: PassInfo, given: ImportOptions): [string, string] {
  const options = pairOptions(given);
  const [a, b] = plan.files;
  let guess =
    plan.layout === 'aligned'
      ? alignedLanguages(a.fileName, b.fileName)
      : (languagesOfColumns(info.names?.[0] ?? null, info.names?.[1] ?? null) ?? languagesInName(a.fileName));
  guess ??= ['source', 'target'];
  if (options.swap) guess = [guess[1], guess[0]];
  return [options.sourceLanguage ?? guess[0], options.targetLanguage ?? guess[1]];
}

/** `corpus.checkPairs`: sniff (encoding, binary check), plan and check the files as an import of them would. */
export async function checkPairFiles(paths: string[], fileNames: string[], options: ImportOptions): Promise<PairCheck> {
  const sniffed: Sniffed[] = [];
  for (let i = 0; i < paths.length; i++) sniffed.push(await sniffFile(paths[i], fileNames[i], options.encoding));
  return checkPairs(planPairs(paths, sniffed, options), options);
}

/** Reads the files once without writing anything: what an import would keep, and every issue with its lines. */
export async function checkPairs(plan: PairPlan, given: ImportOptions, control: PassControl = {}): Promise<PairCheck> {
  const options = pairOptions(given);
  const log = new IssueLog();
  const info = newPassInfo();
  let kept = 0;
  const samples: PairCheck['samples'] = [];
  for await (const batch of judgePairs(plan, options, log, info, control)) {
    for (const pair of batch) {
      if (samples.length === SAMPLES) break;
      samples.push({ source: pair.source.join(' '), target: pair.target.join(' ') });
    }
    kept += batch.length;
  }
  const total = kept + COUNTABLE.reduce((sum, k) => sum + log.counts[k], 0);
  const [sourceLanguage, targetLanguage] = pairLanguages(plan, info, options);
  return {
    layout: plan.layout,
    pairs: total,
    kept,
    sourceLanguage,
    targetLanguage,
    columns: info.columns,
    sourceColumn: info.sourceColumn,
    targetColumn: info.targetColumn,
    issues: log.issues(options.maxTokens),
    samples,
  };
}
