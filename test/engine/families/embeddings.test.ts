/**
 * Each family's `embeddings()` names weights the network really has, with one row per vocabulary token: the
 * explorer reads them from checkpoints by these names, so a renamed layer must fail here, not in the Explore view.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { RnnArch } from '../../../contract/rnn.ts';
import { Seq2SeqArch } from '../../../contract/seq2seq.ts';
import { TrainingConfig } from '../../../contract/training.ts';
import type { ModelMeta } from '../../../engine/families/family.ts';
import { family } from '../../../engine/families/registry.ts';
import { SPECIALS } from '../../../engine/models/rnn/vocab.ts';

await tf.setBackend('cpu');

const common = { training: TrainingConfig.parse({}), tokenizer: 'words' as const, lowercase: true };
const vocab = (...words: string[]) => ({ level: 'word' as const, tokens: [...SPECIALS, ...words] });

const metas: ModelMeta[] = [
  { ...common, family: 'rnn', task: 'classifier', arch: RnnArch.parse({ family: 'rnn', emb: 6, hidden: 4 }), vocab: vocab('good', 'bad', 'film'), labels: ['pos', 'neg'] } as ModelMeta,
  {
    ...common,
    family: 'seq2seq',
    task: 'translator',
    arch: Seq2SeqArch.parse({ family: 'seq2seq', emb: 5, hidden: 4 }),
    sourceVocab: vocab('hello', 'world'),
    targetVocab: vocab('bonjour', 'le', 'monde'),
    sourceLanguage: 'en',
    targetLanguage: 'fr',
  } as ModelMeta,
];

for (const meta of metas) {
  test(`${meta.family}: every embedding layer listed is a weight of the model, [vocabulary, emb]`, () => {
    const f = family(meta.family);
    const layers = f.embeddings?.(meta) ?? [];
    assert.ok(layers.length > 0);
    const model = f.build(meta);
    try {
      const weights = new Map(model.weights().map((w) => [w.name, w.variable.shape]));
      for (const layer of layers) {
        const shape = weights.get(layer.weight);
        assert.ok(shape, `${layer.weight} is not among ${[...weights.keys()].join(', ')}`);
        assert.deepEqual(shape, [layer.tokens.length, meta.arch.emb]);
        assert.equal(layer.tokens[layer.firstWord - 1], SPECIALS.at(-1));
      }
      assert.equal(new Set(layers.map((l) => l.layer)).size, layers.length, 'layer names are unique');
    } finally {
      model.dispose();
    }
  });
}
