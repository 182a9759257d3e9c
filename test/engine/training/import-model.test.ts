/**
 * `model.import`: an exported model zip comes back as a completed run that predicts exactly as the original, can be
 * evaluated and continued; a re-zipped (deflated) archive imports; an export made before the family seam
 * (`sequence.json` with one flat config) imports as the same model; damaged archives, unsafe entry names and
 * archives without the model files are ImportErrors that leave no run behind.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { StudioError } from '../../../contract/errors.ts';
import { crc32, zipStore } from '../export/legacy-zip-writer.ts';
import { readZip } from '../../../engine/export/unzip.ts';
import { zipExportFolder } from '../../../engine/export/layers-export.ts';
import { modelHandlers } from '../../../engine/handlers/model-handlers.ts';
import { testEngine, tiny } from './helpers.ts';
import { legacyMeta } from './legacy.ts';
import { syntheticCsv } from './synthetic.ts';

/** A zip with deflated entries, as `zip -r` would write it (data descriptors left out). */
function zipDeflated(entries: { name: string; data: Uint8Array }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    local.copy(central, 6, 4, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const isImportError = (file: string) => (error: unknown) => {
  assert.ok(error instanceof StudioError, String(error));
  assert.equal(error.name, 'ImportError', error.message);
  assert.equal(error.file, file);
  return true;
};

test('an exported classifier imports as a run that predicts the same, evaluates and continues training', { timeout: 120_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('reviews.csv', syntheticCsv(160))], { task: 'classification' });
  const { run } = await e.train(corpus, { model: 'classifier', arch: { ...tiny.arch, cell: 'gru' }, training: { ...tiny.training, epochs: 2, optimizer: { lr: 0.02 } } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  const zip = path.join(e.dir, 'reviews-model.zip');
  await zipExportFolder(e.ctx.runs.dir(run.id), zip);

  const h = modelHandlers(e.ctx);
  const { runId } = await h['model.import']({ path: zip, displayName: undefined, name: undefined });
  const imported = await e.ctx.runs.get(runId);
  assert.equal(imported.status, 'completed');
  assert.equal(imported.corpusId, null);
  assert.equal(imported.corpusName, 'reviews.csv'); // from the model card
  assert.equal(imported.spec.model, 'classifier');
  assert.deepEqual(imported.spec, run.spec);
  const dir = e.ctx.runs.dir(runId);
  for (const f of ['model.json', 'group1-shard1of1.bin', 'vocab.json', 'labels.json', 'family.json', 'MODEL_CARD.md']) assert.ok(existsSync(path.join(dir, 'tfjs', f)), f);
  assert.ok(existsSync(path.join(dir, 'checkpoints', 'last.json')));

  for (const text of ['the film was superb', 'the plot was dull and boring', 'a story']) {
    const a = await h['model.predict']({ runId: run.id, text });
    const b = await h['model.predict']({ runId, text });
    assert.equal(a.task, 'classifier');
    assert.equal(b.task, 'classifier');
    if (a.task !== 'classifier' || b.task !== 'classifier') continue;
    assert.equal(b.label, a.label);
    a.probabilities.forEach((p, i) => assert.ok(Math.abs(p.p - b.probabilities[i].p) < 1e-6 && p.label === b.probabilities[i].label));
  }
  const original = await h['model.evaluate']({ runId: run.id, corpusId: corpus.id });
  const again = await h['model.evaluate']({ runId, corpusId: corpus.id });
  assert.ok(Math.abs(original.metrics.accuracy - again.metrics.accuracy) < 1e-9);

  // Continue training: an imported run needs a corpus.
  await assert.rejects(h['runs.resume']({ id: runId }), /no corpus/);
  const { jobId } = await h['runs.resume']({ id: runId, corpusId: corpus.id });
  await e.ctx.jobs.wait(jobId);
  const continued = await e.ctx.runs.get(runId);
  assert.equal(continued.status, 'completed', JSON.stringify(continued.error));
  assert.equal(continued.corpusId, corpus.id);
  assert.ok((continued.summary?.steps ?? 0) > 0);
  const p = await h['model.predict']({ runId, text: 'the film was superb' });
  assert.equal(p.task, 'classifier');
});

test('a re-zipped (deflated) export imports; damaged or unsafe archives are ImportErrors and leave no run', { timeout: 120_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('reviews.csv', syntheticCsv(60))], { task: 'classification' });
  const { run } = await e.train(corpus, { model: 'classifier', arch: { ...tiny.arch, cell: 'rnn' }, training: { ...tiny.training, epochs: 1 } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  const stored = path.join(e.dir, 'stored.zip');
  await zipExportFolder(e.ctx.runs.dir(run.id), stored);
  const entries = await readZip(new Uint8Array(await readFile(stored)), 'stored.zip');
  const h = modelHandlers(e.ctx);

  const deflated = path.join(e.dir, 'deflated.zip');
  await writeFile(deflated, zipDeflated(entries));
  const { runId } = await h['model.import']({ path: deflated, displayName: 'My model.zip', name: 'mine' });
  assert.equal((await e.ctx.runs.get(runId)).name, 'mine');
  const a = await h['model.predict']({ runId: run.id, text: 'the film was great' });
  const b = await h['model.predict']({ runId, text: 'the film was great' });
  assert.deepEqual(b, a);

  const runsBefore = (await readdir(e.ctx.ws.runsDir)).length;
  const bad = async (name: string, bytes: Uint8Array) => {
    const file = path.join(e.dir, name);
    await writeFile(file, bytes);
    await assert.rejects(h['model.import']({ path: file, displayName: undefined, name: undefined }), isImportError(name));
  };
  await bad('noise.zip', new Uint8Array(500).map((_, i) => (i * 7919) % 251));
  const whole = new Uint8Array(await readFile(stored));
  await bad('cut.zip', whole.subarray(0, Math.floor(whole.length / 2)));
  const corrupt = whole.slice();
  corrupt[100] ^= 0xff; // inside model/MODEL_CARD.md: the CRC no longer matches
  await bad('corrupt.zip', corrupt);
  await bad('traversal.zip', zipStore([...entries, { name: 'model/../../evil.txt', data: new TextEncoder().encode('x') }]));
  await bad('absolute.zip', zipStore([...entries, { name: '/tmp/evil.txt', data: new TextEncoder().encode('x') }]));
  await bad('no-family.zip', zipStore(entries.filter((x) => !x.name.endsWith('family.json'))));
  await bad('vectors.zip', zipStore([{ name: 'vectors.txt', data: new TextEncoder().encode('a 1 2\n') }]));
  const meta = JSON.parse(new TextDecoder().decode(entries.find((x) => x.name === 'model/family.json')!.data)) as { arch: { hidden: number } };
  meta.arch.hidden += 4; // the weights no longer fit
  await bad('mismatch.zip', zipStore(entries.map((x) => (x.name === 'model/family.json' ? { name: x.name, data: new TextEncoder().encode(JSON.stringify(meta)) } : x))));
  assert.equal((await readdir(e.ctx.ws.runsDir)).length, runsBefore);
  assert.ok(!existsSync(path.join(e.dir, 'evil.txt')));
});

test('an export made before the family seam (sequence.json, one flat config) imports, predicts the same and continues training', { timeout: 120_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('reviews.csv', syntheticCsv(60))], { task: 'classification' });
  const { run } = await e.train(corpus, { model: 'classifier', arch: { ...tiny.arch, cell: 'lstm', bidirectional: true }, training: { ...tiny.training, epochs: 1 } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  const zip = path.join(e.dir, 'new.zip');
  await zipExportFolder(e.ctx.runs.dir(run.id), zip);
  // The same archive as the code before the seam wrote it: model/sequence.json instead of model/family.json.
  const entries = await readZip(new Uint8Array(await readFile(zip)), 'new.zip');
  const meta = JSON.parse(new TextDecoder().decode(entries.find((x) => x.name === 'model/family.json')!.data));
  const old = [...entries.filter((x) => x.name !== 'model/family.json'), { name: 'model/sequence.json', data: new TextEncoder().encode(JSON.stringify(legacyMeta(meta))) }];
  assert.equal(legacyMeta(meta).config.arch, 'lstm');
  const oldZip = path.join(e.dir, 'old.zip');
  await writeFile(oldZip, zipStore(old));

  const h = modelHandlers(e.ctx);
  const { runId } = await h['model.import']({ path: oldZip, displayName: undefined, name: undefined });
  const imported = await e.ctx.runs.get(runId);
  assert.equal(imported.status, 'completed');
  assert.deepEqual(imported.spec, run.spec);
  // The imported run keeps its meta in today's layout.
  assert.equal(JSON.parse(await readFile(path.join(e.ctx.runs.dir(runId), 'family.json'), 'utf8')).arch.cell, 'lstm');
  for (const text of ['the film was superb', 'the plot was dull and boring']) assert.deepEqual(await h['model.predict']({ runId, text }), await h['model.predict']({ runId: run.id, text }));
  // A damaged old meta is refused, naming its file.
  const broken = path.join(e.dir, 'broken-old.zip');
  await writeFile(broken, zipStore([...entries.filter((x) => x.name !== 'model/family.json'), { name: 'model/sequence.json', data: new TextEncoder().encode('{"task": "classifier", "config": ') }]));
  await assert.rejects(h['model.import']({ path: broken, displayName: undefined, name: undefined }), (error: unknown) => isImportError('broken-old.zip')(error) && /sequence\.json/.test((error as Error).message));

  const { jobId } = await h['runs.resume']({ id: runId, corpusId: corpus.id });
  await e.ctx.jobs.wait(jobId);
  const continued = await e.ctx.runs.get(runId);
  assert.equal(continued.status, 'completed', JSON.stringify(continued.error));
  assert.ok((continued.summary?.steps ?? 0) > 0);
});
