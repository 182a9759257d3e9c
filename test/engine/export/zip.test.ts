/** The export zip (yazl) and the import reader (yauzl): round trip, ZIP64, old archives, unsafe and damaged ones. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { StudioError } from '../../../contract/errors.ts';
import { readZip, readZipFile } from '../../../engine/export/unzip.ts';
import { writeZip, zipFolder } from '../../../engine/export/zip.ts';
import { zipStore } from './legacy-zip-writer.ts';

const fixture = path.join(import.meta.dirname, '..', '..', 'fixtures', 'zip', 'old-writer.zip');
const text = (s: string) => new TextEncoder().encode(s);

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'nlp-zip-'));
}

/** A model-like folder: weights (stored) and text (deflated). */
async function modelFolder(dir: string): Promise<Map<string, Uint8Array>> {
  const folder = path.join(dir, 'tfjs');
  await mkdir(path.join(folder, 'sub'), { recursive: true });
  const weights = new Uint8Array(new Float32Array(5000).map((_, i) => Math.sin(i) * 0.1).buffer);
  const files = new Map<string, Uint8Array>([
    ['group1-shard1of1.bin', weights],
    ['model.json', text(JSON.stringify({ format: 'layers-model', words: Array.from({ length: 400 }, (_, i) => `w${i}`) }))],
    ['vocab-ü.json', text('["<pad>","wörd"]')],
  ]);
  for (const [name, data] of files) await writeFile(path.join(folder, name), data);
  await writeFile(path.join(folder, 'sub', 'skipped.txt'), 'sub-folders are not zipped');
  return files;
}

const isImportError = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof StudioError, String(error));
  assert.equal(error.name, 'ImportError');
  assert.match(error.message, pattern);
  return true;
};

/** Another implementation reads the archive, where one is installed (dev machines and CI have Info-ZIP's unzip). */
function infoZipAgrees(file: string): void {
  try {
    assert.match(execFileSync('unzip', ['-t', file], { encoding: 'utf8' }), /No errors detected/);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** The byte offset of the ZIP64 end of central directory record, or -1. */
const zip64Record = (bytes: Buffer) => bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]));

