/**
 * Imports one or more files into a new corpus: `corpora/<id>/tokens.txt` (one document per line, tokens joined by
 * single spaces, empty documents left out) and `corpora/<id>/corpus.json` (its CorpusInfo). The folder is built
 * beside its final place and renamed in at the end, so a failed or cancelled import leaves nothing behind.
 * Memory stays bounded: files are streamed, tokens are written with backpressure, stats are counted on the fly.
 */
import path from 'node:path';
import { importTokenizer, type CorpusInfo, type CorpusSource, type ImportOptions } from '../../contract/corpus.ts';
import { StudioError } from '../../contract/errors.ts';
import { createDirAtomic, writeChunk, writeJsonAtomic, writeStreamAtomic } from '../workspace/atomic.ts';
import { newId, type Workspace } from '../workspace/workspace.ts';
import type { ByteCounter } from './decode-text.ts';
import { detectFormat } from './detect-format.ts';
import { importError, readError } from './import-error.ts';
import { importPairs } from './import-pairs.ts';
import { sniffFile, type Sniffed } from './sniff.ts';
import { readLabelledSource, type LabelledExample } from './labelled-source.ts';
import { readSourceDocuments } from './source-documents.ts';
import { StatsCollector } from './stats.ts';
import { createTokenizer } from './tokenize.ts';
import { SampleKeeper } from './token-preview.ts';
import type { Writable } from 'node:stream';
import { userText } from '../../contract/user-text.ts';

export interface ImportProgress {
  fileName: string;
  /** 0-based index of the file being read. */
  fileIndex: number;
  fileCount: number;
  /** Raw bytes of this file read so far, and its size. */
  bytesDone: number;
  bytesTotal: number;
  /** Non-empty documents imported so far, over all files (translation: pairs kept so far). */
  documents: number;
  /** Imports in more than one pass over the files (translation: a check, then the writing): which pass this is. */
  stage?: { index: number; count: number; label: string };
}

export interface ImportRequest {
  paths: string[];
  displayNames?: string[];
  options: ImportOptions;
}

export interface ImportControl {
  signal: AbortSignal;
  onProgress: (p: ImportProgress) => void;
}

/** Internal knobs, for tests: tiny chunks exercise chunk boundaries, a tiny vocabulary limit exercises pruning. */
export interface ImportTuning {
  chunkBytes?: number;
  maxVocabEntries?: number;
}

const PROGRESS_INTERVAL_MS = 100;
/** Check for cancellation at least this often within a batch (the CJK segmenter is slow). */
const DOCUMENTS_PER_CHECK = 1024;

