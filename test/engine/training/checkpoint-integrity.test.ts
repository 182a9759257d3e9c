/**
 * Checkpoints and the disk: a save that runs out of space (injected ENOSPC on either file) leaves the previous
 * checkpoint whole and loadable; a damaged or truncated checkpoint file is named, never loaded; a checkpoint
 * written before manifests still loads.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../contract/errors.ts';
import { checkpointPaths, loadCheckpoint, readCheckpointManifest, saveCheckpoint, type NamedWeight } from '../../../engine/training/checkpoint.ts';
import { verifyRunFiles } from '../../../engine/runs/manifest.ts';
import { injectWriteFaultForTests } from '../../../engine/workspace/atomic.ts';

await tf.setBackend('cpu');
afterEach(() => injectWriteFaultForTests(null));

const weights = (values: number[]): NamedWeight[] => [
  { name: 'embedding', variable: tf.variable(tf.tensor2d(values.slice(0, 4), [2, 2])), trainable: true },
  { name: 'bias', variable: tf.variable(tf.tensor1d(values.slice(4))), trainable: true },
];
const values = (ws: NamedWeight[]) => ws.flatMap((w) => [...w.variable.dataSync()]);
const runDir = () => mkdtemp(path.join(os.tmpdir(), 'ckpt-'));

test('a save that runs out of space, on the weights or on their description, leaves the previous checkpoint whole', async () => {
  const dir = await runDir();
  await saveCheckpoint(dir, 'last', weights([1, 2, 3, 4, 5, 6]), null, { step: 10 });
  for (const failing of ['last.bin', 'last.json', 'manifest.json']) {
    injectWriteFaultForTests((target) => (path.basename(target) === failing ? Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }) : null));
    await assert.rejects(saveCheckpoint(dir, 'last', weights([9, 9, 9, 9, 9, 9]), null, { step: 20 }), (e: unknown) => e instanceof StudioError && e.name === 'DiskFullError' && e.message.includes(failing));
    injectWriteFaultForTests(null);
    const into = weights([0, 0, 0, 0, 0, 0]);
    assert.deepEqual(await loadCheckpoint(dir, 'last', into, null), { step: 10 }, failing);
    assert.deepEqual(values(into), [1, 2, 3, 4, 5, 6], failing);
    assert.deepEqual((await readdir(path.join(dir, 'checkpoints'))).sort(), ['last.bin', 'last.json'], `no temporary left (${failing})`);
  }
  assert.deepEqual((await verifyRunFiles(dir)).sort(), ['checkpoints/last.bin', 'checkpoints/last.json']);
  await saveCheckpoint(dir, 'last', weights([7, 7, 7, 7, 7, 7]), null, { step: 30 });
  assert.deepEqual(await loadCheckpoint(dir, 'last', weights([0, 0, 0, 0, 0, 0]), null), { step: 30 });
});

test('a damaged or truncated checkpoint is named and not loaded; the model keeps its weights', async () => {
  const dir = await runDir();
  await saveCheckpoint(dir, 'best', weights([1, 2, 3, 4, 5, 6]), null, { step: 1 });
  const { bin, json } = checkpointPaths(dir, 'best');
  const good = await readFile(bin);
  const flipped = Buffer.from(good);
  flipped[5] ^= 0x01; // one bit of one float
  await writeFile(bin, flipped);
  const into = weights([0, 0, 0, 0, 0, 0]);
  await assert.rejects(loadCheckpoint(dir, 'best', into, null), (e: unknown) => e instanceof StudioError && e.name === 'CorruptFileError' && e.file === bin && /^checkpoints\/best\.bin is corrupt: checksum mismatch — /.test(e.message));
  assert.deepEqual(values(into), [0, 0, 0, 0, 0, 0]);
  await writeFile(bin, good.subarray(0, 12));
  await assert.rejects(loadCheckpoint(dir, 'best', into, null), /checkpoints\/best\.bin is corrupt: it is 12 bytes, 24 were written/);
  await writeFile(bin, good);
  const text = await readFile(json, 'utf8');
  await writeFile(json, text.replace('"step": 1', '"step": 2'));
  await assert.rejects(readCheckpointManifest(dir, 'best'), /checkpoints\/best\.json is corrupt/);
  await writeFile(json, text);
  assert.deepEqual(await loadCheckpoint(dir, 'best', into, null), { step: 1 });
  assert.deepEqual(values(into), [1, 2, 3, 4, 5, 6]);
});

test('a checkpoint from before manifests loads unchecked, and a truncated one is still refused by its size', async () => {
  const dir = await runDir();
  await saveCheckpoint(dir, 'last', weights([1, 2, 3, 4, 5, 6]), null, { step: 1 });
  await rm(path.join(dir, 'manifest.json'));
  const into = weights([0, 0, 0, 0, 0, 0]);
  assert.deepEqual(await loadCheckpoint(dir, 'last', into, null), { step: 1 });
  assert.deepEqual(values(into), [1, 2, 3, 4, 5, 6]);
  const { bin } = checkpointPaths(dir, 'last');
  await writeFile(bin, (await readFile(bin)).subarray(0, 8));
  await assert.rejects(loadCheckpoint(dir, 'last', into, null), (e: unknown) => e instanceof StudioError && e.name === 'CorruptFileError' && /8 bytes, 24 expected/.test(e.message));
});