test('a folder round-trips: names in order, bytes equal, weights stored and text deflated, same bytes twice', async () => {
  const dir = await tempDir();
  try {
    const files = await modelFolder(dir);
    const target = path.join(dir, 'out', 'model.zip');
    await zipFolder(path.join(dir, 'tfjs'), target, 'model');
    const bytes = await readFile(target);
    const entries = await readZipFile(target, 'model.zip');
    assert.deepEqual(entries.map((e) => e.name), [...files.keys()].sort().map((n) => `model/${n}`));
    for (const e of entries) assert.deepEqual(Buffer.from(e.data), Buffer.from(files.get(e.name.slice('model/'.length))!));
    assert.deepEqual(await readZip(bytes, 'model.zip'), entries);
    // Stored weights: their bytes appear verbatim; the JSON does not (deflated), and the archive is smaller.
    assert.ok(bytes.includes(Buffer.from(files.get('group1-shard1of1.bin')!)));
    assert.ok(!bytes.includes(Buffer.from(files.get('model.json')!)));
    assert.ok(bytes.length < [...files.values()].reduce((s, f) => s + f.length, 0));
    assert.equal(zip64Record(bytes), -1, 'no ZIP64 records when none are needed');
    // Reproducible: fixed entry times.
    await zipFolder(path.join(dir, 'tfjs'), path.join(dir, 'again.zip'), 'model');
    assert.deepEqual(await readFile(path.join(dir, 'again.zip')), bytes);
    // Only the zip itself is left in the target folder (the temporary sibling was renamed).
    assert.deepEqual(await readdir(path.join(dir, 'out')), ['model.zip']);
    infoZipAgrees(target);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('ZIP64: forced on, the archive carries ZIP64 records and still reads back', async () => {
  const dir = await tempDir();
  try {
    const files = await modelFolder(dir);
    const target = path.join(dir, 'model64.zip');
    await zipFolder(path.join(dir, 'tfjs'), target, 'model', { forceZip64: true });
    const bytes = await readFile(target);
    const record = zip64Record(bytes);
    assert.ok(record > 0, 'a ZIP64 end of central directory record');
    assert.ok(bytes.includes(Buffer.from([0x50, 0x4b, 0x06, 0x07])), 'a ZIP64 end of central directory locator');
    // The classic end record defers to ZIP64: its directory offset is 0xffffffff.
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    assert.equal(bytes.readUInt32LE(end + 16), 0xffffffff);
    infoZipAgrees(target);
    const entries = await readZipFile(target, 'model64.zip');
    assert.equal(entries.length, files.size);
    for (const e of entries) assert.deepEqual(Buffer.from(e.data), Buffer.from(files.get(e.name.slice('model/'.length))!));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a zip written by the old store-only writer (fixture) still reads', async () => {
  const entries = await readZipFile(fixture, 'old-writer.zip');
  assert.deepEqual(entries.map((e) => e.name), ['model/family.json', 'model/group1-shard1of1.bin', 'model/vocab-ü.json']);
  assert.match(new TextDecoder().decode(entries[0].data), /"family":"fixture"/);
  assert.deepEqual(Array.from(entries[1].data), Array.from({ length: 256 }, (_, i) => i));
  assert.equal(new TextDecoder().decode(entries[2].data), '["<pad>","<unk>","wörd"]');
});

test('unsafe names are refused, naming the archive and the entry', async () => {
  const ok = { name: 'model/model.json', data: text('{}') };
  const cases: [string, string, RegExp][] = [
    ['traversal.zip', 'model/../../evil.txt', /traversal\.zip.*unsafe path.*\.\.\/\.\.\/evil\.txt/],
    ['absolute.zip', '/tmp/evil.txt', /absolute\.zip.*unsafe path.*\/tmp\/evil\.txt/],
    ['drive.zip', 'C:/evil.txt', /drive\.zip.*unsafe path/],
    ['nul.zip', 'model/a\0b.txt', /nul\.zip.*unsafe name/],
  ];
  for (const [file, name, pattern] of cases) {
    await assert.rejects(readZip(zipStore([ok, { name, data: text('x') }]), file), isImportError(pattern), file);
  }
  // A symbolic link (Unix mode 0o120777 in the high half of the external attributes, as Info-ZIP writes it).
  const link = Buffer.from(zipStore([ok, { name: 'model/link', data: text('/etc/passwd') }]));
  const directory = link.lastIndexOf(Buffer.from('model/link')) - 46; // the second central directory header
  assert.equal(link.readUInt32LE(directory), 0x02014b50);
  link.writeUInt32LE((0o120777 << 16) >>> 0, directory + 38);
  link.writeUInt16LE((3 << 8) | 20, directory + 4); // made by: Unix
  await assert.rejects(readZip(link, 'link.zip'), isImportError(/link\.zip.*"model\/link" is a symbolic link/));
});

test('zip bombs: too many entries or too many unpacked bytes are refused before inflating', async () => {
  const many = zipStore(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, data: text('x') })));
  await assert.rejects(readZip(many, 'many.zip', { maxEntries: 20 }), isImportError(/many\.zip.*30 entries, more than the 20 allowed/));
  const big = zipStore([{ name: 'a.bin', data: new Uint8Array(600) }, { name: 'b.bin', data: new Uint8Array(600) }]);
  await assert.rejects(readZip(big, 'big.zip', { maxBytes: 1000 }), isImportError(/big\.zip.*unpack to more than/));
  assert.equal((await readZip(big, 'big.zip', { maxBytes: 1200 })).length, 2);
});

test('damaged archives: noise, cut short, a flipped byte — clear ImportErrors naming the archive (and entry)', async () => {
  const dir = await tempDir();
  try {
    await modelFolder(dir);
    const target = path.join(dir, 'model.zip');
    await zipFolder(path.join(dir, 'tfjs'), target, 'model');
    const whole = await readFile(target);
    await assert.rejects(readZip(new Uint8Array(500).map((_, i) => (i * 7919) % 251), 'noise.zip'), isImportError(/noise\.zip: not a zip archive/));
    await assert.rejects(readZip(whole.subarray(0, Math.floor(whole.length / 2)), 'cut.zip'), isImportError(/cut\.zip: not a zip archive, or cut short/));
    // A byte of the stored weights (the first entry's data): only the CRC-32 can tell.
    const weights = Buffer.from(whole); // a copy (Buffer#slice would share)
    weights[200] ^= 0xff;
    await assert.rejects(readZip(weights, 'weights.zip'), isImportError(/weights\.zip: entry "model\/group1-shard1of1\.bin": damaged \(CRC-32 mismatch\)/));
    // A byte inside the deflated model.json: inflating fails or the CRC does not match, in either case named.
    const json = Buffer.from(whole);
    const start = whole.indexOf(Buffer.from('model/model.json')) + 'model/model.json'.length + 10;
    json[start] ^= 0xff;
    await assert.rejects(readZip(json, 'json.zip'), isImportError(/json\.zip: entry "model\/model\.json"/));
    // A file that is not there.
    await assert.rejects(readZipFile(path.join(dir, 'missing.zip'), 'missing.zip'), isImportError(/missing\.zip: .*ENOENT/));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a file that vanishes while zipping fails the export and leaves no file behind', async () => {
  const dir = await tempDir();
  try {
    const target = path.join(dir, 'out', 'x.zip');
    await assert.rejects(writeZip(target, [{ name: 'a', data: text('a') }, { name: 'b', file: path.join(dir, 'gone.bin') }]), /ENOENT/);
    assert.deepEqual(await readdir(path.join(dir, 'out')), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
