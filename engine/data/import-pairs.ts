/**
 * Imports sentence pairs (the translation task) in two passes over the files:
 * 1. the check (pair-check.ts): every pair read, tokenised and judged, nothing written. Aligned files of different
 *    lengths fail the import; so does any other issue with `onIssues: 'abort'`, listing them all;
 * 2. the same reading again, writing the kept pairs: `tokens.txt` the source side and `target.txt` the target side,
 *    line for line, tokens joined by single spaces — so the corpus statistics, word2vec and the language model read
 *    the source side as any corpus — and `corpus.json` with both sides' statistics in `pairs`.
 * The folder is built beside its final place and renamed in at the end: an import that fails leaves nothing.
 */
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { CorpusInfo, CorpusSource, ImportOptions } from '../../contract/corpus.ts';
import { StudioError } from '../../contract/errors.ts';
import { createDirAtomic, writeChunk, writeJsonAtomic, writeStreamAtomic } from '../workspace/atomic.ts';
import { newId, type Workspace } from '../workspace/workspace.ts';
import { importError } from './import-error.ts';
import { checkPairs, IssueLog, judgePairs, newPassInfo, pairIssuesError, pairOptions, planPairs, type PassProgress } from './pair-check.ts';
import type { Sniffed } from './sniff.ts';
import { StatsCollector } from './stats.ts';
import { userText } from '../../contract/user-text.ts';

/** The corpus file of the target side; `tokens.txt` holds the source side. */
export const TARGET_FILE = 'target.txt';

export interface PairImportControl {
  signal: AbortSignal;
  /** `stage` 0 is the check, 1 the writing. */
  onProgress: (p: PassProgress & { stage: number }) => void;
}

export async function importPairs(
  ws: Workspace,
  request: { paths: string[]; options: ImportOptions },
  sniffed: Sniffed[],
  control: PairImportControl,
  tuning: { chunkBytes?: number; maxVocabEntries?: number } = {},
): Promise<CorpusInfo> {
  const options = pairOptions(request.options);
  const plan = planPairs(request.paths, sniffed, options);
  const check = await checkPairs(plan, options, { signal: control.signal, chunkBytes: tuning.chunkBytes, onProgress: (p) => control.onProgress({ ...p, stage: 0 }) });
  const fatal = check.issues.filter((i) => i.fatal);
  const order = plan.files.map((f) => f.fileName);
  if (fatal.length > 0) throw pairIssuesError(fatal, order);
  if (check.issues.length > 0 && options.onIssues === 'abort') throw pairIssuesError(check.issues, order);
  if (check.kept === 0) {
    const [a, b] = order;
    throw importError(a, b === undefined || order.length > 2 ? userText('{file}: no pair is left to import', { file: order.join(' and ') }) : userText('{source} and {target}: no pair is left to import', { source: a, target: b }));
  }

  const id = newId('c');
  return createDirAtomic(ws.corpusDir(id), async (dir) => {
    const sides = [new StatsCollector(tuning.maxVocabEntries), new StatsCollector(tuning.maxVocabEntries)];
    const perFile = plan.files.map(() => 0);
    const log = new IssueLog();
    const info = newPassInfo();
    await writeStreamAtomic(path.join(dir, TARGET_FILE), (targetOut) =>
      writeStreamAtomic(path.join(dir, 'tokens.txt'), async (sourceOut) => {
        const failure = keepFirstError([sourceOut, targetOut]);
        const pass = judgePairs(plan, options, log, info, { signal: control.signal, chunkBytes: tuning.chunkBytes, onProgress: (p) => control.onProgress({ ...p, stage: 1 }) });
        for await (const batch of pass) {
          let source = '';
          let target = '';
          for (const pair of batch) {
            sides[0].addDocument(pair.source);
            sides[1].addDocument(pair.target);
            perFile[pair.fileIndex]++;
            source += pair.source.join(' ') + '\n';
            target += pair.target.join(' ') + '\n';
          }
          await writeChunk(sourceOut, source);
          await writeChunk(targetOut, target);
          if (failure.error) throw failure.error;
        }
      }),
    );
    const kept = sides[0].documentCount;
    if (kept !== check.kept) {
      const [a, b] = order;
      const counts = { checked: check.kept, read: kept };
      throw importError(
        a,
        b === undefined || order.length > 2
          ? userText('{file} changed while being imported ({checked} pairs checked, {read} read); import again', { file: order.join(' and '), ...counts })
          : userText('{source} and {target} changed while being imported ({checked} pairs checked, {read} read); import again', { source: a, target: b, ...counts }),
      );
    }
    if (control.signal.aborted) throw new StudioError('CancelledError', userText('The import was cancelled'));

    const sources: CorpusSource[] = plan.files.map((f, i) => ({
      fileName: f.fileName,
      sizeBytes: f.sizeBytes,
      encoding: f.encoding,
      format: f.format,
      column: plan.layout === 'aligned' ? null : info.fileColumns[i],
      documents: plan.layout === 'aligned' ? kept : perFile[i],
    }));
    const [source, target] = sides.map((s) => s.finish());
    const corpus: CorpusInfo = {
      id,
      name: options.name ?? plan.files[0].fileName,
      createdAt: new Date().toISOString(),
      sources,
      tokenizer: options.tokenizer,
      lowercase: options.lowercase,
      stats: source,
      task: 'translation',
      labels: [],
      pairs: {
        sourceLanguage: check.sourceLanguage,
        targetLanguage: check.targetLanguage,
        count: kept,
        swapped: options.swap,
        layout: plan.layout,
        source,
        target,
        maxTokens: options.maxTokens,
        filtered: { ...log.counts },
      },
    };
    await writeJsonAtomic(path.join(dir, 'corpus.json'), corpus);
    return corpus;
  });
}

/**
 * Keep the streams' first error to rethrow it: without a listener, a write still in flight when a failed import
 * destroys its stream would surface as an uncaught 'error' event and crash the engine.
 */
function keepFirstError(streams: Writable[]): { error: Error | null } {
  const failure = { error: null as Error | null };
  for (const s of streams) s.on('error', (error) => (failure.error ??= error));
  return failure;
}
