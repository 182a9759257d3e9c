/** Losses, the LSTM cell, schedules, clipping, the fast cpu kernel, vocabularies, batches and model shapes on tiny data. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { OptimizerConfig, RnnConfig } from '../../../contract/sequence.ts';
import { buildRnn, logitsOf, summarize } from '../../../engine/models/rnn/rnn.ts';
import { classifierBatches, encodeExamples, lmBatches, lmStream, splitExamples } from '../../../engine/models/rnn/sequence-data.ts';
import { Vocab } from '../../../engine/models/rnn/vocab.ts';
import { installFastCpuKernels } from '../../../engine/backend/embedded/embedded-backend.ts';
import { crossEntropy, maskedCrossEntropy } from '../../../engine/training/losses.ts';
import { clipByGlobalNorm, learningRateAt } from '../../../engine/training/optimizer.ts';
import './helpers.ts';

const close = (a: number, b: number, eps = 1e-5) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);

test('masked cross-entropy on a 2×3 batch counts only unmasked positions', () => {
  // Logits = log p, so softmax(logits) = p. Unmasked: −ln 0.5 = 0.693147, −ln 0.75 = 0.287682, −ln 0.2 = 1.609438; mean over 3 = 0.863422.
  const probs = tf.tensor3d([[[0.5, 0.5], [0.25, 0.75], [0.9, 0.1]], [[0.2, 0.8], [0.01, 0.99], [0.5, 0.5]]]);
  const targets = tf.tensor2d([[0, 1, 0], [0, 0, 1]], undefined, 'int32');
  const mask = tf.tensor2d([[1, 1, 0], [1, 0, 0]]);
  const loss = maskedCrossEntropy(tf.log(probs), targets, mask);
  close(loss.dataSync()[0], 0.863422);
  tf.dispose([probs, targets, mask, loss]);
});

test('sequence cross-entropy is the mean −log p(label)', () => {
  const probs = tf.tensor2d([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1]]);
  const loss = crossEntropy(tf.log(probs), tf.tensor1d([1, 0], 'int32'));
  close(loss.dataSync()[0], (-Math.log(0.7) - Math.log(0.6)) / 2);
  tf.dispose([probs, loss]);
});

test('an LSTM layer over two steps matches torch.nn.LSTM with the same weights', () => {
  // Numbers from PyTorch 2 (python3-torch) at dev time: nn.LSTM(2, 2) with weight_ih = Wih, weight_hh = Whh,
  // bias_ih = b, bias_hh = 0, input [[1, −2], [0.5, 0.25]] → outputs below. Keras/tfjs keep W transposed, gates in
  // the same order (i, f, c/g, o) and one bias.
  const Wih = [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6], [0.7, -0.8], [0.2, 0.1], [-0.3, 0.5], [0.4, -0.6], [0.9, 0.05]];
  const Whh = [[0.05, 0.1], [-0.1, 0.2], [0.3, -0.05], [0.15, 0.25], [-0.2, 0.1], [0.1, -0.3], [0.05, 0.05], [-0.1, 0.2]];
  const b = [0.1, -0.1, 0.2, 0.0, 0.05, -0.05, 0.3, 0.1];
  const transpose = (m: number[][]) => m[0].map((_, j) => m.map((row) => row[j]));
  const layer = tf.layers.lstm({ units: 2, returnSequences: true, inputShape: [2, 2], recurrentActivation: 'sigmoid' });
  const model = tf.sequential({ layers: [layer] });
  layer.setWeights([tf.tensor2d(transpose(Wih)), tf.tensor2d(transpose(Whh)), tf.tensor1d(b)]);
  const out = model.predict(tf.tensor3d([[[1, -2], [0.5, 0.25]]])) as tf.Tensor;
  const got = out.dataSync();
  [0.0280494, -0.2134114, 0.0544889, -0.1036302].forEach((v, i) => close(got[i], v));
  model.dispose();
  out.dispose();
});

test('the linear-time UnsortedSegmentSum gives the segment sums', () => {
  installFastCpuKernels();
  const r = tf.unsortedSegmentSum(tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]), tf.tensor1d([2, 0, 2, 5], 'int32'), 4);
  assert.deepEqual(r.arraySync(), [[3, 4], [0, 0], [6, 8], [0, 0]]);
  r.dispose();
});

test('learning-rate schedules: warm-up, then constant, linear or cosine decay', () => {
  const c = (o: object) => OptimizerConfig.parse({ lr: 1, warmupSteps: 10, ...o });
  close(learningRateAt(c({}), 0, 110), 0.1);
  close(learningRateAt(c({}), 9, 110), 1);
  close(learningRateAt(c({}), 60, 110), 1);
  close(learningRateAt(c({ schedule: 'linear' }), 60, 110), 0.5);
  close(learningRateAt(c({ schedule: 'cosine' }), 60, 110), 0.5);
  close(learningRateAt(c({ schedule: 'cosine' }), 35, 110), 0.5 * (1 + Math.cos(Math.PI / 4)));
});

test('global-norm clipping rescales all gradients together', () => {
  const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) }; // norm 5
  const { grads: clipped, norm } = clipByGlobalNorm(grads, 1);
  close(norm, 5);
  close(clipped.a.dataSync()[0], 0.6, 1e-4);
  close(clipped.b.dataSync()[1], 0.8, 1e-4);
  tf.dispose(clipped);
});

test('vocabularies reserve <pad>=0 <unk> <bos> <eos> and cap the size; char level splits characters', () => {
  const v = Vocab.build([['a', 'b', 'a'], ['c', 'a', 'b']], 'word', 6);
  assert.deepEqual(v.tokens, ['<pad>', '<unk>', '<bos>', '<eos>', 'a', 'b']);
  assert.deepEqual(v.encode(['a', 'c', 'z']), [4, 1, 1]);
  const chars = Vocab.build([['ab', 'a']], 'char', 100);
  assert.deepEqual(chars.tokens.slice(4), ['a', 'b', ' ']);
  assert.equal(chars.decode(chars.encode(['ab', 'a'])), 'ab a');
});

test('batches are padded with 0 and masked; bucketing groups similar lengths; LM windows shift by one', () => {
  const vocab = Vocab.build([['a', 'b', 'c', 'd']], 'word', 100);
  const examples = [{ words: ['a'], label: 'x' }, { words: ['a', 'b', 'c'], label: 'y' }, { words: ['a', 'b'], label: 'x' }];
  const enc = encodeExamples(examples, 'classifier', vocab, ['x', 'y'], 10);
  const [batch] = classifierBatches(enc, 'classifier', 3, null);
  assert.equal(batch.time, 3);
  assert.deepEqual([...batch.x], [4, 0, 0, 4, 5, 6, 4, 5, 0]);
  assert.deepEqual([...batch.mask], [1, 0, 0, 1, 1, 1, 1, 1, 0]);
  assert.deepEqual([...batch.y], [0, 1, 0]);
  const stream = lmStream([{ words: ['a', 'b'] }], vocab); // <bos> a b <eos>
  const [lm] = lmBatches(stream, 2, 4, null);
  assert.deepEqual([...lm.x], [2, 4, 5, 0]);
  assert.deepEqual([...lm.y], [4, 5, 3, 0]);
  assert.deepEqual([...lm.mask], [1, 1, 1, 0]);
  const split = splitExamples([...Array(100).keys()], 0.1, 0.2, 7);
  assert.deepEqual([split.train.length, split.val.length, split.test.length], [70, 10, 20]);
  assert.deepEqual(splitExamples([...Array(100).keys()], 0.1, 0.2, 7), split);
});

test('model output shapes and parameter counts (classifier, bidirectional tagger, LM)', () => {
  const config = RnnConfig.parse({ arch: 'lstm', emb: 4, hidden: 3, layers: 2, dropout: 0.1 });
  const clf = buildRnn(config, { task: 'classifier', vocabSize: 10, outputs: 2 });
  const x = tf.tensor2d([[4, 5, 6, 0], [7, 0, 0, 0]], undefined, 'int32'); // [B=2, T=4]
  const y = clf.predict(x) as tf.Tensor;
  assert.deepEqual(y.shape, [2, 2]); // [B, C]
  const s = summarize(clf);
  // embedding 10·4; LSTM 4·(in·h + h·h + h): 4·(4·3+9+3)=96, 4·(3·3+9+3)=84; dense 3·2+2
  assert.equal(s.totalParams, 40 + 96 + 84 + 8);
  assert.deepEqual(s.layers.map((l) => l.type), ['Embedding', 'LSTM', 'Dropout', 'LSTM', 'Dropout', 'Dense', 'Activation']);
  // Training reads the logits: the same weights, one layer short of the softmax.
  const logits = logitsOf(clf).predict(x) as tf.Tensor;
  assert.deepEqual(Array.from((tf.softmax(logits).dataSync())), Array.from(y.dataSync()));
  logits.dispose();
  const tagger = buildRnn(RnnConfig.parse({ arch: 'gru', emb: 4, hidden: 3, bidirectional: true }), { task: 'tagger', vocabSize: 10, outputs: 5 });
  const t = tagger.predict(x) as tf.Tensor;
  assert.deepEqual(t.shape, [2, 4, 5]); // [B, T, K]
  const lm = buildRnn(RnnConfig.parse({ arch: 'rnn', emb: 4, hidden: 3 }), { task: 'lm', vocabSize: 10, outputs: 10 });
  const l = lm.predict(x) as tf.Tensor;
  assert.deepEqual(l.shape, [2, 4, 10]); // [B, T, V]
  close(l.sum(-1).dataSync()[0], 1); // softmax rows
  tf.dispose([x, y, t, l]);
  [clf, tagger, lm].forEach((m) => m.dispose());
});

test('the store-only zip: CRC-32 check value and a readable central directory', async () => {
  const { crc32, zipStore } = await import('../../../engine/export/zip.ts');
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926); // the CRC-32 check value
  // Dev-time: Python's zipfile.testzip() accepted this archive (names, sizes and CRCs).
  const zip = Buffer.from(zipStore([{ name: 'm/a.txt', data: new TextEncoder().encode('hello') }, { name: 'm/ü.bin', data: new Uint8Array([0, 1, 2, 255]) }]));
  const end = zip.length - 22;
  assert.equal(zip.readUInt32LE(end), 0x06054b50);
  assert.equal(zip.readUInt16LE(end + 10), 2);
  const dir = zip.readUInt32LE(end + 16);
  assert.equal(zip.readUInt32LE(dir), 0x02014b50);
  assert.equal(zip.readUInt32LE(dir + 16), crc32(new TextEncoder().encode('hello')));
  assert.equal(zip.subarray(30, 37).toString(), 'm/a.txt');
  assert.equal(zip.subarray(37, 42).toString(), 'hello');
});
