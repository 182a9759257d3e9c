// The forms' bounds and choices come from the contract's zod schemas: read them back and check them against what
// the schemas themselves accept, so a changed bound in contract/ shows in the forms without a copy to update.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrainingConfig } from '../../../contract/training.ts';
import { RnnArch } from '../../../contract/rnn.ts';
import { Seq2SeqArch } from '../../../contract/seq2seq.ts';
import { enumOptions, numberField, objectShape } from '../../../renderer/src/models/schema-fields.ts';

test('numberField reads min, max and integer-ness through .default() and .optional()', () => {
  const layers = numberField(Seq2SeqArch.shape.layers);
  assert.deepEqual(layers, { min: 1, max: 4, step: 1, optional: false });
  // The bounds are the schema's: its edges parse, one step past them does not.
  assert.equal(Seq2SeqArch.safeParse({ family: 'seq2seq', layers: layers.max }).success, true);
  assert.equal(Seq2SeqArch.safeParse({ family: 'seq2seq', layers: layers.max! + 1 }).success, false);
  assert.equal(Seq2SeqArch.safeParse({ family: 'seq2seq', layers: layers.min! - 1 }).success, false);

  assert.deepEqual(numberField(RnnArch.shape.dropout), { min: 0, max: 0.9, step: 'any', optional: false });
  assert.deepEqual(numberField(TrainingConfig.shape.steps), { min: 1, max: 100_000_000, step: 1, optional: true });
  assert.equal(numberField(TrainingConfig.shape.minutes).optional, true);
});

test('objectShape reaches into a defaulted, refined object (the optimiser) and enumOptions lists its choices', () => {
  const optimizer = objectShape(TrainingConfig.shape.optimizer);
  assert.deepEqual(enumOptions(optimizer.name), ['adam', 'adamw', 'sgd']);
  assert.ok(enumOptions(optimizer.schedule).includes('inverse-sqrt'));
  assert.deepEqual(numberField(optimizer.weightDecay), { min: 0, max: 1, step: 'any', optional: false });
  // lr is positive: 0 is its (exclusive) floor, and the schema refuses 0 itself.
  assert.equal(numberField(optimizer.lr).min, 0);
  assert.equal(TrainingConfig.safeParse({ optimizer: { lr: 0 } }).success, false);
  assert.deepEqual(enumOptions(Seq2SeqArch.shape.attention), ['bahdanau', 'luong-dot', 'luong-general']);
});

test('reading a field of the wrong kind is an error naming the kind', () => {
  assert.throws(() => numberField(Seq2SeqArch.shape.cell), /expected a number schema, got enum/);
  assert.throws(() => enumOptions(Seq2SeqArch.shape.hidden), /expected an enum schema, got number/);
});
