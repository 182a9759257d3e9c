// The recurrent-model commands as a script uses them: train --json, predict, generate, evaluate, resume.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli as runCli } from './run-cli.ts';
import { syntheticCsv } from '../engine/training/synthetic.ts';

/** The pure-JS backend: the recurrent models cannot train on tfjs-wasm yet. */
const cli = (args: string[]) => runCli(args, { NLP_STUDIO_BACKEND: 'cpu' });

test('train classifier --json, predict, evaluate, export folder; train lm + generate', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-seq-cli-'));
  const ws = path.join(dir, 'ws');
  const data = path.join(dir, 'reviews.csv');
  await writeFile(data, syntheticCsv(200).replace('text,label', 'review,sentiment'));
  const out = path.join(dir, 'clf');
  const trained = await cli(['train', 'classifier', '--data', data, '--text-col', 'review', '--label-col', 'sentiment', '--arch', 'gru', '--emb', '16', '--hidden', '16', '--epochs', '5', '--batch', '16', '--lr', '0.02', '--out', out, '--workspace', ws, '--json']);
  assert.equal(trained.code, 0, trained.stderr);
  const j = trained.json;
  for (const key of ['tokensPerSec', 'seconds', 'accuracy', 'macroF1', 'backend']) assert.ok(j[key] !== undefined && j[key] !== null, key);
  assert.equal(j.backend, 'cpu');
  assert.ok(j.accuracy >= 0.8, `accuracy ${j.accuracy}`);
  const manifest = JSON.parse(await readFile(path.join(out, 'tfjs', 'model.json'), 'utf8'));
  assert.equal(manifest.format, 'layers-model');
  assert.match(await readFile(path.join(out, 'tfjs', 'MODEL_CARD.md'), 'utf8'), /## Metrics/);

  const predicted = await cli(['predict', '--model', out, 'the plot was awful', '--workspace', ws, '--json']);
  assert.equal(predicted.code, 0, predicted.stderr);
  assert.equal(predicted.json.label, 'neg');
  // The exported folder alone (as someone else would receive it) predicts the same.
  const fromExport = await cli(['predict', '--model', path.join(out, 'tfjs'), 'the plot was awful', '--json']);
  assert.equal(fromExport.code, 0, fromExport.stderr);
  assert.deepEqual(fromExport.json, predicted.json);
  const evaluated = await cli(['evaluate', '--model', out, '--data', data, '--text-col', 'review', '--label-col', 'sentiment', '--workspace', ws, '--json']);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  assert.ok(evaluated.json.accuracy >= 0.8);
  assert.ok(evaluated.json.macroF1 > 0);

  const text = path.join(dir, 'lm.txt');
  await writeFile(text, Array.from({ length: 40 }, () => 'the cat sat on the mat').join('\n'));
  const lm = await cli(['train', 'lm', '--data', text, '--arch', 'lstm', '--emb', '8', '--hidden', '16', '--epochs', '3', '--seq', '8', '--lr', '0.02', '--workspace', ws, '--json']);
  assert.equal(lm.code, 0, lm.stderr);
  assert.ok(lm.json.perplexity > 0 && lm.json.tokensPerSec > 0);
  const generated = await cli(['generate', '--model', lm.json.runId, '--prompt', 'the', '--max-tokens', '5', '--temperature', '0', '--workspace', ws, '--json']);
  assert.equal(generated.code, 0, generated.stderr);
  assert.match(generated.json.text, /^the/);

  const bad = await cli(['train', 'tagger', '--data', data, '--workspace', ws]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /reviews\.csv/);
});

