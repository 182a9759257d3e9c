// Every setting a run's spec can hold has words for people, in English and Chinese: each model's spec with every
// optional field given, read as the settings table (keys inside a part), the comparison (full paths) and a resume's
// changes (training paths) read it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunSpec } from '../../../contract/runs.ts';
import { catalogue } from '../../../renderer/src/i18n/index.ts';
import { compareTable, flattenSpec, formatCell } from '../../../renderer/src/lib/run-compare.ts';
import { settingLabel } from '../../../renderer/src/lib/setting-labels.ts';

const training = { steps: 100, minutes: 5 };
const embeddings = { runId: 'r-abcd', trainable: false };
const specs = {
  word2vec: RunSpec.parse({ model: 'word2vec', config: {} }),
  pretrained: RunSpec.parse({ model: 'pretrained', config: { format: 'glove', fileName: 'glove.6B.50d.txt', maxWords: 1000 } }),
  classifier: RunSpec.parse({ model: 'classifier', arch: { embeddings }, training }),
  tagger: RunSpec.parse({ model: 'tagger', arch: { embeddings }, training }),
  lm: RunSpec.parse({ model: 'lm', arch: { embeddings }, training }),
  translator: RunSpec.parse({ model: 'translator', arch: { family: 'seq2seq', embeddings }, training }),
};

/** A part of a spec as the settings table writes its keys: `optimizer.lr`. */
function keysOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

for (const [model, spec] of Object.entries(specs)) {
  test(`every setting of a ${model} run has a label, inside its part and as a full path`, () => {
    const parts = Object.entries(spec).filter(([key]) => key !== 'model');
    const inPart = parts.flatMap(([, value]) => keysOf(value));
    const paths = Object.keys({ corpus: 'c', ...flattenSpec(spec) });
    assert.ok(inPart.length >= 3 && paths.length >= 5);
    assert.deepEqual(inPart.filter((key) => settingLabel(key) === null), [], 'keys inside a part without a label');
    assert.deepEqual(paths.filter((key) => settingLabel(key) === null), [], 'paths without a label');
  });
}

test('every label has its Chinese', () => {
  const zh = catalogue('zh-CN');
  const labels = Object.values(specs).flatMap((spec) => Object.keys({ corpus: 'c', ...flattenSpec(spec) }).map((key) => settingLabel(key)!));
  assert.deepEqual([...new Set(labels)].filter((label) => !(label in zh)), []);
});

test('the same field reads the same in every part and path; the form’s own words are reused', () => {
  assert.equal(settingLabel('optimizer.warmupSteps'), 'Warm-up steps');
  assert.equal(settingLabel('training.optimizer.warmupSteps'), 'Warm-up steps');
  assert.equal(settingLabel('arch.hidden'), 'Hidden units');
  assert.equal(settingLabel('hidden'), 'Hidden units');
  assert.equal(settingLabel('config.minCount'), 'Min count');
  assert.equal(settingLabel('validationSplit'), 'Validation share');
});

test('a key it does not know has no label (it is shown as it is), inherited object keys included', () => {
  assert.equal(settingLabel('arch.somethingNew'), null);
  assert.equal(settingLabel('constructor'), null);
  assert.equal(settingLabel('toString'), null);
  assert.equal(settingLabel('optimizer'), null);
});

test('the comparison heads a setting column with its name (its path where it has none) and shows a switch as yes or no', () => {
  const run = (id: string, spec: RunSpec) => ({ id, name: id, corpusName: 'c', modelLabel: 'm', spec, summary: null, points: [] });
  const table = compareTable([run('a', specs.classifier), run('b', specs.translator)]);
  const column = (id: string) => table.columns.find((c) => c.id === id)!;
  assert.equal(column('setting:arch.hidden').label, 'Hidden units');
  assert.equal(column('setting:training.optimizer.warmupSteps').label, 'Warm-up steps');
  assert.equal(column('setting:corpus').label, 'Corpus');
  assert.equal(formatCell(column('setting:arch.bidirectional'), true), 'yes');
  assert.equal(formatCell(column('setting:arch.bidirectional'), false), 'no');
  assert.equal(formatCell(column('setting:arch.cell'), 'lstm'), 'lstm');
});
