/**
 * Checkpoints without tfjs-node's file:// handler: a model's weights (and, for `last`, the optimiser's slots —
 * Adam's moments and step counter) as float32 data in one binary file, described by a JSON manifest that also holds
 * the loop's counters. Both are written to temporary files first and only then renamed into place, binary first,
 * so a full disk fails a save before it replaced anything: the previous checkpoint stays whole and resumable. The
 * JSON records the binary's size, and the run's manifest.json (engine/runs/manifest.ts) the SHA-256 of both, which
 * a load checks: a damaged file is named, never loaded.
 *   <dir>/checkpoints/<name>.bin   <dir>/checkpoints/<name>.json
 *
 * Weights are keyed by their stable names (`NamedWeight.name`), never by position: a Transformer's Q, K, V and O
 * projections have the same shape, and a positional load would swap them silently. Loading refuses a missing,
 * extra or mis-shaped weight and names it. Optimiser slots are keyed by the weight they belong to (`<name>/m`).
 * Checkpoints of format 1 (before names: `w0`, `w1`, … in the model's weight order) still load, by that order.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import { commitWithManifest, digestOf, verifyRunFile } from '../runs/manifest.ts';
import { jsonText, stageFile } from '../workspace/atomic.ts';

/** A model weight under the name checkpoints know it by. */
export interface NamedWeight {
  name: string;
  variable: tf.Variable;
  trainable: boolean;
}

interface TensorEntry {
  name: string;
  shape: number[];
  /** Offset and length in float32 elements. */
  offset: number;
  length: number;
}

type Format = 'nlp-studio-checkpoint-1' | 'nlp-studio-checkpoint-2';

export interface CheckpointManifest<S> {
  format: Format;
  weights: TensorEntry[];
  optimizer: TensorEntry[] | null;
  bytes: number;
  state: S;
}

export const checkpointPaths = (dir: string, name: string) => ({
  bin: path.join(dir, 'checkpoints', `${name}.bin`),
  json: path.join(dir, 'checkpoints', `${name}.json`),
});

/** The weights a checkpoint can hold: names must be unique (a duplicate would make a load ambiguous). */
export function checkNames(weights: NamedWeight[]): void {
  const seen = new Set<string>();
  for (const w of weights) {
    if (seen.has(w.name)) throw new StudioError('InternalError', userText('Two weights of the model are both named "{name}": checkpoints could not tell them apart', { name: w.name }));
    seen.add(w.name);
  }
}

export async function saveCheckpoint<S>(dir: string, name: string, weights: NamedWeight[], optimizer: tf.Optimizer | null, state: S): Promise<void> {
  checkNames(weights);
  const entries: TensorEntry[] = [];
  const parts: Float32Array[] = [];
  let offset = 0;
  const add = (entryName: string, tensor: tf.Tensor) => {
    const data = tensor.dataSync() as Float32Array;
    const entry = { name: entryName, shape: tensor.shape, offset, length: data.length };
    parts.push(data instanceof Float32Array ? data : Float32Array.from(data));
    offset += data.length;
    return entry;
  };
  for (const w of weights) entries.push(add(w.name, w.variable));
  let optimizerEntries: TensorEntry[] | null = null;
  if (optimizer) {
    const slots = await optimizer.getWeights();
    // Slots are named after the engine's variable names, which differ between two builds of one model in a process;
    // store them under the weights' stable names instead.
    const stable = new Map(weights.map((w) => [w.variable.name, w.name]));
    optimizerEntries = slots.map((s, i) => {
      const slash = s.name.lastIndexOf('/');
      const owner = slash > 0 ? stable.get(s.name.slice(0, slash)) : undefined;
      return add(i === 0 || owner === undefined ? s.name : `${owner}${s.name.slice(slash)}`, s.tensor);
    });
    // getWeights on Adam makes a fresh scalar for the step counter; the moments are the live variables.
    slots[0]?.tensor.dispose();
  }
  const all = new Float32Array(offset);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const files = checkpointPaths(dir, name);
  const bin = new Uint8Array(all.buffer);
  const manifest: CheckpointManifest<S> = { format: 'nlp-studio-checkpoint-2', weights: entries, optimizer: optimizerEntries, bytes: all.byteLength, state };
  const json = jsonText(manifest);
  const staged = [await stageFile(files.bin, bin)];
  try {
    staged.push(await stageFile(files.json, json));
    const rel = relativePaths(name);
    await commitWithManifest(dir, { [rel.bin]: digestOf(bin), [rel.json]: digestOf(json) }, async () => {
      for (const file of staged) await file.commit();
    });
  } catch (error) {
    for (const file of staged) await file.discard();
    throw error;
  }
}

/** The checkpoint's files as the run's manifest names them. */
const relativePaths = (name: string) => ({ bin: `checkpoints/${name}.bin`, json: `checkpoints/${name}.json` });

export async function readCheckpointManifest<S>(dir: string, name: string): Promise<CheckpointManifest<S> | null> {
  const text = await readFile(checkpointPaths(dir, name).json, 'utf8').catch(() => null);
  if (text === null) return null;
  await verifyRunFile(dir, relativePaths(name).json, text);
  return JSON.parse(text) as CheckpointManifest<S>;
}

/**
 * One weight of a checkpoint by name, read without building the model (the explorer reads embedding matrices so).
 * The files are checked against the run's manifest as a load checks them.
 */
