// A confusion cell's examples sorted by confidence or by the true class's probability; old examples (no
// probabilities) keep their order, after the rest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortExamples, type ConfusionExample } from '../../../renderer/src/lib/confusion-examples.ts';

const ex = (text: string, top: number, truth: number): ConfusionExample => ({
  actual: 'a', predicted: 'b', text, actualProbability: truth,
  probabilities: [{ label: 'b', p: top }, { label: 'a', p: truth }],
});
const cell = [ex('one', 0.6, 0.3), ex('two', 0.9, 0.05), ex('three', 0.5, 0.45), { actual: 'a', predicted: 'b', text: 'old' }];
const texts = (list: ConfusionExample[]) => list.map((e) => e.text).join(' ');

test('by confidence, both ways; by the true class probability, both ways; old examples last', () => {
  assert.equal(texts(sortExamples(cell, 'confident')), 'two one three old');
  assert.equal(texts(sortExamples(cell, 'unsure')), 'three one two old');
  assert.equal(texts(sortExamples(cell, 'true-low')), 'two one three old');
  assert.equal(texts(sortExamples(cell, 'true-high')), 'three one two old');
});

test('a report without probabilities keeps its order', () => {
  const old = [{ actual: 'a', predicted: 'b', text: 'x' }, { actual: 'a', predicted: 'b', text: 'y' }];
  assert.equal(texts(sortExamples(old, 'confident')), 'x y');
  assert.equal(texts(sortExamples(old, 'true-low')), 'x y');
});
