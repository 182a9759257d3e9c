/**
 * How well a recurrent model does on held-out batches: loss and accuracy figures; the LM's perplexity; the
 * classifier's macro-F1, confusion matrix (with a few misclassified examples per cell) and per-class scores.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunReport } from '../../contract/models.ts';
import type { Batch, RnnTask } from '../models/rnn/batches.ts';
import type { RnnModel } from '../models/rnn/rnn-model.ts';

export interface RnnEvaluation {
  metrics: Record<string, number>;
  confusion: RunReport['confusion'];
  perClass: RunReport['perClass'];
}

/** Loss and accuracy figures over batches; the classifier also gets macro-F1, a confusion matrix and per-class scores. */
export async function evaluateBatches(model: RnnModel, task: RnnTask, batches: Batch[], labels: string[], maxExamples = 5): Promise<RnnEvaluation> {
  let lossSum = 0;
  let weight = 0;
  let correct = 0;
  let total = 0;
  const K = labels.length;
  const matrix = task === 'classifier' ? labels.map(() => new Array<number>(K).fill(0)) : null;
  const examples: { actual: string; predicted: string; text: string }[] = [];
  const perCell = new Map<string, number>();
  for (const batch of batches) {
    const [loss, pred] = tf.tidy(() => {
      const logits = model.logits(batch, false);
      const l = model.lossOf(logits, batch);
      const p = tf.argMax(logits, -1); // [B] or [B, T]
      return [l.dataSync()[0], p.dataSync() as Int32Array] as const;
    });
    if (task === 'classifier') {
      lossSum += loss * batch.batch;
      weight += batch.batch;
      for (let b = 0; b < batch.batch; b++) {
        const actual = batch.y[b];
        const predicted = pred[b];
        matrix![actual][predicted]++;
        total++;
        if (actual === predicted) correct++;
        else {
          const key = `${actual}:${predicted}`;
          const n = perCell.get(key) ?? 0;
          if (n < maxExamples && batch.examples) {
            perCell.set(key, n + 1);
            examples.push({ actual: labels[actual], predicted: labels[predicted], text: batch.examples[b].words.join(' ').slice(0, 300) });
          }
        }
      }
    } else {
      const tokens = batch.mask.reduce((a, b) => a + b, 0);
      lossSum += loss * tokens;
      weight += tokens;
      for (let i = 0; i < batch.mask.length; i++) {
        if (batch.mask[i] === 0) continue;
        total++;
        if (pred[i] === batch.y[i]) correct++;
      }
    }
  }
  const loss = lossSum / Math.max(weight, 1);
  const accuracy = correct / Math.max(total, 1);
  if (task === 'lm') return { metrics: { loss, perplexity: Math.exp(loss), accuracy }, confusion: null, perClass: null };
  if (task === 'tagger') return { metrics: { loss, tagAccuracy: accuracy, accuracy }, confusion: null, perClass: null };
  const perClass = labels.map((label, k) => {
    const tp = matrix![k][k];
    const predicted = matrix!.reduce((n, row) => n + row[k], 0);
    const support = matrix![k].reduce((a, b) => a + b, 0);
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const present = perClass.filter((c) => c.support > 0);
  const macroF1 = present.reduce((a, c) => a + c.f1, 0) / Math.max(present.length, 1);
  return { metrics: { loss, accuracy, macroF1 }, confusion: { labels, matrix: matrix!, examples }, perClass };
}
