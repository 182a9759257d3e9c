/**
 * Every neural family the engine trains, by name. The generic runner, the model handlers, the CLI and exports ask
 * here; a new family is one entry (and its architecture schema in contract/ and a member of TrainSpec).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import type { FamilyName, NeuralSpec } from '../../contract/runs.ts';
import { writeJsonAtomic } from '../workspace/atomic.ts';
import { META_FILE, type FamilyBatch, type FamilyModel, type ModelFamily, type ModelMeta } from './family.ts';
import { rnnFamily } from './rnn-family.ts';
import { seq2seqFamily } from './seq2seq-family.ts';

// Each family is typed by its own batch, meta and model; the registry holds them behind the common interface.
type AnyFamily = ModelFamily<FamilyBatch, ModelMeta, FamilyModel<FamilyBatch>>;

const families: Record<FamilyName, AnyFamily> = {
  rnn: rnnFamily as unknown as AnyFamily,
  seq2seq: seq2seqFamily as unknown as AnyFamily,
};

export function family(name: FamilyName): AnyFamily {
  return families[name];
}

export const familyOf = (spec: NeuralSpec): AnyFamily => family(spec.arch.family);

/** The recurrent models' meta file before the seam; still read. */
const LEGACY_META_FILE = 'sequence.json';

export async function saveMeta(dir: string, meta: ModelMeta): Promise<void> {
  await writeJsonAtomic(path.join(dir, META_FILE), meta);
}

/** The meta of a trained model folder (a run or an export) and its family. */
export async function readMeta(dir: string): Promise<{ family: AnyFamily; meta: ModelMeta }> {
  for (const file of [META_FILE, LEGACY_META_FILE]) {
    const text = await readFile(path.join(dir, file), 'utf8').catch(() => null);
    if (text === null) continue;
    return parseMeta(text, file);
  }
  throw new StudioError('NotFoundError', userText('{dir} holds no trained model (no {file})', { dir, file: META_FILE }));
}

/** A meta file's text → its family and meta; an error naming the file when no family reads it. */
export function parseMeta(text: string, file: string): { family: AnyFamily; meta: ModelMeta } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StudioError('ValidationError', userText('{file} is not JSON ({reason})', { file, reason: (error as Error).message }), { file });
  }
  for (const f of Object.values(families)) {
    const meta = f.readMeta(json);
    if (meta) return { family: f, meta };
  }
  throw new StudioError('ValidationError', userText('{file} does not describe a model NLP Studio knows', { file }), { file });
}
