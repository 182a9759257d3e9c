/**
 * Checkpoints without tfjs-node's file:// handler: the model's weights (and, for `last`, the optimiser's slots —
 * Adam's moments and step counter) as float32 data in one binary file, described by a JSON manifest that also holds
 * the loop's counters. Both are written atomically, binary first; the manifest records the binary's size, so a
 * manifest never describes a half-written binary.
 *   <dir>/checkpoints/<name>.bin   <dir>/checkpoints/<name>.json
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../contract/errors.ts';
import { writeFileAtomic, writeJsonAtomic } from '../workspace/atomic.ts';

interface TensorEntry {
  name: string;
  shape: number[];
  /** Offset and length in float32 elements. */
  offset: number;
  length: number;
}

export interface CheckpointManifest<S> {
  format: 'nlp-studio-checkpoint-1';
  weights: TensorEntry[];
  optimizer: TensorEntry[] | null;
  bytes: number;
  state: S;
}

export const checkpointPaths = (dir: string, name: string) => ({
  bin: path.join(dir, 'checkpoints', `${name}.bin`),
  json: path.join(dir, 'checkpoints', `${name}.json`),
});

export async function saveCheckpoint<S>(dir: string, name: string, model: tf.LayersModel, optimizer: tf.Optimizer | null, state: S): Promise<void> {
  const weights = model.getWeights().map((t, i) => ({ name: `w${i}`, tensor: t }));
  const slots = optimizer ? await optimizer.getWeights() : null;
  const entries: TensorEntry[] = [];
  const parts: Float32Array[] = [];
  let offset = 0;
  const add = (named: { name: string; tensor: tf.Tensor }) => {
    const data = named.tensor.dataSync() as Float32Array;
    const entry = { name: named.name, shape: named.tensor.shape, offset, length: data.length };
    parts.push(data instanceof Float32Array ? data : Float32Array.from(data));
    offset += data.length;
    return entry;
  };
  weights.forEach((w) => entries.push(add(w)));
  const optimizerEntries = slots ? slots.map(add) : null;
  const all = new Float32Array(offset);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  // getWeights on Adam makes a fresh scalar for the step counter; the moments are the live variables.
  slots?.[0]?.tensor.dispose();
  const files = checkpointPaths(dir, name);
  await writeFileAtomic(files.bin, new Uint8Array(all.buffer));
  const manifest: CheckpointManifest<S> = { format: 'nlp-studio-checkpoint-1', weights: entries, optimizer: optimizerEntries && optimizerEntries.slice(), bytes: all.byteLength, state };
  await writeJsonAtomic(files.json, manifest);
}

export async function readCheckpointManifest<S>(dir: string, name: string): Promise<CheckpointManifest<S> | null> {
  const text = await readFile(checkpointPaths(dir, name).json, 'utf8').catch(() => null);
  return text === null ? null : (JSON.parse(text) as CheckpointManifest<S>);
}

/** Load weights into the model (same architecture) and, if given, the optimiser's slots. Returns the saved state. */
export async function loadCheckpoint<S>(dir: string, name: string, model: tf.LayersModel, optimizer: tf.Optimizer | null): Promise<S> {
  const manifest = await readCheckpointManifest<S>(dir, name);
  if (!manifest) throw new StudioError('NotFoundError', `No checkpoint "${name}" in ${dir}`);
  const buf = await readFile(checkpointPaths(dir, name).bin);
  if (buf.byteLength !== manifest.bytes) throw new StudioError('InternalError', `Checkpoint ${name} is damaged: ${buf.byteLength} bytes, expected ${manifest.bytes}`);
  const data = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const tensor = (e: TensorEntry) => tf.tensor(data.slice(e.offset, e.offset + e.length), e.shape, 'float32');
  const current = model.getWeights();
  if (current.length !== manifest.weights.length || current.some((w, i) => w.shape.join() !== manifest.weights[i].shape.join())) {
    throw new StudioError('ValidationError', `Checkpoint ${name} does not fit this model (different layers or sizes)`);
  }
  const weights = manifest.weights.map(tensor);
  model.setWeights(weights);
  tf.dispose(weights);
  if (optimizer && manifest.optimizer && manifest.optimizer.length > 0) {
    // setWeights turns each tensor into a variable of its own, so these are not disposed here.
    await optimizer.setWeights(manifest.optimizer.map((e) => ({ name: e.name, tensor: tensor(e) })));
  }
  return manifest.state;
}
