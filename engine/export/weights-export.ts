/**
 * Models whose computation is code rather than a Layers graph (Seq2Seq's decoding loop, later the Transformer's)
 * export their weights in the TensorFlow.js weights format: `model.json` with a weights manifest (names, shapes,
 * dtypes) and `weights.bin`, readable by `tf.io.decodeWeights`, beside the family's own files and `MODEL_CARD.md`,
 * in the run folder's EXPORT_DIR (built as a temporary folder renamed in). Read back by name.
 */
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../contract/errors.ts';
import type { NamedWeight } from '../training/checkpoint.ts';
import { writeFileAtomic, writeJsonAtomic } from '../workspace/atomic.ts';
import { EXPORT_DIR } from './layers-export.ts';

const WEIGHTS_FILE = 'weights.bin';

export async function writeNamedWeights(dir: string, weights: NamedWeight[], o: { format: string; files: Record<string, unknown>; card: string }): Promise<string> {
  const target = path.join(dir, EXPORT_DIR);
  const temp = path.join(dir, `.${EXPORT_DIR}.tmp`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  const { data, specs } = await tf.io.encodeWeights(Object.fromEntries(weights.map((w) => [w.name, w.variable])));
  await writeFileAtomic(path.join(temp, WEIGHTS_FILE), new Uint8Array(data as ArrayBuffer));
  await writeJsonAtomic(path.join(temp, 'model.json'), { format: o.format, generatedBy: `NLP Studio (TensorFlow.js v${tf.version_core})`, weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }] });
  for (const [name, json] of Object.entries(o.files)) await writeJsonAtomic(path.join(temp, name), json);
  await writeFileAtomic(path.join(temp, 'MODEL_CARD.md'), o.card);
  await rm(target, { recursive: true, force: true });
  await rename(temp, target);
  return target;
}

/** Assign an exported folder's weights to the model's, by name; a missing or mis-shaped weight is named. */
export async function readNamedWeights(folder: string, weights: NamedWeight[]): Promise<void> {
  const json = JSON.parse(await readFile(path.join(folder, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const buffers = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(path.join(folder, path.basename(p)))));
  const bytes = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of buffers) (bytes.set(b, at), (at += b.byteLength));
  const tensors = tf.io.decodeWeights(bytes.buffer, specs);
  try {
    for (const w of weights) {
      const t = tensors[w.name];
      if (!t) throw new StudioError('ValidationError', `The exported model has no weight "${w.name}"`, { file: path.join(folder, 'model.json') });
      if (t.shape.join() !== w.variable.shape.join()) throw new StudioError('ValidationError', `Weight "${w.name}" is [${t.shape.join(', ')}] in the export and [${w.variable.shape.join(', ')}] in the model`, { file: path.join(folder, 'model.json') });
      w.variable.assign(t);
    }
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
