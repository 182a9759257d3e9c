/** The recurrent networks: the LSTM cell against PyTorch, output shapes and parameter counts of every head. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { RnnArch } from '../../../../contract/rnn.ts';
import { buildRnn, logitsOf, summarize } from '../../../../engine/models/rnn/rnn.ts';

await tf.setBackend('cpu');

const close = (a: number, b: number, eps = 1e-5) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);

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

test('model output shapes and parameter counts (classifier, bidirectional tagger, LM)', () => {
  const arch = RnnArch.parse({ cell: 'lstm', emb: 4, hidden: 3, layers: 2, dropout: 0.1 });
  const clf = buildRnn(arch, { task: 'classifier', vocabSize: 10, outputs: 2 });
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
  const tagger = buildRnn(RnnArch.parse({ cell: 'gru', emb: 4, hidden: 3, bidirectional: true }), { task: 'tagger', vocabSize: 10, outputs: 5 });
  const t = tagger.predict(x) as tf.Tensor;
  assert.deepEqual(t.shape, [2, 4, 5]); // [B, T, K]
  const lm = buildRnn(RnnArch.parse({ cell: 'rnn', emb: 4, hidden: 3 }), { task: 'lm', vocabSize: 10, outputs: 10 });
  const l = lm.predict(x) as tf.Tensor;
  assert.deepEqual(l.shape, [2, 4, 10]); // [B, T, V]
  close(l.sum(-1).dataSync()[0], 1); // softmax rows
  tf.dispose([x, y, t, l]);
  [clf, tagger, lm].forEach((m) => m.dispose());
});
