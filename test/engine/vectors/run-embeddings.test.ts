/**
 * A neural run's embedding layer as word vectors: the explorer's calls (neighbours, similarity, vocabulary,
 * projection) on a tiny trained classifier answer from its embedding matrix — the same neighbours and cosines as a
 * direct computation on the weights loaded from its checkpoint through the model — without the reserved tokens;
 * an unknown layer is refused naming the ones there are; its export zip is identified as a model.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { StudioError } from '../../../contract/errors.ts';
import { ProjectionRequest } from '../../../contract/word2vec.ts';
import { zipExportFolder } from '../../../engine/export/layers-export.ts';
import { loadModel } from '../../../engine/families/load-model.ts';
import { identifyFile } from '../../../engine/files/identify.ts';
import { projectionHandlers } from '../../../engine/handlers/projection-handlers.ts';
import { word2vecHandlers } from '../../../engine/handlers/word2vec-handlers.ts';
import { SPECIALS } from '../../../engine/models/rnn/vocab.ts';
import { testEngine, tiny } from '../training/helpers.ts';
import { syntheticCsv } from '../training/synthetic.ts';

/** Cosine neighbours of row `i` computed here, from a plain [rows, dim] matrix. */
function cosineNeighbours(matrix: Float32Array, dim: number, words: string[], i: number, top: number): { word: string; score: number }[] {
  const norm = (r: number) => Math.hypot(...matrix.subarray(r * dim, (r + 1) * dim));
  const scored = words.map((word, r) => {
    let dot = 0;
    for (let k = 0; k < dim; k++) dot += matrix[i * dim + k] * matrix[r * dim + k];
    return { word, score: dot / (norm(i) * norm(r)) };
  });
  return scored.filter((_, r) => r !== i).sort((a, b) => b.score - a.score).slice(0, top);
}

test("a classifier's embedding layer answers the explorer's calls as a direct cosine on its checkpoint does", { timeout: 180_000 }, async () => {
  const e = await testEngine();
  const corpus = await e.importAs([await e.file('reviews.csv', syntheticCsv(120))], { task: 'classification' });
  const { run } = await e.train(corpus, { model: 'classifier', arch: { ...tiny.arch, cell: 'gru' }, training: { ...tiny.training, epochs: 1 } });
  assert.equal(run.status, 'completed', JSON.stringify(run.error));

  // The reference: the model built and its `best` checkpoint loaded the usual way, the matrix read from its variable.
  const loaded = await loadModel(e.ctx.runs.dir(run.id));
  const weight = loaded.model.weights().find((w) => w.name === 'embedding/embeddings');
  assert.ok(weight, loaded.model.weights().map((w) => w.name).join());
  const [rows, dim] = weight.variable.shape;
  const full = weight.variable.dataSync() as Float32Array;
  const tokens = (loaded.meta as unknown as { vocab: { tokens: string[] } }).vocab.tokens;
  loaded.dispose();
  assert.equal(rows, tokens.length);
  const words = tokens.slice(SPECIALS.length);
  const matrix = full.slice(SPECIALS.length * dim);

  const h = word2vecHandlers(e.ctx);
  const vocabulary = await h['word2vec.vocabulary']({ runId: run.id, prefix: '', limit: 1000 });
  assert.equal(vocabulary.total, words.length);
  assert.deepEqual(vocabulary.words.map((w) => w.word), words.slice(0, 1000));
  assert.ok(!vocabulary.words.some((w) => SPECIALS.includes(w.word)), 'reserved tokens are not words');

  for (const probe of [0, 3, Math.floor(words.length / 2)]) {
    const word = words[probe];
    const expected = cosineNeighbours(matrix, dim, words, probe, 5);
    const got = await h['word2vec.neighbors']({ runId: run.id, word, top: 5 });
    assert.deepEqual(got.map((n) => n.word), expected.map((n) => n.word), `neighbours of "${word}"`);
    got.forEach((n, k) => assert.ok(Math.abs(n.score - expected[k].score) < 1e-5, `${n.word}: ${n.score} vs ${expected[k].score}`));
  }
  const { score } = await h['word2vec.similarity']({ runId: run.id, a: words[0], b: words[1] });
  const direct = cosineNeighbours(matrix, dim, words, 0, words.length).find((n) => n.word === words[1])!.score;
  assert.ok(Math.abs(score - direct) < 1e-5, `${score} vs ${direct}`);

  // The recurrent family's one layer is `embedding`; asking for another names what there is.
  assert.equal((await h['word2vec.neighbors']({ runId: run.id, layer: 'embedding', word: words[0], top: 3 })).length, 3);
  await assert.rejects(h['word2vec.neighbors']({ runId: run.id, layer: 'target', word: words[0], top: 3 }), (err) => err instanceof StudioError && err.name === 'ValidationError' && /no embedding layer "target" \(it has "embedding"\)/.test(err.message));

  const projection = await projectionHandlers(e.ctx)['word2vec.projection']({ runId: run.id, request: ProjectionRequest.parse({ method: 'pca', dims: 2, limit: 50 }) });
  assert.deepEqual(projection.words, words.slice(0, Math.min(50, words.length)));

  const zip = path.join(e.dir, 'reviews-model.zip');
  await zipExportFolder(e.ctx.runs.dir(run.id), zip);
  assert.equal((await identifyFile(zip)).kind, 'model-zip');
});
