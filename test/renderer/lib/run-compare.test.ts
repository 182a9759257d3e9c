// The runs comparison's logic: specs flattened to paths, final and test figures, which columns differ, sorting,
// and which runs one chart may overlay (same model and key only, the rest named with a reason).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunSpec, type MetricPoint } from '../../../contract/runs.ts';
import { compareTable, defaultChoice, distinctNames, finalMetrics, flattenSpec, formatCell, overlay, overlayChoices, sortRows, testFigures, type CompareRun } from '../../../renderer/src/lib/run-compare.ts';

const point = (step: number, values: Record<string, number>): MetricPoint => ({ step, epoch: step / 10, time: step, values });

function classifier(id: string, hidden: number, valAccuracy: number, extra: Partial<CompareRun> = {}): CompareRun {
  return {
    id, name: `clf ${id}`, corpusName: 'reviews', modelLabel: 'Text classifier (RNN)',
    spec: RunSpec.parse({ model: 'classifier', arch: { hidden }, training: { epochs: 2 } }),
    summary: { testAccuracy: valAccuracy - 0.05, testMacroF1: 0.5, steps: 20 },
    points: [point(1, { loss: 1.2, lr: 0.001 }), point(10, { valLoss: 0.9, valAccuracy: valAccuracy - 0.1, macroF1: 0.4 }), point(20, { loss: 0.5, lr: 0.001, accuracy: 0.8 }), point(20, { valLoss: 0.7, valAccuracy, macroF1: 0.6 })],
    ...extra,
  };
}
const word2vec: CompareRun = {
  id: 'w', name: 'vectors', corpusName: 'brown', modelLabel: 'word2vec',
  spec: RunSpec.parse({ model: 'word2vec', config: {} }),
  summary: { loss: 3.1, vocabSize: 100 },
  points: [point(100, { loss: 4, lr: 0.025, wordsPerSec: 1000 }), point(200, { loss: 3.1, lr: 0.01, wordsPerSec: 900 })],
};

test('a spec flattens to paths of leaf values; nothing nested or undefined is left', () => {
  const flat = flattenSpec(RunSpec.parse({ model: 'classifier', arch: { cell: 'gru', embeddings: { runId: 'r-abcd' } }, training: { optimizer: { lr: 0.01 } } }));
  assert.equal(flat.model, 'classifier');
  assert.equal(flat['arch.cell'], 'gru');
  assert.equal(flat['arch.embeddings.runId'], 'r-abcd');
  assert.equal(flat['training.optimizer.lr'], 0.01);
  assert.equal(flat['training.batch'], 32);
  assert.ok(!('training.steps' in flat), 'an unset step budget is no column value');
  assert.ok(Object.values(flat).every((v) => ['string', 'number', 'boolean'].includes(typeof v)));
});

test('final metrics are the last value of each key; test figures come from the summary under their metric key', () => {
  const run = classifier('a', 16, 0.9);
  assert.deepEqual(finalMetrics(run.points), { loss: 0.5, lr: 0.001, valLoss: 0.7, valAccuracy: 0.9, macroF1: 0.6, accuracy: 0.8 });
  assert.deepEqual(testFigures(run.summary), { accuracy: 0.9 - 0.05, macroF1: 0.5 });
});

test('the table lists every setting, every recorded metric (validation accuracy included) and the test figures; only differing columns are marked', () => {
  const t = compareTable([classifier('a', 16, 0.9), classifier('b', 32, 0.7)]);
  const ids = t.columns.map((c) => c.id);
  for (const id of ['setting:model', 'setting:corpus', 'setting:arch.hidden', 'setting:training.optimizer.lr', 'metric:classifier/valAccuracy', 'metric:classifier/loss', 'metric:classifier/lr', 'test:classifier/accuracy', 'test:classifier/macroF1'])
    assert.ok(ids.includes(id), id);
  assert.equal(t.columns.find((c) => c.id === 'metric:classifier/valAccuracy')!.label, 'Validation accuracy');
  assert.equal(t.columns.find((c) => c.id === 'test:classifier/macroF1')!.label, 'Test macro F1');
  // Settings first, then metrics (quality before speed), then test figures.
  const groups = t.columns.map((c) => c.group);
  assert.deepEqual([...new Set(groups)], ['setting', 'metric', 'test']);
  assert.ok(ids.indexOf('metric:classifier/valAccuracy') < ids.indexOf('metric:classifier/lr'));
  assert.deepEqual([...t.differs].sort(), ['metric:classifier/valAccuracy', 'setting:arch.hidden', 'test:classifier/accuracy']);
  assert.ok(t.identical.has('setting:arch.cell') && t.identical.has('metric:classifier/loss'));
  assert.equal(t.identical.size + t.differs.size, t.columns.length, 'two classifiers have every column');
  assert.equal(formatCell(t.columns.find((c) => c.id === 'metric:classifier/valAccuracy')!, t.rows[0].values.get('metric:classifier/valAccuracy')), '90%');
  assert.equal(formatCell(t.columns.find((c) => c.id === 'setting:arch.hidden')!, 16), '16');
  assert.equal(formatCell(t.columns[0], undefined), '—');
});

