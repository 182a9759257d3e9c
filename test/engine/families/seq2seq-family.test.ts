/**
 * The Seq2Seq family through the generic runner: a translation corpus trains a translator run; every epoch adds
 * held-out translations beside their references and an attention map; BLEU/chrF are on the curve; the run answers
 * `model.translate` (also while training, from `last`); it exports, imports back and resumes by weight name.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { TranslateRequest } from '../../../contract/models.ts';
import { modelHandlers } from '../../../engine/handlers/model-handlers.ts';
import { exportHandlers } from '../../../engine/handlers/export-handlers.ts';
import { loadCheckpoint } from '../../../engine/training/checkpoint.ts';
import { loadModel } from '../../../engine/families/load-model.ts';
import { testEngine } from '../training/helpers.ts';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Number words → digits, a distinct pair a line (a task a tiny model learns in seconds). */
function pairs(n: number, seed = 3): string {
  let s = seed;
  const random = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const seen = new Set<string>();
  while (seen.size < n) {
    const digits = Array.from({ length: 2 + Math.floor(random() * 3) }, () => Math.floor(random() * 10));
    seen.add(`${digits.map((d) => WORDS[d]).join(' ')}\t${digits.join(' ')}`);
  }
  return [...seen].join('\n') + '\n';
}

const small = {
  arch: { family: 'seq2seq', emb: 16, hidden: 24, dropout: 0, vocab: 50 },
  training: { batch: 16, epochs: 3, patience: 0, validationSplit: 0.15, testSplit: 0.15, seed: 2, optimizer: { lr: 0.02 } },
} as const;

test('a translator run: epochs report translations, attention and BLEU; it translates, exports, imports and resumes', { timeout: 180_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('digits.tsv', pairs(240))], { task: 'translation' });
  assert.equal(corpus.task, 'translation');
  const before = tf.memory().numTensors;
  const { run } = await e.train(corpus, { model: 'translator', ...small });
  assert.equal(run.status, 'completed', run.error?.message);
  assert.equal(tf.memory().numTensors, before, 'no tensor left behind by training');

  const details = await e.ctx.runs.metrics(run.id);
  const epochs = details.filter((p) => 'bleu' in p.values);
  assert.equal(epochs.length, 3);
  for (const p of epochs) for (const k of ['valLoss', 'bleu', 'chrf', 'exactMatch']) assert.ok(Number.isFinite(p.values[k]), `${k} at epoch ${p.epoch}`);
  assert.ok(epochs[2].values.valLoss < epochs[0].values.valLoss, 'validation loss falls');

  const report = (await e.ctx.runs.report(run.id))!;
  assert.equal(report.translations.length, 3);
  const last = report.translations.at(-1)!;
  assert.equal(last.epoch, 3);
  assert.ok(last.items.length > 0);
  for (const item of last.items) assert.ok(item.source.length > 0 && item.reference.length > 0);
  const map = report.attention!;
  assert.equal(map.weights.length, map.target.length);
  for (const row of map.weights) {
    assert.equal(row.length, map.source.length);
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 0.01, 'attention rows sum to 1');
  }
  for (const k of ['testBleu', 'testChrf', 'testExactMatch', 'sourceVocabSize', 'targetVocabSize']) assert.ok(k in run.summary!, k);

  const handlers = modelHandlers(e.ctx);
  const request = TranslateRequest.parse({ texts: ['three four five', 'nine qwerty'], beam: 3 });
  const { translations } = await handlers['model.translate']({ runId: run.id, request });
  assert.equal(translations.length, 2);
  assert.deepEqual(translations[1].unknown, ['qwerty']);
  assert.equal(translations[0].attention.source.join(' '), 'three four five');
  assert.ok(translations[0].tokens.every((t) => /^\d$/.test(t)), `digits out: ${translations[0].text}`);
  await assert.rejects(handlers['model.predict']({ runId: run.id, text: 'one' }), /does not predict/);

  // 1,000 beam-search translations leave no tensor behind.
  const loaded = await loadModel(e.ctx.runs.dir(run.id));
  const tensors = tf.memory().numTensors;
  const many = TranslateRequest.parse({ texts: Array.from({ length: 100 }, (_, i) => `${WORDS[i % 10]} ${WORDS[(i * 7) % 10]}`), beam: 4 });
  for (let i = 0; i < 10; i++) loaded.family.translate!(loaded.model, loaded.meta, many);
  assert.equal(tf.memory().numTensors, tensors);
  loaded.dispose();

  // Export → import → the same translations from the imported run.
  const exported = await exportHandlers(e.ctx)['export.create']({ runId: run.id, format: 'tfjs-layers' });
  const located = await exportHandlers(e.ctx)['export.locate']({ id: exported.id });
  const { runId: imported } = await handlers['model.import']({ path: located.path });
  const again = await handlers['model.translate']({ runId: imported, request });
  assert.deepEqual(again.translations.map((t) => t.text), translations.map((t) => t.text));
  assert.ok(existsSync(path.join(e.ctx.runs.dir(imported), 'tfjs', 'family.json')));

  // Resume the imported model on the corpus: it continues by weight name and completes.
  const resumed = await handlers['runs.resume']({ id: imported, corpusId: corpus.id });
  await e.ctx.jobs.wait(resumed.jobId);
  assert.equal((await e.ctx.runs.get(imported)).status, 'completed');
});

test('a translator checkpoint refuses a model whose weight was renamed, naming the weight', async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('digits.tsv', pairs(60, 5))], { task: 'translation' });
  const { run } = await e.train(corpus, { model: 'translator', arch: { ...small.arch, attention: 'luong-general', bidirectional: false }, training: { ...small.training, epochs: 1 } });
  assert.equal(run.status, 'completed', run.error?.message);
  const loaded = await loadModel(e.ctx.runs.dir(run.id));
  const weights = loaded.model.weights();
  const renamed = weights.map((w) => (w.name === 'decoder/output/kernel' ? { ...w, name: 'decoder/output/kernel_renamed' } : w));
  await assert.rejects(loadCheckpoint(e.ctx.runs.dir(run.id), 'best', renamed, null), /no weight "decoder\/output\/kernel_renamed"/);
  loaded.dispose();
});

test('a translator run on a corpus without pairs is refused before it exists, saying how to import one', async () => {
  const e = await testEngine();
  const text = await e.importAs([await e.file('plain.txt', 'one two\nthree four\n')], {});
  await assert.rejects(e.train(text, { model: 'translator', ...small }), /no sentence pairs: import it for the translation task/);
  assert.deepEqual(await e.ctx.runs.list(), [], 'no run left behind');
});
