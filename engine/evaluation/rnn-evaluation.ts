/**
 * How well a recurrent model does on held-out batches: loss and accuracy figures; the LM's perplexity; the
 * classifier's macro-F1, confusion matrix (with a few examples per cell, right and wrong, each with the model's top
 * classes and the true class's probability, for the drill-down) and per-class scores.
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

/** How many examples the confusion matrix keeps: per cell, in all (a report of 50 classes stays under ~0.5 MB), and classes per example. */
export const EXAMPLE_LIMITS = { perCell: 8, total: 1000, topClasses: 3 };

type ConfusionExample = NonNullable<RunReport['confusion']>['examples'][number];

/** Probabilities rounded to 4 places: the report is JSON, read by people. */
const round4 = (p: number) => Math.round(p * 1e4) / 1e4;

/** Row b of [B, K] probabilities: the `top` most probable classes, most probable first. */
function topClasses(probs: Float32Array, b: number, K: number, labels: string[], top: number): { label: string; p: number }[] {
  const row = Array.from(probs.subarray(b * K, (b + 1) * K), (p, k) => ({ k, p }));
  row.sort((a, c) => c.p - a.p || a.k - c.k);
  return row.slice(0, top).map(({ k, p }) => ({ label: labels[k], p: round4(p) }));
}

/** A classifier's row that may end up among the report's examples, with what the report says of it. */
interface Candidate {
  position: number;
  example: ConfusionExample;
}

/**
 * The report's examples as if read in split order: a row is kept when its cell has fewer than `perCell` kept and
 * fewer than `total` are kept in all. Only a cell's first `perCell` rows by position can be kept, so each cell keeps
 * those as candidates while batches come in any order (sorted by length); the kept ones are then the first `total`
 * candidates by position — the same rows, in the same order, as reading unsorted batches one by one.
 */
class ExampleKeeper {
  private readonly cells = new Map<number, Candidate[]>();

  constructor(private readonly limits: typeof EXAMPLE_LIMITS) {}

  /** Whether a row at `position` in cell `cell` could still be kept (then `describe` it and `offer` it). */
  wants(cell: number, position: number): boolean {
    const kept = this.cells.get(cell);
    return this.limits.perCell > 0 && this.limits.total > 0 && (!kept || kept.length < this.limits.perCell || position < kept[kept.length - 1].position);
  }

  offer(cell: number, candidate: Candidate): void {
    const kept = this.cells.get(cell) ?? [];
    let i = kept.length;
    while (i > 0 && kept[i - 1].position > candidate.position) i--;
    kept.splice(i, 0, candidate);
    if (kept.length > this.limits.perCell) kept.pop();
    this.cells.set(cell, kept);
  }

  examples(): ConfusionExample[] {
    const all = [...this.cells.values()].flat().sort((a, b) => a.position - b.position);
    return all.slice(0, this.limits.total).map((c) => c.example);
  }
}

/**
 * Loss and accuracy figures over batches; the classifier also gets macro-F1, a confusion matrix and per-class
 * scores. Batches may come in any order (held-out ones are sorted by length, with their rows' `positions`): every
 * figure is a sum, and the kept examples are chosen by position (ExampleKeeper). `onProgress`: examples done of all,
 * after each batch.
 */
export async function evaluateBatches(model: RnnModel, task: RnnTask, batches: Batch[], labels: string[], limits = EXAMPLE_LIMITS, onProgress?: (done: number, total: number) => void): Promise<RnnEvaluation> {
  let lossSum = 0;
  let weight = 0;
  let correct = 0;
  let total = 0;
  const K = labels.length;
  const counts = task === 'classifier' ? new Int32Array(K * K) : null; // [actual, predicted]
  const keeper = new ExampleKeeper(limits);
  const examplesInAll = batches.reduce((n, b) => n + b.batch, 0);
  let done = 0;
  let next = 0; // the position of a row of batches without `positions`: they count in the order given
  for (const batch of batches) {
    // The classifier's class probabilities [B, K] too, for the examples the report keeps.
    let probs: Float32Array | null = null;
    const [loss, pred] = tf.tidy(() => {
      const logits = model.logits(batch, false);
      const l = model.lossOf(logits, batch);
      const p = tf.argMax(logits, -1); // [B] or [B, T]
      if (task === 'classifier') probs = tf.softmax(logits).dataSync() as Float32Array;
      return [l.dataSync()[0], p.dataSync() as Int32Array] as const;
    });
    if (task === 'classifier') {
      lossSum += loss * batch.batch;
      weight += batch.batch;
      for (let b = 0; b < batch.batch; b++) {
        const actual = batch.y[b];
        const predicted = pred[b];
        const cell = actual * K + predicted;
        counts![cell]++;
        total++;
        if (actual === predicted) correct++;
        const position = batch.positions?.[b] ?? next + b;
        if (batch.examples && keeper.wants(cell, position)) {
          keeper.offer(cell, {
            position,
            example: {
              actual: labels[actual],
              predicted: labels[predicted],
              text: batch.examples[b].words.join(' ').slice(0, 300),
              probabilities: topClasses(probs!, b, K, labels, limits.topClasses),
              actualProbability: round4(probs![b * K + actual]),
            },
          });
        }
      }
    } else {
      let tokens = 0;
      for (let i = 0; i < batch.mask.length; i++) {
        if (batch.mask[i] === 0) continue;
        tokens++;
        if (pred[i] === batch.y[i]) correct++;
      }
      total += tokens;
      lossSum += loss * tokens;
      weight += tokens;
    }
    next += batch.batch;
    done += batch.batch;
    onProgress?.(done, examplesInAll);
  }
  const matrix = counts ? labels.map((_, k) => Array.from(counts.subarray(k * K, (k + 1) * K))) : null;
  const examples = keeper.examples();
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
