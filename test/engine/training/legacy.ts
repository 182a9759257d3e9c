/**
 * What the code before the family seam wrote, rebuilt from what the current code writes, so the tests can check that
 * old runs and exports still load: a spec with one flat `config` (the cell under `arch`, no AdamW betas, label
 * smoothing or minutes), `sequence.json` instead of `family.json`, and checkpoints of format 1 (weights named `w0`,
 * `w1`, … by position).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { RnnArch } from '../../../contract/rnn.ts';
import type { TrainingConfig } from '../../../contract/training.ts';
import { checkpointPaths, type CheckpointManifest } from '../../../engine/training/checkpoint.ts';

/** The flat config of a recurrent run before the seam. */
export function legacyConfig(arch: RnnArch, training: TrainingConfig): Record<string, unknown> {
  const { family: _family, cell, ...archRest } = arch;
  const { beta1: _b1, beta2: _b2, weightDecay: _wd, ...optimizer } = training.optimizer;
  const { labelSmoothing: _ls, minutes: _min, optimizer: _opt, ...trainingRest } = training;
  return { arch: cell, ...archRest, ...trainingRest, optimizer };
}

/** `family.json` (as JSON) → the `sequence.json` of the same model before the seam. */
export function legacyMeta(meta: { arch: RnnArch; training: TrainingConfig; task: string; vocab: unknown; labels: string[]; tokenizer: string; lowercase: boolean }) {
  return { task: meta.task, config: legacyConfig(meta.arch, meta.training), vocab: meta.vocab, labels: meta.labels, tokenizer: meta.tokenizer, lowercase: meta.lowercase };
}

/** Rewrite a checkpoint's manifest as format 1: the same data, weights named by position. */
export async function toFormat1(dir: string, name: string): Promise<void> {
  const file = checkpointPaths(dir, name).json;
  const manifest = JSON.parse(await readFile(file, 'utf8')) as CheckpointManifest<unknown>;
  const old = { ...manifest, format: 'nlp-studio-checkpoint-1', weights: manifest.weights.map((w, i) => ({ ...w, name: `w${i}` })) };
  await writeFile(file, JSON.stringify(old));
  await dropManifest(dir);
}

/** Runs from before the seam had no manifest.json (checksums came later): their files load unchecked. */
const dropManifest = (dir: string) => rm(path.join(dir, 'manifest.json'), { force: true });

/** A whole recurrent run folder rewritten into the layout before the seam (run.json, sequence.json, checkpoints). */
export async function toLegacyRun(dir: string): Promise<void> {
  const runFile = path.join(dir, 'run.json');
  const run = JSON.parse(await readFile(runFile, 'utf8')) as { spec: { model: string; arch: RnnArch; training: TrainingConfig } };
  run.spec = { model: run.spec.model, config: legacyConfig(run.spec.arch, run.spec.training) } as never;
  await writeFile(runFile, JSON.stringify(run));
  // The export folder too, where there is one (a paused run has none yet).
  for (const folder of [dir, path.join(dir, 'tfjs')].filter((f) => existsSync(path.join(f, 'family.json')))) {
    const meta = JSON.parse(await readFile(path.join(folder, 'family.json'), 'utf8'));
    await writeFile(path.join(folder, 'sequence.json'), JSON.stringify(legacyMeta(meta)));
    await rm(path.join(folder, 'family.json'));
  }
  for (const name of ['best', 'last']) await toFormat1(dir, name);
}

/** The checkpoint writer before the seam, as it was: weights by position from getWeights, slots as tfjs names them. */
export async function saveFormat1Checkpoint<S>(dir: string, name: string, model: tf.LayersModel, optimizer: tf.Optimizer | null, state: S): Promise<void> {
  const weights = model.getWeights().map((t, i) => ({ name: `w${i}`, tensor: t }));
  const slots = optimizer ? await optimizer.getWeights() : null;
  const entries: { name: string; shape: number[]; offset: number; length: number }[] = [];
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
  slots?.[0]?.tensor.dispose();
  const files = checkpointPaths(dir, name);
  await mkdir(path.dirname(files.bin), { recursive: true });
  await writeFile(files.bin, new Uint8Array(all.buffer));
  await writeFile(files.json, JSON.stringify({ format: 'nlp-studio-checkpoint-1', weights: entries, optimizer: optimizerEntries, bytes: all.byteLength, state }));
  await dropManifest(dir);
}
