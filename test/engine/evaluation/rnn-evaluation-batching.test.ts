// Held-out batches sorted by length (heldOutBatches) give the same evaluation as the unsorted batches before them and
// as a plain reference computed here one example at a time: accuracy, the confusion matrix, per-class scores and
// the examples the report keeps (same rows, same order). On tfjs's cpu backend and on the embedded one (fused
// recurrent kernels, WebAssembly matrix products), with a bidirectional LSTM as in the Brown tagger.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { RnnArch } from '../../../contract/rnn.ts';
import { registerEmbeddedBackend } from '../../../engine/backend/embedded/embedded-backend.ts';
import { EXAMPLE_LIMITS, evaluateBatches } from '../../../engine/evaluation/rnn-evaluation.ts';
import { classifierBatches, heldOutBatches, type Encoded } from '../../../engine/models/rnn/batches.ts';
import { RnnModel } from '../../../engine/models/rnn/rnn-model.ts';
import { buildRnn } from '../../../engine/models/rnn/rnn.ts';

const vocabSize = 30;
const classes = ['a', 'b', 'c', 'd'];
const tags = ['DET', 'NOUN', 'VERB', 'ADJ', 'PUNCT'];

/** `n` examples of 1–14 random token ids (lengths mixed, as sentences are), seeded. */
function items(n: number, task: 'classifier' | 'tagger'): Encoded[] {
  let seed = 11;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => {
    const ids = Array.from({ length: 1 + Math.floor(rand() * 14) }, () => 1 + Math.floor(rand() * (vocabSize - 1)));
    const words = ids.map((id) => `w${id}`);
    if (task === 'classifier') return { ids, target: i % classes.length, example: { words, label: classes[i % classes.length] } };
    const target = ids.map((id) => id % tags.length);
    return { ids, target, example: { words, tags: target.map((t) => tags[t]) } };
  });
}

function model(task: 'classifier' | 'tagger', outputs: number): RnnModel {
  return new RnnModel(buildRnn(RnnArch.parse({ cell: 'lstm', bidirectional: true, emb: 8, hidden: 8, dropout: 0 }), { task, vocabSize, outputs }, 5), task);
}

/** One example alone (a batch of one, no padding but the two-step minimum): its logits as [rows, K] numbers. */
function logitsAlone(m: RnnModel, item: Encoded, task: 'classifier' | 'tagger'): number[][] {
  const [batch] = classifierBatches([item], task, 1, null);
  return tf.tidy(() => {
    const logits = m.logits(batch, false);
    const K = logits.shape.at(-1)!;
    const flat = [...(logits.dataSync() as Float32Array)];
    return Array.from({ length: flat.length / K }, (_, r) => flat.slice(r * K, (r + 1) * K));
  });
}

const argmax = (row: number[]) => row.reduce((best, v, k) => (v > row[best] ? k : best), 0);
const softmax = (row: number[]) => {
  const top = Math.max(...row);
  const e = row.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
};

/** The classifier's figures the plain way: example by example, in split order. */
function classifierReference(m: RnnModel, xs: Encoded[], limits = EXAMPLE_LIMITS) {
  const K = classes.length;
  const matrix = classes.map(() => new Array<number>(K).fill(0));
  const examples: { actual: string; predicted: string; probabilities: { label: string; p: number }[] }[] = [];
  const perCell = new Map<string, number>();
  for (const item of xs) {
    const [row] = logitsAlone(m, item, 'classifier');
    const actual = item.target as number;
    const predicted = argmax(row);
    matrix[actual][predicted]++;
    const n = perCell.get(`${actual}:${predicted}`) ?? 0;
    if (n < limits.perCell && examples.length < limits.total) {
      perCell.set(`${actual}:${predicted}`, n + 1);
      const p = softmax(row);
      const top = p.map((v, k) => ({ label: classes[k], p: v })).sort((x, y) => y.p - x.p).slice(0, limits.topClasses);
      examples.push({ actual: classes[actual], predicted: classes[predicted], probabilities: top });
    }
  }
  const correct = classes.reduce((a, _, k) => a + matrix[k][k], 0);
  const perClass = classes.map((label, k) => {
    const predicted = matrix.reduce((a, r) => a + r[k], 0);
    const support = matrix[k].reduce((a, b) => a + b, 0);
    const precision = predicted ? matrix[k][k] / predicted : 0;
    const recall = support ? matrix[k][k] / support : 0;
    return { label, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support };
  });
  return { accuracy: correct / xs.length, matrix, perClass, examples };
}