export async function readCheckpointWeight(dir: string, name: string, weight: string): Promise<{ shape: number[]; data: Float32Array }> {
  const manifest = await readCheckpointManifest(dir, name);
  if (!manifest) throw new StudioError('NotFoundError', userText('No checkpoint "{name}" in {dir}', { name, dir }));
  const entry = manifest.weights.find((e) => e.name === weight);
  if (!entry) throw new StudioError('ValidationError', userText('Checkpoint {name} has no weight "{weight}"', { name, weight }));
  const buf = await readFile(checkpointPaths(dir, name).bin);
  await verifyRunFile(dir, relativePaths(name).bin, buf);
  if (buf.byteLength !== manifest.bytes) throw new StudioError('CorruptFileError', userText('{file} is damaged: {bytes} bytes, {expected} expected', { file: relativePaths(name).bin, bytes: buf.byteLength, expected: manifest.bytes }), { file: checkpointPaths(dir, name).bin });
  // A copy: the file's buffer need not be 4-byte aligned, and the caller keeps only this weight.
  const data = new Float32Array(entry.length);
  new Uint8Array(data.buffer).set(buf.subarray(entry.offset * 4, (entry.offset + entry.length) * 4));
  return { shape: entry.shape, data };
}

/**
 * Load weights into the model's variables and, if given, the optimiser's slots. Returns the saved state.
 * Refuses (naming it) a weight the checkpoint lacks, one it has that the model lacks, or a shape that differs.
 */
export async function loadCheckpoint<S>(dir: string, name: string, weights: NamedWeight[], optimizer: tf.Optimizer | null): Promise<S> {
  const manifest = await readCheckpointManifest<S>(dir, name);
  if (!manifest) throw new StudioError('NotFoundError', userText('No checkpoint "{name}" in {dir}', { name, dir }));
  const buf = await readFile(checkpointPaths(dir, name).bin);
  await verifyRunFile(dir, relativePaths(name).bin, buf);
  if (buf.byteLength !== manifest.bytes) throw new StudioError('CorruptFileError', userText('{file} is damaged: {bytes} bytes, {expected} expected', { file: relativePaths(name).bin, bytes: buf.byteLength, expected: manifest.bytes }), { file: checkpointPaths(dir, name).bin });
  const data = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const tensor = (e: TensorEntry) => tf.tensor(data.slice(e.offset, e.offset + e.length), e.shape, 'float32');
  const saved = matchWeights(manifest, weights, name);
  for (const w of weights) {
    const value = tensor(saved.get(w.name)!);
    w.variable.assign(value);
    value.dispose();
  }
  if (optimizer && manifest.optimizer && manifest.optimizer.length > 0) {
    // tfjs optimisers take their slots by position, in the order the variables were first updated (the trainable
    // weights' order); put the saved slots in that order by name.
    const slots = manifest.format === 'nlp-studio-checkpoint-1' ? manifest.optimizer : orderSlots(manifest.optimizer, weights.filter((w) => w.trainable), name);
    // setWeights turns each tensor into a variable of its own, so these are not disposed here.
    await optimizer.setWeights(slots.map((e) => ({ name: e.name, tensor: tensor(e) })));
  }
  return manifest.state;
}

/** The checkpoint entry of every model weight, by name (format 1: by position), or an error naming the misfit. */
function matchWeights(manifest: CheckpointManifest<unknown>, weights: NamedWeight[], checkpoint: string): Map<string, TensorEntry> {
  const misfit = (what: string) => new StudioError('ValidationError', userText('Checkpoint {checkpoint} does not fit this model: {what}', { checkpoint, what }));
  const saved = new Map<string, TensorEntry>();
  if (manifest.format === 'nlp-studio-checkpoint-1') {
    if (manifest.weights.length !== weights.length) throw misfit(userText('it holds {saved} weights, the model has {count} (different layers)', { saved: manifest.weights.length, count: weights.length }));
    weights.forEach((w, i) => saved.set(w.name, manifest.weights[i]));
  } else {
    for (const e of manifest.weights) saved.set(e.name, e);
    const missing = weights.find((w) => !saved.has(w.name));
    if (missing) throw misfit(userText('it has no weight "{name}"', { name: missing.name }));
    const known = new Set(weights.map((w) => w.name));
    const extra = manifest.weights.find((e) => !known.has(e.name));
    if (extra) throw misfit(userText('its weight "{name}" is not in the model', { name: extra.name }));
  }
  for (const w of weights) {
    const e = saved.get(w.name)!;
    if (e.shape.join() !== w.variable.shape.join()) throw misfit(userText('weight "{name}" is [{saved}] there and [{shape}] in the model (different sizes)', { name: w.name, saved: e.shape.join(', '), shape: w.variable.shape.join(', ') }));
  }
  return saved;
}

/** Adam-style slots: the step counter first, then each slot kind (`/m`, `/v`) for every trainable weight in order. */
function orderSlots(entries: TensorEntry[], trainable: NamedWeight[], checkpoint: string): TensorEntry[] {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const kinds = [...new Set(entries.slice(1).map((e) => e.name.slice(e.name.lastIndexOf('/'))))];
  const ordered = [entries[0]];
  for (const kind of kinds) {
    for (const w of trainable) {
      const e = byName.get(`${w.name}${kind}`);
      if (!e) throw new StudioError('ValidationError', userText('Checkpoint {checkpoint} does not fit this model: {what}', { checkpoint, what: userText('no optimiser slot "{slot}"', { slot: `${w.name}${kind}` }) }));
      ordered.push(e);
    }
  }
  return ordered;
}