test('beside a word2vec run, a setting only classifiers have differs only where the classifiers disagree, and is never hidden', () => {
  const t = compareTable([classifier('a', 16, 0.9), word2vec, classifier('b', 32, 0.7)]);
  assert.equal(t.rows[0].values.has('setting:config.dim'), false);
  assert.ok(t.differs.has('setting:model') && t.differs.has('setting:corpus') && t.differs.has('metric:classifier/valAccuracy'));
  assert.ok(t.differs.has('setting:arch.hidden'));
  // A loss column per model: word2vec's loss is never in the classifiers' column.
  const label = (id: string) => t.columns.find((c) => c.id === id)?.label;
  assert.equal(label('metric:classifier/loss'), 'Loss · classifier');
  assert.equal(label('metric:word2vec/loss'), 'Loss · word2vec');
  assert.equal(t.rows[1].values.has('metric:classifier/loss'), false);
  assert.equal(t.rows[1].values.get('metric:word2vec/loss'), 3.1);
  assert.equal(t.rows[0].values.has('metric:word2vec/loss'), false);
  for (const id of ['setting:arch.cell', 'setting:config.dim', 'metric:word2vec/wordsPerSec', 'metric:classifier/loss']) {
    assert.ok(!t.differs.has(id), `${id} is not highlighted`);
    assert.ok(!t.identical.has(id), `${id} is not hidden`);
  }
});

test('runs sharing a name are told apart by the end of their ids', () => {
  const names = distinctNames([{ id: 'r-aaaa-1111', name: 'classifier · t.csv' }, { id: 'r-bbbb-2222', name: 'classifier · t.csv' }, { id: 'r-cccc', name: 'w' }]);
  assert.deepEqual([...names.values()], ['classifier · t.csv · 1111', 'classifier · t.csv · 2222', 'w']);
});

test('rows sort by any column, both ways; runs without a value come last either way', () => {
  const t = compareTable([classifier('a', 32, 0.7), classifier('b', 16, 0.9), word2vec, classifier('c', 64, 0.8)]);
  const names = (rows: typeof t.rows) => rows.map((r) => r.run.id).join('');
  assert.equal(names(sortRows(t.rows, 'metric:classifier/valAccuracy', 'desc')), 'bcaw');
  assert.equal(names(sortRows(t.rows, 'metric:classifier/valAccuracy', 'asc')), 'acbw');
  assert.equal(names(sortRows(t.rows, 'setting:arch.hidden', 'asc')), 'bacw');
  assert.equal(names(sortRows(t.rows, 'setting:model', 'asc')), 'abcw'); // "classifier" < "word2vec", ties keep their order
  assert.equal(names(sortRows(t.rows, 'setting:model', 'desc')), 'wabc');
});

test('a chart overlays a metric only across runs of the same model that record it, and says why the others are left out', () => {
  const runs = [classifier('a', 16, 0.9), word2vec, classifier('b', 32, 0.7, { points: [point(1, { loss: 1 })] })];
  const choices = overlayChoices(runs);
  // Two loss choices, one per model: the same key, not the same measure.
  assert.deepEqual(choices.filter((c) => c.key === 'loss').map((c) => c.id), ['classifier/loss', 'word2vec/loss']);
  assert.ok(choices.some((c) => c.id === 'classifier/valAccuracy' && c.label === 'Validation accuracy' && c.runs === 1));
  assert.equal(defaultChoice(choices)!.id, 'classifier/loss');

  const accuracy = overlay(runs, choices.find((c) => c.id === 'classifier/valAccuracy')!);
  assert.deepEqual(accuracy.included.map((r) => r.id), ['a']);
  assert.deepEqual(accuracy.excluded.map((e) => e.run.id), ['w', 'b']);
  assert.match(accuracy.excluded[0].reason, /word2vec run: it records no validation accuracy/);
  assert.match(accuracy.excluded[1].reason, /records no validation accuracy yet/);

  const loss = overlay(runs, choices.find((c) => c.id === 'classifier/loss')!);
  assert.deepEqual(loss.included.map((r) => r.id), ['a', 'b']);
  assert.match(loss.excluded[0].reason, /its loss is not the same measure as a text classifier \(RNN\)'s/);
  assert.deepEqual(overlay(runs, choices.find((c) => c.id === 'word2vec/loss')!).included.map((r) => r.id), ['w']);
});
