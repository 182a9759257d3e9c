/**
 * A trained recurrent model as a run folder keeps it: `sequence.json` (task, config, vocabulary, labels, how text
 * was tokenised) and the `best` checkpoint. Loads it back, and predicts, generates and evaluates with it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Tokenizer } from '../../contract/corpus.ts';
import { StudioError } from '../../contract/errors.ts';
import type { GenerateRequest, Prediction, RnnConfig, RunReport } from '../../contract/sequence.ts';
import { createTokenizer } from '../data/tokenize.ts';
import { loadCheckpoint } from './checkpoint.ts';
import { maskedCrossEntropy, crossEntropy } from './losses.ts';
import { writeJsonAtomic } from '../workspace/atomic.ts';
import { loadLayersExport } from '../models/rnn/layers-export.ts';
import { buildRnn, logitsOf } from '../models/rnn/rnn.ts';
import {padShort, type Batch, type SequenceMeta, type SequenceTask } from '../models/rnn/sequence-data.ts';

export type { SequenceMeta };
import { BOS, EOS, PAD, Vocab } from '../models/rnn/vocab.ts';
import { seededRandom } from '../random.ts';

export const SEQUENCE_FILE = 'sequence.json';


export async function saveSequenceMeta(dir: string, meta: SequenceMeta): Promise<void> {
  await writeJsonAtomic(path.join(dir, SEQUENCE_FILE), meta);
}

export async function readSequenceMeta(dir: string): Promise<SequenceMeta> {
  const text = await readFile(path.join(dir, SEQUENCE_FILE), 'utf8').catch(() => null);
  if (text === null) throw new StudioError('NotFoundError', `${dir} holds no trained recurrent model (no ${SEQUENCE_FILE})`);
  return JSON.parse(text) as SequenceMeta;
}

export interface LoadedSequenceModel {
  meta: SequenceMeta;
  vocab: Vocab;
  model: tf.LayersModel;
  dispose(): void;
}

/** Rebuild the architecture and load the `best` checkpoint (or `last` when asked), or an exported Layers folder. */
export async function loadSequenceModel(dir: string, checkpoint: 'best' | 'last' = 'best'): Promise<LoadedSequenceModel> {
  const meta = await readSequenceMeta(dir);
  const vocab = Vocab.fromJSON(meta.vocab);
  const model = buildRnn(meta.config, { task: meta.task, vocabSize: vocab.size, outputs: meta.task === 'lm' ? vocab.size : meta.labels.length });
  if (existsSync(path.join(dir, 'model.json'))) {
    // An exported folder (the run's tfjs/ or a copy of it): the weights come from the Layers files.
    const exported = await loadLayersExport(dir);
    model.setWeights(exported.getWeights());
    exported.dispose();
  } else {
    await loadCheckpoint(dir, checkpoint, model, null);
  }
  return { meta, vocab, model, dispose: () => model.dispose() };
}

/** The words of a text as the corpus was tokenised (the tagger keeps white-space tokens, as its import did). */
export function tokenizeLike(meta: SequenceMeta, text: string): string[] {
  if (meta.task === 'tagger') return text.split(/\s+/).filter(Boolean).map((t) => (meta.lowercase ? t.toLowerCase() : t));
  return createTokenizer(meta.tokenizer, meta.lowercase)(text);
}

export function predict(m: LoadedSequenceModel, text: string): Prediction {
  const { meta, vocab, model } = m;
  const words = tokenizeLike(meta, text);
  if (words.length === 0) throw new StudioError('ValidationError', 'The text has no tokens to predict on');
  if (meta.task === 'lm') throw new StudioError('ValidationError', 'A language model generates text: use generate');
  const ids = padShort(vocab.encode(words).slice(0, meta.config.seq));
  const probs = tf.tidy(() => (model.predict(tf.tensor2d([ids], [1, ids.length], 'int32')) as tf.Tensor).squeeze([0]).arraySync());
  if (meta.task === 'classifier') {
    const p = probs as number[];
    const ranked = meta.labels.map((label, i) => ({ label, p: p[i] })).sort((a, b) => b.p - a.p);
    return { task: 'classifier', label: ranked[0].label, probabilities: ranked };
  }
  const rows = probs as number[][];
  return { task: 'tagger', tokens: words.slice(0, meta.config.seq).map((token, t) => ({ token, tag: meta.labels[argmax(rows[t])], p: Math.max(...rows[t]) })) };
}

