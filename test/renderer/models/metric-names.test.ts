// Every key the engine records in a metric point has a human name, unit and format in the renderer's one table:
// the keys are collected from the engine itself (its point values, each family's step and epoch values), so a new
// key fails here until metric-names.ts names it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FamilyName } from '../../../contract/runs.ts';
import { family } from '../../../engine/families/registry.ts';
import type { ModelMeta } from '../../../engine/families/family.ts';
import { neuralStepValues, word2vecValues } from '../../../engine/training/point-values.ts';
import { metricAxisTitle, metricDef, metricLabel } from '../../../renderer/src/models/metric-names.ts';

/** Whatever the evaluation figures are called, a number: epochMetrics picks the ones it records. */
const anyFigures = new Proxy({} as Record<string, number>, { get: () => 0.5 });

function engineKeys(): Set<string> {
  const keys = new Set<string>([
    ...Object.keys(neuralStepValues({ loss: 1, lr: 0.01, tokensPerSec: 100, gradNorm: 1 })),
    ...Object.keys(word2vecValues({ loss: 1, lr: 0.025, wordsPerSec: 100 })),
  ]);
  for (const name of FamilyName.options) {
    const f = family(name);
    for (const task of f.tasks) {
      const meta = { task } as unknown as ModelMeta;
      for (const key of Object.keys(f.stepValues?.(1, meta) ?? {})) keys.add(key);
      for (const key of Object.keys(f.epochMetrics(anyFigures, meta))) keys.add(key);
    }
  }
  return keys;
}

test('the keys are really collected from the engine (every family, steps and epochs)', () => {
  const keys = engineKeys();
  for (const key of ['loss', 'lr', 'wordsPerSec', 'tokensPerSec', 'valLoss', 'perplexity', 'valAccuracy', 'bleu', 'chrf']) assert.ok(keys.has(key), key);
});

test('every key the engine records has a label, and no label shows a camelCase key', () => {
  const unnamed = [...engineKeys()].filter((key) => metricDef(key) === undefined);
  assert.deepEqual(unnamed, [], `keys the engine records that renderer/src/models/metric-names.ts does not name: ${unnamed.join(', ')}`);
  for (const key of engineKeys()) {
    for (const label of [metricLabel(key), metricLabel(key, true), metricAxisTitle([key])]) {
      assert.doesNotMatch(label, /[a-z][A-Z][a-z0-9]|^val/, `${key} is shown as "${label}"`);
    }
  }
});

test('labels, validation prefix and axis units', () => {
  assert.equal(metricLabel('valLoss'), 'Validation loss');
  assert.equal(metricLabel('valLoss', true), 'Val. loss');
  assert.equal(metricLabel('bleu'), 'BLEU');
  assert.equal(metricLabel('valBleu'), 'Validation BLEU');
  assert.equal(metricAxisTitle(['loss', 'valLoss']), 'Loss (nats)');
  assert.equal(metricAxisTitle(['valAccuracy', 'macroF1']), 'Accuracy · Macro F1 (%)');
  assert.equal(metricAxisTitle(['bleu', 'chrf']), 'BLEU · chrF (0–100)');
  assert.equal(metricAxisTitle(['lr']), 'Learning rate');
  assert.equal(metricAxisTitle(['tokensPerSec']), 'Throughput (tokens/s)');
});

test('a key the table does not name is spelt out, not shown raw', () => {
  assert.equal(metricDef('someNewKey'), undefined);
  assert.equal(metricLabel('someNewKey'), 'Some new key');
  assert.equal(metricLabel('valSomeNewKey'), 'Validation some new key');
});
