/**
 * Import an exported neural model (the export flow's zip of a run's `tfjs/` folder, under `model/`) as a new,
 * completed run: the files go into the run's `tfjs/` folder, `family.json` into the run folder, and the weights
 * become the run's `best` and `last` checkpoints, so predict / generate / evaluate work on it and `runs.resume`
 * continues training it (on a corpus given then: an imported run has none of its own).
 * The `last` checkpoint holds no optimiser state and counters at zero: continuing trains `training.epochs` epochs
 * from the imported weights with a fresh optimiser.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import { RunSpec, type RunInfo } from '../../contract/runs.ts';
import type { EngineContext } from '../engine.ts';
import { readZip, type ZipEntry } from '../export/unzip.ts';
import { EXPORT_DIR } from '../export/layers-export.ts';
import { META_FILE } from '../families/family.ts';
import { loadModel } from '../families/load-model.ts';
import { parseMeta, saveMeta } from '../families/registry.ts';
import { saveCheckpoint } from './checkpoint.ts';
import { replaceDirAtomic } from '../workspace/atomic.ts';
import { commitWithManifest, digestOf } from '../runs/manifest.ts';
import type { LoopState } from './train-loop.ts';
import { trainingBackend } from './family-run.ts';

/** The meta file of exports made before the family seam (recurrent models). */
const LEGACY_META_FILE = 'sequence.json';

const FRESH: LoopState = { step: 0, epoch: 0, batchInEpoch: 0, best: null, badEpochs: 0, seconds: 0, tokens: 0, stopped: null };

export async function importModel(ctx: EngineContext, input: { path: string; displayName?: string | undefined; name?: string | undefined }): Promise<{ runId: string }> {
  const fileName = input.displayName ?? path.basename(input.path);
  const fail = (reason: string) => new StudioError('ImportError', userText('Cannot import {file}: {reason}', { file: fileName, reason }), { file: fileName });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(input.path));
  } catch (error) {
    throw fail((error as Error).message);
  }
  const files = modelFiles(await readZip(bytes, fileName), fail);
  const metaFile = files.has(META_FILE) ? META_FILE : LEGACY_META_FILE;
  let meta;
  try {
    ({ meta } = parseMeta(new TextDecoder().decode(files.get(metaFile)), metaFile));
  } catch (error) {
    throw fail((error as Error).message);
  }
  const spec = RunSpec.safeParse({ model: meta.task, arch: meta.arch, training: meta.training });
  if (!spec.success) throw fail(userText('{file} has invalid settings ({issues})', { file: metaFile, issues: spec.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
  const labels = (meta as { labels?: string[] }).labels;
  if (labels && meta.task !== 'lm' && labels.length === 0) throw fail(userText('{file} lists no labels', { file: metaFile }));
  const card = files.has('MODEL_CARD.md') ? new TextDecoder().decode(files.get('MODEL_CARD.md')) : '';
  const base = fileName.replace(/\.zip$/i, '');
  const corpusName = /^- Corpus: (.+?) \(\d+ documents/m.exec(card)?.[1] ?? base;
  const title = /^# (.+)$/m.exec(card)?.[1]?.trim();

  const run: RunInfo = await ctx.runs.create({ name: input.name ?? `${title || base} (imported)`, corpusId: null, corpusName, spec: spec.data, backend: null });
  const dir = ctx.runs.dir(run.id);
  try {
    // The files, as a temporary folder renamed in, their checksums in the run's manifest.
    const digests = Object.fromEntries([...files].map(([name, data]) => [`${EXPORT_DIR}/${name}`, digestOf(data)]));
    await replaceDirAtomic(
      path.join(dir, EXPORT_DIR),
      async (temp) => {
        for (const [name, data] of files) await writeFile(path.join(temp, name), data);
      },
      (swap) => commitWithManifest(dir, digests, swap, `${EXPORT_DIR}/`),
    );
    await saveMeta(dir, meta);
    await ctx.backend(); // the engine's backend selection must have finished before tfjs is used
    const { backend } = await trainingBackend();
    let loaded;
    try {
      loaded = await loadModel(path.join(dir, EXPORT_DIR));
    } catch (error) {
      throw fail(userText('the weights do not fit the model {file} describes ({reason})', { file: metaFile, reason: (error as Error).message }));
    }
    try {
      await saveCheckpoint(dir, 'best', loaded.model.weights(), null, FRESH);
      await saveCheckpoint(dir, 'last', loaded.model.weights(), null, FRESH);
      const params = loaded.model.summary().totalParams;
      await ctx.runs.setBackend(run.id, backend);
      await ctx.runs.finish(run.id, { status: 'completed', summary: { params, ...loaded.family.summaryFigures(meta) } });
    } finally {
      loaded.dispose();
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { runId: run.id };
}

/** The files of the model folder (`model/`, or the archive's top level when a user re-zipped the files alone). */
function modelFiles(entries: ZipEntry[], fail: (reason: string) => StudioError): Map<string, Uint8Array> {
  const prefix = entries.some((e) => e.name === 'model/model.json') ? 'model/' : entries.some((e) => e.name === 'model.json') ? '' : null;
  if (prefix === null) throw fail(userText('no model/model.json in the archive: is it a model exported by NLP Studio?'));
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (!e.name.startsWith(prefix)) continue;
    const rest = e.name.slice(prefix.length);
    if (rest.includes('/') || rest.includes('\\') || rest.startsWith('.')) continue; // sub-folders, hidden files
    files.set(rest, e.data);
  }
  if (!files.has(META_FILE) && !files.has(LEGACY_META_FILE)) throw fail(userText('no {file} in the archive: NLP Studio needs it to tokenise and predict', { file: `${prefix}${META_FILE}` }));
  return files;
}
