// Where the engine finds the sample files: from source, from dist/ and from the packaged app's unpacked folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { samplesDir } from '../../../engine/samples/locate.ts';

const repo = path.join(import.meta.dirname, '..', '..', '..');

test('from source and from the bundles, the repository\'s resources/samples/', () => {
  const expected = path.join(repo, 'resources', 'samples');
  assert.equal(samplesDir({}), expected);
  assert.equal(samplesDir({}, path.join(repo, 'dist', 'engine')), expected);
  assert.equal(samplesDir({}, path.join(repo, 'dist', 'cli')), expected);
});

test('in the packaged app, the unpacked copy beside dist/; NLP_STUDIO_SAMPLES wins; nowhere, an error that says what to set', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'samples-locate-'));
  const unpacked = path.join(root, 'resources', 'app.asar.unpacked');
  await mkdir(path.join(unpacked, 'dist', 'engine'), { recursive: true });
  await mkdir(path.join(unpacked, 'resources', 'samples'), { recursive: true });
  await writeFile(path.join(unpacked, 'resources', 'samples', 'README.md'), '# Sample data\n');
  assert.equal(samplesDir({}, path.join(unpacked, 'dist', 'engine')), path.join(unpacked, 'resources', 'samples'));
  assert.equal(samplesDir({ NLP_STUDIO_SAMPLES: '/x/samples' }, path.join(unpacked, 'dist', 'engine')), '/x/samples');
  assert.throws(() => samplesDir({}, path.join(root, 'elsewhere')), /NLP_STUDIO_SAMPLES/);
});

test('electron-builder packs the samples and unpacks them for the engine', async () => {
  const yml = await readFile(path.join(repo, 'electron-builder.yml'), 'utf8');
  const section = (name: string) => yml.split(`\n${name}:\n`)[1]?.split(/\n\S/)[0] ?? '';
  assert.match(section('files'), /- resources\/samples\/\*\*/);
  assert.match(section('asarUnpack'), /- resources\/samples\/\*\*/);
});
