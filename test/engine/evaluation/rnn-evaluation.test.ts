// The classifier's report keeps, per confusion cell, a bounded set of examples with the model's top classes and the
// true class's probability; these are checked against a softmax computed here, example by example.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { RnnArch } from '../../../contract/rnn.ts';
import { EXAMPLE_LIMITS, evaluateBatches } from '../../../engine/evaluation/rnn-evaluation.ts';
import type { Batch } from '../../../engine/models/rnn/batches.ts';
import { RnnModel } from '../../../engine/models/rnn/rnn-model.ts';
import { buildRnn } from '../../../engine/models/rnn/rnn.ts';

const labels = ['a', 'b', 'c'];
const T = 4;
const vocabSize = 12;

/** `n` documents of T random token ids (1…11), labels cycling a, b, c; in batches of 8. */
function batches(n: number): Batch[] {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: Batch[] = [];
  for (let start = 0; start < n; start += 8) {
    const B = Math.min(8, n - start);
    const x = Int32Array.from({ length: B * T }, () => 1 + Math.floor(rand() * (vocabSize - 1)));
    const y = Int32Array.from({ length: B }, (_, b) => (start + b) % labels.length);
    const examples = Array.from({ length: B }, (_, b) => ({ words: [...x.subarray(b * T, (b + 1) * T)].map((id) => `w${id}`), label: labels[y[b]] }));
    out.push({ x, y, mask: new Float32Array(B * T).fill(1), batch: B, time: T, tokens: B * T, examples });
  }
  return out;
}

function model(): RnnModel {
  // A larger init spread so the untrained model's predictions vary across classes.
  return new RnnModel(buildRnn(RnnArch.parse({ cell: 'gru', emb: 8, hidden: 8, dropout: 0 }), { task: 'classifier', vocabSize, outputs: labels.length }, 3), 'classifier');
}

/** The model's class probabilities for one document, computed alone. */
function probabilitiesOf(m: RnnModel, words: string[]): number[] {
  const ids = Int32Array.from(words, (w) => Number(w.slice(1)));
  const batch: Batch = { x: ids, y: Int32Array.of(0), mask: new Float32Array(T).fill(1), batch: 1, time: T, tokens: T };
  return tf.tidy(() => [...(tf.softmax(m.logits(batch, false)).dataSync() as Float32Array)]);
}

test('every kept example carries its top classes (predicted first) and the true class probability, right for that document', async () => {
  const m = model();
  const e = await evaluateBatches(m, 'classifier', batches(60), labels);
  const confusion = e.confusion!;
  assert.equal(confusion.matrix.flat().reduce((a, b) => a + b, 0), 60);
  // Correct cells keep examples too now (the drill-down sorts them by confidence).
  assert.ok(confusion.examples.some((x) => x.actual === x.predicted));
  for (const [i, actual] of labels.entries())
    for (const [j, predicted] of labels.entries()) {
      const kept = confusion.examples.filter((x) => x.actual === actual && x.predicted === predicted).length;
      assert.equal(kept, Math.min(confusion.matrix[i][j], EXAMPLE_LIMITS.perCell), `cell ${actual}→${predicted}`);
    }
  for (const example of confusion.examples) {
    const top = example.probabilities!;
    assert.equal(top.length, EXAMPLE_LIMITS.topClasses);
    assert.equal(top[0].label, example.predicted);
    for (let k = 1; k < top.length; k++) assert.ok(top[k - 1].p >= top[k].p);
    const expected = probabilitiesOf(m, example.text.split(' '));
    for (const { label, p } of top) assert.ok(Math.abs(p - expected[labels.indexOf(label)]) < 2e-4, `${label}: ${p} vs ${expected[labels.indexOf(label)]}`);
    assert.ok(Math.abs(example.actualProbability! - expected[labels.indexOf(example.actual)]) < 2e-4);
  }
  m.net.dispose();
});

test('the kept examples are bounded per cell and in all, and the report stays small', async () => {
  const m = model();
  const e = await evaluateBatches(m, 'classifier', batches(200), labels, { perCell: 2, total: 5, topClasses: 2 });
  const confusion = e.confusion!;
  assert.equal(confusion.examples.length, 5);
  assert.ok(confusion.examples.every((x) => x.probabilities!.length === 2));
  const perCell = new Map<string, number>();
  for (const x of confusion.examples) perCell.set(`${x.actual}:${x.predicted}`, (perCell.get(`${x.actual}:${x.predicted}`) ?? 0) + 1);
  assert.ok([...perCell.values()].every((n) => n <= 2));
  // With the default limits, 200 documents of 3 classes keep at most 9 cells × 8 examples.
  const full = await evaluateBatches(m, 'classifier', batches(200), labels);
  assert.ok(full.confusion!.examples.length <= 9 * EXAMPLE_LIMITS.perCell);
  assert.ok(JSON.stringify(full.confusion).length < 20_000, `${JSON.stringify(full.confusion).length} bytes`);
  m.net.dispose();
});
