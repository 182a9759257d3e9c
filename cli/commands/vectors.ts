/**
 * Commands on a trained word2vec model: `neighbors`, `similarity`, `analogy`, `export`.
 * `--model` is a run folder (e.g. a training `--out DIR`) or the id of a run in the workspace.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { VectorFormat } from '../../contract/word2vec.ts';
import type { KeyedVectors } from '../../engine/models/word2vec/keyed-vectors.ts';
import { loadWord2VecModel } from '../../engine/models/word2vec/model-store.ts';
import { writeWord2VecBinary, writeWord2VecText } from '../../engine/models/word2vec/formats.ts';
import { Workspace, defaultWorkspaceDir } from '../../engine/workspace/workspace.ts';
import { formatBytes } from '../../engine/format.ts';
import { intFlag, parse, requireFlag } from '../args.ts';
import { printJson, printScores } from '../output.ts';
import { statSync } from 'node:fs';

const modelOptions = { model: { type: 'string' }, top: { type: 'string' } } as const;

async function openModel(model: string, workspace: string | boolean | undefined): Promise<KeyedVectors> {
  let dir = model;
  if (!existsSync(dir) && /^r-[a-z0-9-]+$/.test(model)) {
    dir = new Workspace(typeof workspace === 'string' ? workspace : defaultWorkspaceDir()).runDir(model);
  }
  if (!existsSync(dir)) throw new StudioError('NotFoundError', `No model at ${model}: give a run folder or a run id`, { file: model });
  return loadWord2VecModel(path.resolve(dir));
}

export async function runNeighbors(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, modelOptions);
  if (positionals.length !== 1) throw new StudioError('ValidationError', 'Usage: nlp-studio neighbors --model DIR WORD [--top N]');
  const kv = await openModel(requireFlag(values.model, 'model'), values.workspace);
  const neighbors = kv.neighbors(positionals[0], intFlag(values.top, 'top') ?? 10);
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
  const kv = await openModel(requireFlag(values.model, 'model'), values.workspace);
  const [a, b, c] = positionals;
  const answers = kv.analogy(a, b, c, intFlag(values.top, 'top') ?? 10);
  if (values.json) printJson({ a, b, c, answers });
  else printScores(answers);
}

export async function runExport(argv: string[]): Promise<void> {
  const { values } = parse(argv, { model: { type: 'string' }, format: { type: 'string' }, to: { type: 'string' } });
  const format = VectorFormat.safeParse(requireFlag(values.format, 'format'));
  if (!format.success) throw new StudioError('ValidationError', `--format must be one of ${VectorFormat.options.join(', ')}`);
  const to = path.resolve(requireFlag(values.to, 'to'));
  const kv = await openModel(requireFlag(values.model, 'model'), values.workspace);
  await (format.data === 'word2vec-bin' ? writeWord2VecBinary(kv, to) : writeWord2VecText(kv, to));
  const size = statSync(to).size;
  if (values.json) printJson({ file: to, format: format.data, words: kv.words.length, dim: kv.dim, sizeBytes: size });
  else console.log(`Wrote ${kv.words.length} vectors (${kv.dim} dimensions, ${format.data}) to ${to} (${formatBytes(size)})`);
}