test('export --format tfjs-layers, import-model, predict and resume --data on the imported run', { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-seq-cli-import-'));
  const ws = path.join(dir, 'ws');
  const data = path.join(dir, 'reviews.csv');
  await writeFile(data, syntheticCsv(120));
  const trained = await cli(['train', 'classifier', '--data', data, '--arch', 'gru', '--emb', '8', '--hidden', '8', '--epochs', '2', '--batch', '16', '--workspace', ws, '--json']);
  assert.equal(trained.code, 0, trained.stderr);
  const zip = path.join(dir, 'model.zip');
  const exported = await cli(['export', '--model', trained.json.runId, '--format', 'tfjs-layers', '--to', zip, '--workspace', ws]);
  assert.equal(exported.code, 0, exported.stderr);
  const imported = await cli(['import-model', zip, '--name', 'From zip', '--workspace', ws, '--json']);
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(imported.json.name, 'From zip');
  assert.equal(imported.json.model, 'classifier');
  const a = await cli(['predict', '--model', trained.json.runId, 'the plot was awful', '--workspace', ws, '--json']);
  const b = await cli(['predict', '--model', imported.json.runId, 'the plot was awful', '--workspace', ws, '--json']);
  assert.equal(b.code, 0, b.stderr);
  assert.deepEqual(b.json, a.json);
  const resumed = await cli(['resume', '--model', imported.json.runId, '--data', data, '--workspace', ws, '--json']);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(resumed.json.status, 'completed');
  const broken = path.join(dir, 'broken.zip');
  await writeFile(broken, 'not a zip');
  const bad = await cli(['import-model', broken, '--workspace', ws]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /broken\.zip/);
});

test('train classifier --data --val --test: the files are the splits', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-seq-cli-splits-'));
  const ws = path.join(dir, 'ws');
  const files = { train: path.join(dir, 'train.csv'), val: path.join(dir, 'val.csv'), test: path.join(dir, 'test.csv') };
  await writeFile(files.train, syntheticCsv(100, 1));
  await writeFile(files.val, syntheticCsv(20, 2));
  await writeFile(files.test, syntheticCsv(30, 3));
  const out = path.join(dir, 'clf');
  const trained = await cli(['train', 'classifier', '--data', files.train, '--val', files.val, '--test', files.test, '--arch', 'rnn', '--emb', '8', '--hidden', '8', '--epochs', '1', '--batch', '16', '--out', out, '--workspace', ws, '--json']);
  assert.equal(trained.code, 0, trained.stderr);
  assert.equal(trained.json.steps, 7); // all 100 rows train: no random split taken from them
  assert.match(await readFile(path.join(out, 'tfjs', 'MODEL_CARD.md'), 'utf8'), /validation: val\.csv, test: test\.csv/);
  const plain = path.join(dir, 'plain.txt');
  await writeFile(plain, 'no labels here\n');
  const bad = await cli(['train', 'classifier', '--data', files.train, '--val', plain, '--workspace', ws]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /plain\.txt/);
});

test('train classifier --embeddings DIR: word vectors from a word2vec run folder initialise the embedding layer', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-seq-emb-'));
  const ws = path.join(dir, 'ws');
  const data = path.join(dir, 'reviews.csv');
  await writeFile(data, syntheticCsv(120));
  const vectors = path.join(dir, 'w2v');
  const w2v = await cli(['train', 'word2vec', '--corpus', data, '--dim', '12', '--min-count', '1', '--epochs', '2', '--out', vectors, '--workspace', ws, '--json']);
  assert.equal(w2v.code, 0, w2v.stderr);
  const out = path.join(dir, 'clf');
  const trained = await cli(['train', 'classifier', '--data', data, '--arch', 'lstm', '--emb', '12', '--hidden', '8', '--epochs', '2', '--embeddings', vectors, '--freeze-embeddings', '--out', out, '--workspace', ws, '--json']);
  assert.equal(trained.code, 0, trained.stderr);
  const run = JSON.parse(await readFile(path.join(out, 'run.json'), 'utf8'));
  assert.deepEqual(run.spec.arch.embeddings, { runId: w2v.json.runId, trainable: false });
  const wrongSize = await cli(['train', 'classifier', '--data', data, '--emb', '16', '--epochs', '1', '--embeddings', vectors, '--workspace', ws]);
  assert.match(wrongSize.stderr, /12 dimensions/);
});
