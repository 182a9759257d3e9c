// The progress line's validation figures are in words, not metric keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeValidation, spellKey } from '../../../engine/training/point-values.ts';

test('keys are spelt as words: validation prefix dropped, acronyms kept', () => {
  assert.equal(spellKey('valLoss'), 'loss');
  assert.equal(spellKey('macroF1'), 'macro F1');
  assert.equal(spellKey('valTagAccuracy'), 'tag accuracy');
  assert.equal(spellKey('exactMatch'), 'exact match');
  assert.equal(spellKey('bleu'), 'bleu');
});

test('an epoch line lists the values in words', () => {
  assert.equal(describeValidation({ valLoss: 0.01482, valAccuracy: 0.95, macroF1: 0.94 }), 'loss 0.0148 · accuracy 0.9500 · macro F1 0.9400');
});