/** Sample from the LM: temperature (0 = greedy) and top-k, seeded when a seed is given. */
export function generate(m: LoadedSequenceModel, request: GenerateRequest): string {
  const { meta, vocab, model } = m;
  if (meta.task !== 'lm') throw new StudioError('ValidationError', 'Only a language model generates text');
  const random = seededRandom(request.seed ?? (Date.now() & 0x7fffffff));
  const context = [BOS, ...vocab.encode(tokenizeLike(meta, request.prompt))];
  const out: number[] = [];
  for (let i = 0; i < request.maxTokens; i++) {
    const window = context.slice(-meta.config.seq);
    const input = padShort(window);
    const probs = tf.tidy(() => {
      const p = model.predict(tf.tensor2d([input], [1, input.length], 'int32')) as tf.Tensor3D; // [1, T, V]
      return p.slice([0, window.length - 1, 0], [1, 1, -1]).reshape([-1]).dataSync() as Float32Array; // [V]
    });
    const next = sample(probs, request.temperature, request.topK, random);
    if (next === EOS) break;
    context.push(next);
    out.push(next);
  }
  return [request.prompt.trim(), vocab.decode(out)].filter(Boolean).join(vocab.level === 'word' ? ' ' : '');
}

export function sample(probs: Float32Array, temperature: number, topK: number, random: () => number): number {
  const candidates = [...probs.keys()].filter((i) => i !== PAD && i !== BOS);
  if (temperature === 0) return candidates.reduce((a, b) => (probs[b] > probs[a] ? b : a));
  candidates.sort((a, b) => probs[b] - probs[a]);
  const kept = topK > 0 ? candidates.slice(0, topK) : candidates;
  // p^(1/T), renormalised: the same as softmax(logits / T).
  const weights = kept.map((i) => Math.pow(Math.max(probs[i], 1e-12), 1 / temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let j = 0; j < kept.length; j++) if ((r -= weights[j]) <= 0) return kept[j];
  return kept[kept.length - 1];
}

const argmax = (row: ArrayLike<number>) => {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
};

/** The loss of a batch (shared by training and evaluation). */
export function batchLoss(model: tf.LayersModel, task: SequenceTask, batch: Batch, training: boolean): tf.Scalar {
  return tf.tidy(() => {
    const x = tf.tensor2d(batch.x, [batch.batch, batch.time], 'int32'); // [B, T]
    const logits = logitsOf(model).apply(x, { training }) as tf.Tensor;
    if (task === 'classifier') return crossEntropy(logits as tf.Tensor2D, tf.tensor1d(batch.y, 'int32')); // logits [B, C]
    const y = tf.tensor2d(batch.y, [batch.batch, batch.time], 'int32'); // [B, T]
    const mask = tf.tensor2d(batch.mask, [batch.batch, batch.time]); // [B, T]
    return maskedCrossEntropy(logits as tf.Tensor3D, y, mask); // logits [B, T, V or K]
  });
}

export interface Evaluation {
  metrics: Record<string, number>;
  confusion: RunReport['confusion'];
  perClass: RunReport['perClass'];
}

/** Loss and accuracy figures over batches; the classifier also gets macro-F1, a confusion matrix and per-class scores. */
export async function evaluateBatches(model: tf.LayersModel, task: SequenceTask, batches: Batch[], labels: string[], maxExamples = 5): Promise<Evaluation> {
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
      const l = batchLoss(model, task, batch, false);
      const p = tf.argMax(logitsOf(model).apply(tf.tensor2d(batch.x, [batch.batch, batch.time], 'int32'), { training: false }) as tf.Tensor, -1); // [B] or [B, T]
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
