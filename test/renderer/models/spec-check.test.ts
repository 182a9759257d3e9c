// The Train form's check: the contract's TrainSpec decides, and its issues reach the form part and field they are about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrainSpec } from '../../../contract/runs.ts';
import { checkSpec, issuesUnder } from '../../../renderer/src/models/spec-check.ts';

const translatorForm = () => {
  const { model: _, ...form } = TrainSpec.parse({ model: 'translator' }) as Extract<TrainSpec, { model: 'translator' }>;
  return form;
};

test('a valid form becomes the spec to send', () => {
  const checked = checkSpec('translator', translatorForm());
  assert.equal(checked.issues, null);
  assert.equal(checked.spec?.model, 'translator');
});

test('issues are keyed by field, in the form’s words, and each form part gets its own', () => {
  const form = translatorForm();
  form.arch.hidden = 0;
  form.arch.attention = 'luong-dot'; // needs a unidirectional encoder; the default is bidirectional
  form.training.optimizer.weightDecay = 0.1; // decoupled weight decay needs AdamW
  form.training.batch = 1.5;
  const { spec, issues } = checkSpec('translator', form);
  assert.equal(spec, null);
  assert.deepEqual(issuesUnder(issues, 'arch'), {
    hidden: 'At least 1',
    attention: luongDotMessage(),
  });
  const training = issuesUnder(issues, 'training');
  assert.equal(training['optimizer.weightDecay'], 'Weight decay is decoupled: choose the AdamW optimiser to use it');
  assert.equal(training.batch, 'Enter a whole number');
});

test('a language model cannot be bidirectional: the spec-level check lands on the arch form’s field', () => {
  const { model: _, ...form } = TrainSpec.parse({ model: 'lm' }) as Extract<TrainSpec, { model: 'lm' }>;
  form.arch.bidirectional = true;
  const { issues } = checkSpec('lm', form);
  assert.match(issuesUnder(issues, 'arch').bidirectional, /left to right/);
});

function luongDotMessage(): string {
  const parsed = TrainSpec.safeParse({ model: 'translator', arch: { family: 'seq2seq', attention: 'luong-dot' } });
  assert.equal(parsed.success, false);
  return parsed.error!.issues[0].message;
}
