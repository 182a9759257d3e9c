// `nlp-studio import FILE` imports a file as what it is: a vectors file as a vectors run, a model zip through the
// model import, text as a corpus; binary data is refused naming the file (not "looks like a binary file").
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { zipStore } from '../engine/export/legacy-zip-writer.ts';
import { cli } from './run-cli.ts';

test('import routes a .vec file to the vectors import, a model zip to the model import, text to a corpus', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-import-any-'));
  const workspace = path.join(dir, 'ws');
  const vec = path.join(dir, 'tiny.vec');
  await writeFile(vec, '3 2\nking 0.9 0.1\nqueen 0.8 0.2\napple -0.5 0.7\n');
  const vectors = await cli(['import', vec, '--name', 'tiny vectors', '--json', '--workspace', workspace]);
  assert.equal(vectors.code, 0, vectors.stderr);
  assert.deepEqual([vectors.json.vocabSize, vectors.json.dim, vectors.json.format], [3, 2, 'word2vec-text']);
  const neighbours = await cli(['neighbors', '--model', vectors.json.runId, 'king', '--json', '--workspace', workspace]);
  assert.equal(neighbours.code, 0, neighbours.stderr);
  assert.match(neighbours.stdout, /queen/);

  // A zip laid out as an export: the model import reads it (and refuses these placeholder settings by name).
  const zip = path.join(dir, 'classifier.zip');
  const text = (s: string) => new TextEncoder().encode(s);
  await writeFile(zip, zipStore([{ name: 'model/model.json', data: text('{}') }, { name: 'model/family.json', data: text('{"family":"rnn"}') }]));
  const model = await cli(['import', zip, '--workspace', workspace]);
  assert.notEqual(model.code, 0);
  assert.match(model.stderr, /Cannot import classifier\.zip: family\.json has invalid settings/);

  const csv = path.join(dir, 'reviews.csv');
  await writeFile(csv, 'text,label\ngreat film,pos\ndull plot,neg\n');
  const corpus = await cli(['import', csv, '--json', '--workspace', workspace]);
  assert.equal(corpus.code, 0, corpus.stderr);
  assert.ok(corpus.json.corpusId, corpus.stdout);

  const blob = path.join(dir, 'blob.dat');
  await writeFile(blob, Uint8Array.from({ length: 3000 }, (_, i) => (i * 97 + 13) % 256));
  const refused = await cli(['import', blob, '--workspace', workspace]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /blob\.dat holds binary data: it is not a text corpus, not a model exported by NLP Studio/);
});
