/**
 * Commands on a run's word vectors: `neighbors`, `similarity`, `analogy`; and `export` (vectors, or a neural run's model).
 * `--model` is a run folder (e.g. a training `--out DIR`) or the id of a run in the workspace.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { ExportFormat } from '../../contract/word2vec.ts';
import { zipExportFolder } from '../../engine/export/layers-export.ts';
import type { KeyedVectors } from '../../engine/models/word2vec/keyed-vectors.ts';
import { loadWord2VecModel } from '../../engine/models/word2vec/model-store.ts';
import { writeVectorFile } from '../../engine/export/export-store.ts';
import { Workspace, defaultWorkspaceDir } from '../../engine/workspace/workspace.ts';
import { formatBytes } from '../../engine/format.ts';
import { intFlag, parse, requireFlag } from '../args.ts';
import { printJson, printScores } from '../output.ts';
import { statSync } from 'node:fs';

const modelOptions = { model: { type: 'string' }, top: { type: 'string' } } as const;

/** `--model`: a run folder, or the id of a run in the workspace. */
function modelDir(model: string, workspace: string | boolean | undefined): string {
  let dir = model;
  if (!existsSync(dir) && /^r-[a-z0-9-]+$/.test(model)) {
    dir = new Workspace(typeof workspace === 'string' ? workspace : defaultWorkspaceDir()).runDir(model);
  }
  if (!existsSync(dir)) throw new StudioError('NotFoundError', `No model at ${model}: give a run folder or a run id`, { file: model });
  return path.resolve(dir);
}

const openModel = (model: string, workspace: string | boolean | undefined): Promise<KeyedVectors> => loadWord2VecModel(modelDir(model, workspace));

/** How many answers --top may ask for (as the explorer's queries: contract/methods.ts). */
const TOP = { min: 1, max: 1000 };

export async function runNeighbors(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, modelOptions);
  if (positionals.length !== 1) throw new StudioError('ValidationError', 'Usage: nlp-studio neighbors --model DIR WORD [--top N]');
  const top = intFlag(values.top, 'top', TOP) ?? 10;
  const kv = await openModel(requireFlag(values.model, 'model'), values.workspace);
  const neighbors = kv.neighbors(positionals[0], top);
  if (values.json) printJson({ word: positionals[0], neighbors });
  else printScores(neighbors);
}

export async function runSimilarity(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, modelOptions);
  if (positionals.length !== 2) throw new StudioError('ValidationError', 'Usage: nlp-studio similarity --model DIR WORD1 WORD2');
  const kv = await openModel(requireFlag(values.model, 'model'), values.workspace);
  const score = kv.similarity(positionals[0], positionals[1]);
  if (values.json) printJson({ a: positionals[0], b: positionals[1], score });
  else console.log(score.toFixed(4));
}

export async function runAnalogy(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, modelOptions);
  if (positionals.length !== 3) throw new StudioError('ValidationError', 'Usage: nlp-studio analogy --model DIR A B C   (A − B + C, e.g. king man woman → queen)');
  const top = intFlag(values.top, 'top', TOP) ?? 10;
  const kv = await openModel(requireFlag(values.model, 'model'), values.workspace);
  const [a, b, c] = positionals;
  const answers = kv.analogy(a, b, c, top);
  if (values.json) printJson({ a, b, c, answers });
  else printScores(answers);
}

export async function runExport(argv: string[]): Promise<void> {
  const { values } = parse(argv, { model: { type: 'string' }, format: { type: 'string' }, to: { type: 'string' } });
  const format = ExportFormat.safeParse(requireFlag(values.format, 'format'));
  if (!format.success) throw new StudioError('ValidationError', `--format must be one of ${ExportFormat.options.join(', ')}`);
  const to = path.resolve(requireFlag(values.to, 'to'));
  if (format.data === 'tfjs-layers') {
    // Classifier, tagger and language-model runs: their TensorFlow.js Layers model with vocabulary and card.
    await zipExportFolder(modelDir(requireFlag(values.model, 'model'), values.workspace), to);
    const size = statSync(to).size;
    if (values.json) printJson({ file: to, format: format.data, sizeBytes: size });
    else console.log(`Wrote the TensorFlow.js Layers model to ${to} (${formatBytes(size)})`);
    return;
  }
  const kv = await openModel(requireFlag(values.model, 'model'), values.workspace);
  await writeVectorFile(kv, format.data, to);
  const size = statSync(to).size;
  if (values.json) printJson({ file: to, format: format.data, words: kv.words.length, dim: kv.dim, sizeBytes: size });
  else console.log(`Wrote ${kv.words.length} vectors (${kv.dim} dimensions, ${format.data}) to ${to} (${formatBytes(size)})`);
}