export async function importCorpus(ws: Workspace, request: ImportRequest, control: ImportControl, tuning: ImportTuning = {}): Promise<CorpusInfo> {
  const { options } = request;
  if (request.paths.length === 0) throw new StudioError('ImportError', userText('No files to import'));
  const fileNames = request.paths.map((p, i) => request.displayNames?.[i] ?? path.basename(p));
  checkCancelled(control.signal);
  // Look at every file before writing anything: a missing or binary third file fails the import at once.
  const sniffed: Sniffed[] = [];
  for (let i = 0; i < request.paths.length; i++) {
    sniffed.push(await sniffFile(request.paths[i], fileNames[i], options.encoding));
    checkCancelled(control.signal);
  }

  if (options.task === 'translation') {
    const stages = ['checking', 'importing'];
    return importPairs(ws, request, sniffed, {
      signal: control.signal,
      onProgress: (p) => control.onProgress({ fileName: fileNames[p.fileIndex], fileIndex: p.fileIndex, fileCount: p.fileCount, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, documents: p.pairs, stage: { index: p.stage, count: 2, label: stages[p.stage] } }),
    }, tuning);
  }

  const id = newId('c');
  return createDirAtomic(ws.corpusDir(id), async (dir) => {
    const stats = new StatsCollector(tuning.maxVocabEntries);
    const tokenizer = importTokenizer(options);
    const tokenize = createTokenizer(tokenizer, options.lowercase);
    // The first documents as read, kept beside the corpus for the token preview before training (token-preview.ts).
    const sample = new SampleKeeper();
    let counter: ByteCounter = { bytes: 0 };
    const sources: CorpusSource[] = [];
    let lastReport = 0;
    const report = (fileIndex: number, force = false) => {
      const now = Date.now();
      if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
      lastReport = now;
      const bytesTotal = sniffed[fileIndex].sizeBytes;
      control.onProgress({ fileName: fileNames[fileIndex], fileIndex, fileCount: sniffed.length, bytesDone: counter.bytes, bytesTotal, documents: stats.documentCount });
    };

    report(0, true);
    const task = options.task as 'text' | 'classification' | 'tagging';
    const labelCounts = new Map<string, number>();
    // Labelled corpora also write labels.txt (a label per line) or tags.txt (a tag per token), aligned with tokens.txt.
    const withLabels = async (fill: (labelsOut: Writable | null) => Promise<void>) =>
      task === 'text' ? fill(null) : writeStreamAtomic(path.join(dir, task === 'classification' ? 'labels.txt' : 'tags.txt'), fill);
    await withLabels((labelsOut) => writeStreamAtomic(path.join(dir, 'tokens.txt'), async (out) => {
      // Keep the stream's first error and rethrow it below. Without a listener, a write still in flight when an
      // aborted import destroys the stream would surface as an uncaught 'error' event and crash the engine.
      const writes = { failure: null as Error | null };
      out.on('error', (error) => (writes.failure ??= error));
      const checkWrites = () => {
        if (writes.failure) throw writes.failure;
      };
      for (let i = 0; i < sniffed.length; i++) {
        const file = sniffed[i];
        counter = { bytes: 0 };
        const format = options.format === 'auto' ? detectFormat(file.fileName, file.sampleText) : options.format;
        const before = stats.documentCount;
        const source = task === 'text'
          ? readSourceDocuments({ filePath: request.paths[i], fileName: file.fileName, encoding: file.encoding, format, column: options.column, counter, chunkBytes: tuning.chunkBytes })
          : readLabelledSource({ filePath: request.paths[i], fileName: file.fileName, encoding: file.encoding, format, task, column: options.column, labelColumn: options.labelColumn, counter, chunkBytes: tuning.chunkBytes });
        try {
          for await (const batch of source.batches) {
            sample.add(batch as (string | LabelledExample)[]);
            if (labelsOut) await writeLabelled(batch as LabelledExample[], tokenize, options.lowercase, stats, labelCounts, out, labelsOut, control.signal);
            else await writeDocuments(batch as string[], tokenize, stats, out, control.signal);
            checkWrites();
            report(i);
          }
        } catch (error) {
          // Reading errors name the user's file; a failed write (disk full) is ours and passes through.
          throw error === writes.failure ? error : readError(file.fileName, error);
        }
        const documents = stats.documentCount - before;
        if (documents === 0) throw importError(file.fileName, userText('{file} has no text to import: no document has any words after tokenising', { file: file.fileName }));
        sources.push({ fileName: file.fileName, sizeBytes: file.sizeBytes, encoding: file.encoding, format, column: format === 'text' ? null : source.chosen.column, documents, ...('label' in source.chosen && source.chosen.label ? { labelColumn: source.chosen.label } : {}) });
      }
      checkWrites();
      report(sniffed.length - 1, true);
    }));
    checkCancelled(control.signal);

    const info: CorpusInfo = {
      id,
      name: options.name ?? fileNames[0],
      createdAt: new Date().toISOString(),
      sources,
      tokenizer,
      lowercase: options.lowercase,
      stats: stats.finish(),
      task,
      labels: [...labelCounts].map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1)),
    };
    await sample.write(dir);
    await writeJsonAtomic(path.join(dir, 'corpus.json'), info);
    return info;
  });
}

/** Tokenise a batch, count it, and write its non-empty documents as one chunk (fewer, larger writes). */
async function writeDocuments(texts: string[], tokenize: (text: string) => string[], stats: StatsCollector, out: Writable, signal: AbortSignal): Promise<void> {
  let lines = '';
  for (let i = 0; i < texts.length; i++) {
    if (i % DOCUMENTS_PER_CHECK === 0) checkCancelled(signal);
    const tokens = tokenize(texts[i]);
    if (tokens.length === 0) continue;
    stats.addDocument(tokens);
    lines += tokens.join(' ') + '\n';
  }
  if (lines.length > 0) await writeChunk(out, lines);
}

/** Labelled examples: tokens.txt gets the tokens, labels.txt the label or tags.txt the tags, line for line. */
async function writeLabelled(batch: LabelledExample[], tokenize: (text: string) => string[], lowercase: boolean, stats: StatsCollector, counts: Map<string, number>, out: Writable, labelsOut: Writable, signal: AbortSignal): Promise<void> {
  let lines = '';
  let labels = '';
  for (let i = 0; i < batch.length; i++) {
    if (i % DOCUMENTS_PER_CHECK === 0) checkCancelled(signal);
    const example = batch[i];
    // Tagging keeps the file's own tokens (one tag each); spaces inside a token would break the alignment.
    const tokens = 'text' in example ? tokenize(example.text) : example.tokens.map((t) => (lowercase ? t.toLowerCase() : t).replace(/\s/g, '_'));
    if (tokens.length === 0) continue;
    const labelled = 'text' in example ? [example.label.replace(/\s+/g, '_')] : example.tags;
    for (const l of labelled) counts.set(l, (counts.get(l) ?? 0) + 1);
    stats.addDocument(tokens);
    lines += tokens.join(' ') + '\n';
    labels += labelled.join(' ') + '\n';
  }
  if (lines.length > 0) {
    await writeChunk(out, lines);
    await writeChunk(labelsOut, labels);
  }
}

function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new StudioError('CancelledError', userText('The import was cancelled'));
}
