/**
 * Import an exported recurrent model (the export flow's zip of a run's `tfjs/` folder, under `model/`) as a new,
 * completed run: the files go into the run's `tfjs/` folder, `sequence.json` into the run folder, and the weights
 * become the run's `best` and `last` checkpoints, so predict / generate / evaluate work on it and `runs.resume`
 * continues training it (on a corpus given then: an imported run has none of its own).
 * The `last` checkpoint holds no optimiser state and counters at zero: continuing trains `config.epochs` epochs
 * from the imported weights with a fresh optimiser.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from '../../contract/zod.ts';
import { Tokenizer } from '../../contract/corpus.ts';
import { StudioError } from '../../contract/errors.ts';
import { RunSpec, type RunInfo } from '../../contract/runs.ts';
import type { EngineContext } from '../engine.ts';
import { readZip, type ZipEntry } from '../export/unzip.ts';
import { LAYERS_DIR } from '../models/rnn/layers-export.ts';
import { summarize } from '../models/rnn/rnn.ts';
import type { SequenceMeta } from '../models/rnn/sequence-data.ts';
import { saveCheckpoint } from './checkpoint.ts';
import { loadSequenceModel, saveSequenceMeta } from './sequence-model.ts';
import type { LoopState } from './train-loop.ts';
import { trainingBackend } from './sequence-run.ts';

/** What sequence.json must hold (the config is checked by RunSpec, with the task as the model). */
const MetaShape = z.object({
  task: z.enum(['classifier', 'tagger', 'lm']),
  config: z.unknown(),
  vocab: z.object({ level: z.enum(['word', 'char']), tokens: z.array(z.string()).min(4) }),
  labels: z.array(z.string()),
  tokenizer: Tokenizer,
  lowercase: z.boolean(),
});

const FRESH: LoopState = { step: 0, epoch: 0, batchInEpoch: 0, best: null, badEpochs: 0, seconds: 0, tokens: 0, stopped: null };

export async function importModel(ctx: EngineContext, input: { path: string; displayName?: string | undefined; name?: string | undefined }): Promise<{ runId: string }> {
  const fileName = input.displayName ?? path.basename(input.path);
  const fail = (reason: string) => new StudioError('ImportError', `Cannot import ${fileName}: ${reason}`, { file: fileName });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(input.path));
  } catch (error) {
    throw fail((error as Error).message);
  }
  const files = modelFiles(readZip(bytes, fileName), fail);
  const described = parseMeta(files.get('sequence.json')!, fail);
  const spec = RunSpec.safeParse({ model: described.task, config: described.config });
  if (!spec.success) throw fail(`sequence.json has an invalid config (${spec.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  if (!('config' in spec.data) || spec.data.model === 'word2vec' || spec.data.model === 'pretrained') throw fail('sequence.json does not describe a recurrent model');
  const meta: SequenceMeta = { ...described, config: spec.data.config };
  if (meta.task !== 'lm' && meta.labels.length === 0) throw fail('sequence.json lists no labels');
  const card = files.has('MODEL_CARD.md') ? new TextDecoder().decode(files.get('MODEL_CARD.md')) : '';
  const base = fileName.replace(/\.zip$/i, '');
  const corpusName = /^- Corpus: (.+?) \(\d+ documents/m.exec(card)?.[1] ?? base;
  const title = /^# (.+)$/m.exec(card)?.[1]?.trim();

  const run: RunInfo = await ctx.runs.create({ name: input.name ?? `${title || base} (imported)`, corpusId: null, corpusName, spec: spec.data, backend: null });
  const dir = ctx.runs.dir(run.id);
  try {
    // The files, as a temporary folder renamed in.
    const temp = path.join(dir, `.${LAYERS_DIR}.tmp`);
    await mkdir(temp, { recursive: true });
    for (const [name, data] of files) await writeFile(path.join(temp, name), data);
    await rename(temp, path.join(dir, LAYERS_DIR));
    await saveSequenceMeta(dir, meta);
    await ctx.backend(); // the engine's backend selection must have finished before tfjs is used
    const { backend } = await trainingBackend();
    let loaded;
    try {
      loaded = await loadSequenceModel(path.join(dir, LAYERS_DIR));
    } catch (error) {
      throw fail(`the weights do not fit the model sequence.json describes (${(error as Error).message})`);
    }
    try {
      await saveCheckpoint(dir, 'best', loaded.model, null, FRESH);
      await saveCheckpoint(dir, 'last', loaded.model, null, FRESH);
      const params = summarize(loaded.model).totalParams;
      await ctx.runs.setBackend(run.id, backend);
      await ctx.runs.finish(run.id, { status: 'completed', summary: { params, vocabSize: meta.vocab.tokens.length } });
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
  if (prefix === null) throw fail('no model/model.json in the archive: is it a model exported by NLP Studio?');
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (!e.name.startsWith(prefix)) continue;
    const rest = e.name.slice(prefix.length);
    if (rest.includes('/') || rest.includes('\\') || rest.startsWith('.')) continue; // sub-folders, hidden files
    files.set(rest, e.data);
  }
  if (!files.has('model.json') || !files.has('sequence.json')) throw fail(`no ${prefix}sequence.json in the archive: NLP Studio needs it to tokenise and predict`);
  return files;
}

function parseMeta(data: Uint8Array, fail: (reason: string) => StudioError): SequenceMeta {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(data));
  } catch (error) {
    throw fail(`sequence.json is not JSON (${(error as Error).message})`);
  }
  const parsed = MetaShape.safeParse(json);
  if (!parsed.success) throw fail(`sequence.json is not an NLP Studio model description (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  return parsed.data as SequenceMeta;
}