for (const backend of ['cpu', 'wasm'] as const) {
  test(`${backend}: a classifier's evaluation is the same sorted by length, unsorted, and example by example`, async () => {
    if (backend === 'wasm') registerEmbeddedBackend();
    await tf.setBackend(backend);
    const m = model('classifier', classes.length);
    const xs = items(90, 'classifier');
    const sorted = heldOutBatches(xs, 'classifier', 8);
    const unsorted = classifierBatches(xs, 'classifier', 8, null);
    assert.ok(sorted.reduce((a, b) => a + b.batch * b.time, 0) < unsorted.reduce((a, b) => a + b.batch * b.time, 0), 'sorting pads less');
    for (const limits of [EXAMPLE_LIMITS, { perCell: 2, total: 5, topClasses: 2 }]) {
      const reference = classifierReference(m, xs, limits);
      const progress: number[] = [];
      const after = await evaluateBatches(m, 'classifier', sorted, classes, limits, (done, total) => progress.push(done / total));
      const before = await evaluateBatches(m, 'classifier', unsorted, classes, limits);
      assert.equal(after.metrics.accuracy, reference.accuracy);
      assert.deepEqual(after.confusion!.matrix, reference.matrix);
      assert.deepEqual(after.perClass, reference.perClass);
      assert.equal(after.metrics.macroF1, before.metrics.macroF1);
      // The same examples, in the same order, with the same probabilities.
      assert.deepEqual(after.confusion!.examples, before.confusion!.examples);
      assert.deepEqual(
        after.confusion!.examples.map((e) => [e.actual, e.predicted, e.probabilities!.map((p) => p.label)]),
        reference.examples.map((e) => [e.actual, e.predicted, e.probabilities.map((p) => p.label)]),
      );
      after.confusion!.examples.forEach((e, i) => e.probabilities!.forEach((p, j) => assert.ok(Math.abs(p.p - reference.examples[i].probabilities[j].p) < 2e-4)));
      assert.ok(Math.abs(after.metrics.loss - before.metrics.loss) < 1e-5 * before.metrics.loss, `${after.metrics.loss} vs ${before.metrics.loss}`);
      assert.equal(progress.length, sorted.length);
      assert.equal(progress.at(-1), 1);
      assert.ok(progress.every((p, i) => i === 0 || p > progress[i - 1]));
    }
    m.dispose();
  });

  test(`${backend}: a tagger's evaluation is the same sorted by length, unsorted, and sentence by sentence`, async () => {
    if (backend === 'wasm') registerEmbeddedBackend();
    await tf.setBackend(backend);
    const m = model('tagger', tags.length);
    const xs = items(70, 'tagger');
    let correct = 0;
    let total = 0;
    for (const item of xs) {
      const rows = logitsAlone(m, item, 'tagger');
      (item.target as number[]).forEach((tag, t) => {
        total++;
        if (argmax(rows[t]) === tag) correct++;
      });
    }
    const after = await evaluateBatches(m, 'tagger', heldOutBatches(xs, 'tagger', 8), tags);
    const before = await evaluateBatches(m, 'tagger', classifierBatches(xs, 'tagger', 8, null), tags);
    assert.ok(correct > 0 && correct < total, 'an untrained tagger gets some tags right, not all');
    assert.equal(after.metrics.tagAccuracy, correct / total);
    assert.equal(before.metrics.tagAccuracy, correct / total);
    assert.ok(Math.abs(after.metrics.loss - before.metrics.loss) < 1e-5 * before.metrics.loss, `${after.metrics.loss} vs ${before.metrics.loss}`);
    m.dispose();
  });
}
