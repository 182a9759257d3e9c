/**
 * Run by disk-full.test.ts inside a private mount namespace with a small tmpfs at <dir>: fills the disk for real
 * and checks what each write does then. Exits non-zero (with the failed assertion) if anything is wrong.
 */
import assert from 'node:assert/strict';
import { appendFile, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { errorToData, StudioError } from '../../../contract/errors.ts';
import { RnnArch } from '../../../contract/rnn.ts';
import { TrainingConfig } from '../../../contract/training.ts';
import { zipFolder } from '../../../engine/export/zip.ts';
import { KeyedVectors } from '../../../engine/models/word2vec/keyed-vectors.ts';
import { saveWord2VecModel } from '../../../engine/models/word2vec/model-store.ts';
import { RunStore } from '../../../engine/runs/run-store.ts';
import { loadCheckpoint, saveCheckpoint, type NamedWeight } from '../../../engine/training/checkpoint.ts';
import { appendFileChecked, writeJsonAtomic } from '../../../engine/workspace/atomic.ts';
import { RESERVE_BYTES, RESERVE_FILE } from '../../../engine/workspace/disk-space.ts';
import { Workspace } from '../../../engine/workspace/workspace.ts';

const [mountDir] = process.argv.slice(2);
await tf.setBackend('cpu');
const ws = await Workspace.open(path.join(mountDir, 'ws'));
const reserve = path.join(ws.root, RESERVE_FILE);
assert.equal((await stat(reserve)).size, RESERVE_BYTES, 'the reserve is made when the workspace opens');

const runs = new RunStore(ws);
const spec = { model: 'classifier', arch: RnnArch.parse({}), training: TrainingConfig.parse({}) } as const;
const run = await runs.create({ corpusId: null, corpusName: 'x', spec, backend: 'cpu' });
const dir = runs.dir(run.id);
const weights = (v: number): NamedWeight[] => [{ name: 'w', variable: tf.variable(tf.fill([100, 1000], v)), trainable: true }]; // 400 KB
await saveCheckpoint(dir, 'last', weights(1), null, { step: 1 });
await runs.appendMetric(run.id, { step: 1, epoch: 0, time: 0, values: { loss: 1 } });

// Fill the disk to the last block.
const filler = path.join(mountDir, 'filler');
const chunk = Buffer.alloc(64 * 1024, 1);
for (;;) {
  try {
    await appendFile(filler, chunk);
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
    break;
  }
}
for (let size = 32 * 1024; size >= 1; size >>= 1) await appendFile(filler, chunk.subarray(0, size)).catch(() => {});

const isDiskFull = (file: string) => (e: unknown) => {
  assert.ok(e instanceof StudioError, String(e));
  assert.equal(e.name, 'DiskFullError');
  assert.ok(e.message.includes(file), e.message);
  assert.match(e.message, /the disk is full \(it needs .+; \d+(\.\d)? [KMG]?B free on the disk holding/);
  console.log(`  ${e.message}`);
  return true;
};

await assert.rejects(saveCheckpoint(dir, 'last', weights(2), null, { step: 2 }), isDiskFull(path.join('checkpoints', 'last.bin')));
const into = weights(0);
assert.deepEqual(await loadCheckpoint(dir, 'last', into, null), { step: 1 }, 'the previous checkpoint loads');
assert.ok(into[0].variable.dataSync().every((v) => v === 1), 'with its own weights');
assert.deepEqual((await readdir(path.join(dir, 'checkpoints'))).sort(), ['last.bin', 'last.json'], 'no temporaries');

// A line longer than what is left of the file's last block (a short one may still fit in it).
await assert.rejects(appendFileChecked(path.join(dir, 'metrics.jsonl'), `${JSON.stringify({ note: 'x'.repeat(8192) })}\n`), isDiskFull('metrics.jsonl'));

const words = Array.from({ length: 20_000 }, (_, i) => `word${i}`);
const kv = new KeyedVectors(words, new Float64Array(words.length).fill(1), 50, new Float32Array(words.length * 50));
await assert.rejects(saveWord2VecModel(dir, kv), isDiskFull('vectors.bin'));
assert.ok(!(await readdir(dir)).some((n) => n.endsWith('.tmp')), 'no temporaries in the run folder');

// An export: the zip is streamed (yazl) through writeStreamAtomic.
await assert.rejects(zipFolder(path.join(dir, 'checkpoints'), path.join(ws.exportsDir, 'model.zip'), 'model'), isDiskFull('model.zip'));
assert.deepEqual(await readdir(ws.exportsDir), [], 'no half-written zip');

// The run is marked failed even so: the reserve gives run.json its room, which an ordinary write does not get.
await assert.rejects(writeJsonAtomic(path.join(dir, 'run.json'), { ...run, status: 'failed' }), isDiskFull('run.json'));
const failure = new StudioError('DiskFullError', 'the disk is full');
const done = await runs.finish(run.id, { status: 'failed', error: errorToData(failure) });
assert.equal(done.status, 'failed');
assert.equal(JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8')).status, 'failed');

// Space again: the reserve comes back when the workspace is opened.
await rm(filler);
await Workspace.open(ws.root);
assert.equal((await stat(reserve)).size, RESERVE_BYTES, 'the reserve is made again');
console.log('disk-full scenario: ok');
