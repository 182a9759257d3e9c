/**
 * Importing a pretrained vectors file as a run: the `vectors` job behind `vectors.import`. The run folder gets the
 * same model files a trained word2vec run has (vectors.bin + vocab.tsv, counts 0: the files do not carry them), so
 * exploring, evaluating, exporting — and later, initialising embedding layers — load it with `loadWord2VecModel`.
 */
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError, errorToData } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import type { RunInfo, RunSummary } from '../../contract/runs.ts';
import type { VectorsImportOptions } from '../../contract/word2vec.ts';
import type { EngineContext } from '../engine.ts';
import { formatBytes, formatCount } from '../format.ts';
import type { JobContext } from '../jobs/job-manager.ts';
import { VECTORS_FILE, VOCAB_FILE, saveWord2VecModel } from '../models/word2vec/model-store.ts';
import { readPretrainedVectors } from './read-vectors.ts';
import { sniffVectors } from './sniff.ts';
import type { VectorsLayout } from './sniff.ts';

/** Share of the progress bar for reading the file; saving vectors.bin takes the rest. */
const READ_SHARE = 0.9;

/**
 * Checks the file and its format first (so a wrong file fails the call itself, with no run created), then creates
 * the run and starts the job. The run ends `completed`, `cancelled` or `failed`; a run that did not complete has
 * no model files.
 */
export async function startVectorsImport(ctx: EngineContext, request: { path: string; displayName?: string; options: VectorsImportOptions }): Promise<{ jobId: string; runId: string }> {
  const fileName = request.displayName ?? path.basename(request.path);
  try {
    const info = await stat(request.path);
    if (info.isDirectory()) throw new StudioError('ImportError', userText('{file} is a folder, not a vectors file', { file: fileName }), { file: fileName });
  } catch (error) {
    if (error instanceof StudioError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('NotFoundError', userText('The file does not exist: {file}', { file: fileName }), { file: fileName });
    throw new StudioError('ImportError', userText('Cannot read {file}: {reason}', { file: fileName, reason: (error as Error).message }), { file: fileName });
  }
  const layout = await sniffVectors(request.path, fileName, request.options.format);
  const { maxWords, name } = request.options;
  const run = await ctx.runs.create({
    corpusId: null,
    corpusName: fileName,
    spec: { model: 'pretrained', config: { format: layout.format, fileName, maxWords: maxWords ?? null } },
    backend: null,
    ...(name ? { name } : {}),
  });
  const job = ctx.jobs.start('vectors', userText('Import {file}', { file: fileName }), run.id, async (job) => {
    let finished: RunInfo;
    try {
      const summary = await importIntoRun(ctx, run, { path: request.path, fileName, layout, ...(maxWords ? { maxWords } : {}) }, job);
      finished = await ctx.runs.finish(run.id, { status: 'completed', summary });
    } catch (error) {
      const dir = ctx.runs.dir(run.id);
      await Promise.all([VECTORS_FILE, VOCAB_FILE].map((f) => rm(path.join(dir, f), { force: true })));
      const cancelled = job.signal.aborted || (error instanceof StudioError && error.name === 'CancelledError');
      await ctx.runs.finish(run.id, cancelled ? { status: 'cancelled' } : { status: 'failed', error: errorToData(error) });
      throw error;
    }
    return { kind: 'vectors', run: finished };
  });
  return { jobId: job.jobId, runId: run.id };
}

async function importIntoRun(
  ctx: EngineContext,
  run: RunInfo,
  file: { path: string; fileName: string; layout: VectorsLayout; maxWords?: number },
  job: JobContext,
): Promise<RunSummary> {
  const started = Date.now();
  const { kv, duplicates, latin1Words } = await readPretrainedVectors(file.path, {
    fileName: file.fileName,
    layout: file.layout,
    ...(file.maxWords ? { maxWords: file.maxWords } : {}),
    signal: job.signal,
    onProgress: ({ bytesRead, totalBytes, words }) => {
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0.5 ? bytesRead / seconds : 0;
      job.progress({
        fraction: (totalBytes > 0 ? bytesRead / totalBytes : 1) * READ_SHARE,
        etaSeconds: rate > 0 ? (totalBytes - bytesRead) / rate : null,
        message: userText('{file}: {read} of {total} · {words} words', { file: file.fileName, read: formatBytes(bytesRead), total: formatBytes(totalBytes), words: formatCount(words) }),
      });
    },
  });
  job.progress({ fraction: READ_SHARE, etaSeconds: null, message: userText('Saving {count} vectors of {dim} dimensions', { count: formatCount(kv.size), dim: kv.dim }) });
  await saveWord2VecModel(ctx.runs.dir(run.id), kv);
  if (job.signal.aborted) throw new StudioError('CancelledError', userText('The import was cancelled'));
  return {
    vocabSize: kv.size,
    dim: kv.dim,
    seconds: (Date.now() - started) / 1000,
    ...(duplicates > 0 ? { duplicates } : {}),
    ...(latin1Words > 0 ? { latin1Words } : {}),
  };
}
