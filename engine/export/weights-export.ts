/**
 * Models whose computation is code rather than a Layers graph (Seq2Seq's decoding loop, later the Transformer's)
 * export their weights in the TensorFlow.js weights format: `model.json` with a weights manifest (names, shapes,
 * dtypes) and `weights.bin`, readable by `tf.io.decodeWeights`, beside the family's own files and `MODEL_CARD.md`,
 * in the run folder's EXPORT_DIR (built as a temporary folder renamed in). Read back by name.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import type { NamedWeight } from '../training/checkpoint.ts';
import { jsonText, replaceDirAtomic, writeFileAtomic } from '../workspace/atomic.ts';
import { commitWithManifest, digestOf, type FileDigest } from '../runs/manifest.ts';
import { EXPORT_DIR, verifyExportFiles } from './layers-export.ts';

const WEIGHTS_FILE = 'weights.bin';

export async function writeNamedWeights(dir: string, weights: NamedWeight[], o: { format: string; files: Record<string, unknown>; card: string }): Promise<string> {
  const target = path.join(dir, EXPORT_DIR);
  const { data, specs } = await tf.io.encodeWeights(Object.fromEntries(weights.map((w) => [w.name, w.variable])));
  // The model files' checksums go into the run's manifest, checked when the export is loaded or zipped.
  const digests: Record<string, FileDigest> = {};
  await replaceDirAtomic(
    target,
    async (temp) => {
      const write = async (name: string, content: string | Uint8Array) => {
        await writeFileAtomic(path.join(temp, name), content);
        digests[`${EXPORT_DIR}/${name}`] = digestOf(content);
      };
      await write(WEIGHTS_FILE, new Uint8Array(data as ArrayBuffer));
      await write('model.json', jsonText({ format: o.format, generatedBy: `NLP Studio (TensorFlow.js v${tf.version_core})`, weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }] }));
      for (const [name, json] of Object.entries(o.files)) await write(name, jsonText(json));
      await writeFileAtomic(path.join(temp, 'MODEL_CARD.md'), o.card);
    },
    (swap) => commitWithManifest(dir, digests, swap, `${EXPORT_DIR}/`),
  );
  return target;
}

/** Assign an exported folder's weights to the model's, by name; a missing or mis-shaped weight is named. */
export async function readNamedWeights(folder: string, weights: NamedWeight[]): Promise<void> {
  const text = await readFile(path.join(folder, 'model.json'), 'utf8');
  await verifyExportFiles(folder, [['model.json', text]]);
  const json = JSON.parse(text) as { weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const names = json.weightsManifest.flatMap((g) => g.paths).map((p) => path.basename(p));
  const buffers = await Promise.all(names.map((name) => readFile(path.join(folder, name))));
  await verifyExportFiles(folder, names.map((name, i) => [name, buffers[i]]));
  const bytes = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of buffers) (bytes.set(b, at), (at += b.byteLength));
  const tensors = tf.io.decodeWeights(bytes.buffer, specs);
  try {
    for (const w of weights) {
      const t = tensors[w.name];
      if (!t) throw new StudioError('ValidationError', userText('The exported model has no weight "{weight}"', { weight: w.name }), { file: path.join(folder, 'model.json') });
      if (t.shape.join() !== w.variable.shape.join()) throw new StudioError('ValidationError', userText('Weight "{weight}" is [{exported}] in the export and [{model}] in the model', { weight: w.name, exported: t.shape.join(', '), model: w.variable.shape.join(', ') }), { file: path.join(folder, 'model.json') });
      w.variable.assign(t);
    }
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
