import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HogwildPool, batchBounds } from '../../../../engine/models/word2vec/hogwild.ts';
import type { ModelParts } from '../../../../engine/models/word2vec/sgns.ts';
import type { ProgressMeter, Snapshots } from '../../../../engine/models/word2vec/train.ts';
import type { Weights } from '../../../../engine/models/word2vec/weights.ts';

test('batchBounds: batches of at least 10000 words as sentence boundaries, every sentence once', () => {
  const starts = Int32Array.from([0, 6000, 9000, 12000, 25000, 25001]);
  const bounds = batchBounds(starts);
  assert.deepEqual([...bounds], [0, 3, 4, 5]);
  assert.ok(bounds.buffer instanceof SharedArrayBuffer, 'shared with the workers');
  assert.deepEqual([...batchBounds(Int32Array.from([0, 5]))], [0, 1]);
});

// A worker thread that dies (killed, or an error inside it) fails the run with a clear error, at once: the pool
// neither hangs waiting for it nor takes the engine down. Stand-in workers that die on their first job.
async function dyingPool(body: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hogwild-crash-'));
  const file = path.join(dir, 'worker.mjs');
  await writeFile(file, `import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => { ${body} });\n`);
  return new HogwildPool(2, pathToFileURL(file));
}

async function trainOn(pool: HogwildPool): Promise<void> {
  const parts = { sentenceStarts: Int32Array.from([0, 10]) } as unknown as ModelParts;
  const config = { seed: 1, epochs: 1, alpha: 0.025, minAlpha: 0.0001, wordsTotal: 10, maxSentenceLength: 10 } as unknown as Parameters<HogwildPool['train']>[2];
  const meter = { update: () => {} } as unknown as ProgressMeter;
  const snapshots = { update: () => {} } as unknown as Snapshots;
  await pool.train(parts, {} as Weights, config, { signal: new AbortController().signal, onProgress: () => {} }, meter, snapshots);
}

test('a word2vec worker thread that exits mid-run fails the run clearly', { timeout: 30_000 }, async () => {
  const pool = await dyingPool('process.exit(3);');
  await assert.rejects(trainOn(pool), /word2vec worker thread stopped unexpectedly \(exit code 3\)/);
});

test('a word2vec worker thread that throws fails the run with its error', { timeout: 30_000 }, async () => {
  const pool = await dyingPool("throw new RangeError('offset is out of bounds');");
  await assert.rejects(trainOn(pool), /word2vec worker thread failed: offset is out of bounds/);
});
