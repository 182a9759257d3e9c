import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DistinctEstimate } from '../../../engine/data/distinct-estimate.ts';
import { LengthHistogram } from '../../../engine/data/length-histogram.ts';
import { StatsCollector } from '../../../engine/data/stats.ts';
import { VocabularyCounter } from '../../../engine/data/vocabulary-counter.ts';

test('stats of a tiny corpus, computed by hand', () => {
  const stats = new StatsCollector();
  for (const doc of ['the cat sat', 'the cat', 'a dog sat on the mat', 'dog']) stats.addDocument(doc.split(' '));
  assert.deepEqual(stats.finish(), {
    documents: 4,
    tokens: 12,
    vocabSize: 7,
    // Equal counts in code-point order of the word.
    topWords: [
      { word: 'the', count: 3 },
      { word: 'cat', count: 2 },
      { word: 'dog', count: 2 },
      { word: 'sat', count: 2 },
      { word: 'a', count: 1 },
      { word: 'mat', count: 1 },
      { word: 'on', count: 1 },
    ],
    // Lengths 3, 2, 6, 1: one-token bins from the shortest to the longest document.
    lengthHistogram: [
      { min: 1, max: 1, count: 1 },
      { min: 2, max: 2, count: 1 },
      { min: 3, max: 3, count: 1 },
      { min: 4, max: 4, count: 0 },
      { min: 5, max: 5, count: 0 },
      { min: 6, max: 6, count: 1 },
    ],
  });
});

test('top words stop at 50', () => {
  const stats = new StatsCollector();
  for (let i = 0; i < 80; i++) stats.addDocument(Array.from({ length: i + 1 }, () => `w${i}`));
  const top = stats.finish().topWords;
  assert.equal(top.length, 50);
  assert.deepEqual(top[0], { word: 'w79', count: 80 });
  assert.deepEqual(top[49], { word: 'w30', count: 31 });
});

test('the length histogram uses nice bin widths and puts a long tail into one last bin', () => {
  const histogram = new LengthHistogram();
  for (let length = 1; length <= 100; length++) for (let k = 0; k < 10; k++) histogram.add(length);
  histogram.add(10_000);
  const bins = histogram.bins();
  assert.equal(bins.length, 12);
  assert.deepEqual(bins[0], { min: 0, max: 9, count: 90 });
  assert.deepEqual(bins[1], { min: 10, max: 19, count: 100 });
  assert.deepEqual(bins[10], { min: 100, max: 109, count: 10 });
  assert.deepEqual(bins[11], { min: 110, max: 10_000, count: 1 });
  assert.equal(bins.reduce((sum, b) => sum + b.count, 0), 1001);
  assert.deepEqual(new LengthHistogram().bins(), []);
});

test('when the word map outgrows its limit, rare words are pruned, top words stay exact, the size is estimated', () => {
  const vocabulary = new VocabularyCounter(1000);
  let cats = 0;
  for (let i = 0; i < 20_000; i++) {
    vocabulary.add(`w${i}`);
    if (i % 4 === 0) vocabulary.add('the');
    if (i % 7 === 0) (vocabulary.add('cat'), cats++);
  }
  assert.equal(vocabulary.approximate, true);
  assert.deepEqual(vocabulary.top(2), [
    { word: 'the', count: 5000 },
    { word: 'cat', count: cats },
  ]);
  const relativeError = Math.abs(vocabulary.size - 20_002) / 20_002;
  assert.ok(relativeError < 0.03, `estimated ${vocabulary.size} for 20002`);
});

test('a pruned vocabulary is flagged in the collected stats', () => {
  const stats = new StatsCollector(10);
  for (let i = 0; i < 100; i++) stats.addDocument([`w${i}`, 'common']);
  const result = stats.finish();
  assert.equal(result.vocabSizeApproximate, true);
  assert.ok(Math.abs(result.vocabSize - 101) <= 3, String(result.vocabSize));
  assert.deepEqual(result.topWords[0], { word: 'common', count: 100 });
  assert.equal(new StatsCollector().finish().vocabSizeApproximate, undefined);
});

test('the distinct-count estimate is within a few percent', () => {
  const small = new DistinctEstimate();
  for (let round = 0; round < 2; round++) for (let i = 0; i < 1000; i++) small.add(`word-${i}`);
  assert.ok(Math.abs(small.estimate() - 1000) <= 20, String(small.estimate()));
  const large = new DistinctEstimate();
  for (let i = 0; i < 300_000; i++) large.add(`token${i}`);
  assert.ok(Math.abs(large.estimate() - 300_000) / 300_000 < 0.03, String(large.estimate()));
});
