/**
 * The word vectors of a neural run: one of its embedding layers (a classifier's, a language model's, a
 * translator's source or target) read from its `best` checkpoint by weight name, its rows named by the model's
 * vocabulary, as the same KeyedVectors a word2vec run gives — so neighbours, similarity, analogies, projections
 * and exports work on it unchanged. Reserved tokens (`<pad>`, `<unk>`, …) are left out; the vocabulary is most
 * frequent first, as the explorer expects, but records no counts (0, as in word2vec files).
 */
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import type { EmbeddingLayer } from '../families/family.ts';
import { readMeta } from '../families/registry.ts';
import { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { readCheckpointWeight } from '../training/checkpoint.ts';

/** The embedding layers a trained model folder offers (none for a family without them). */
export async function embeddingLayers(dir: string): Promise<EmbeddingLayer[]> {
  const { family, meta } = await readMeta(dir);
  return family.embeddings?.(meta) ?? [];
}

/** `layer` as its family names it; omitted, the first. */
export async function embeddingVectors(dir: string, runName: string, layer?: string): Promise<KeyedVectors> {
  const layers = await embeddingLayers(dir);
  if (layers.length === 0) throw new StudioError('ValidationError', userText('Run {run} has no embedding layer to explore', { run: runName }));
  const chosen = layer === undefined ? layers[0] : layers.find((l) => l.layer === layer);
  if (!chosen) throw new StudioError('ValidationError', userText('Run {run} has no embedding layer "{layer}" (it has {layers})', { run: runName, layer: String(layer), layers: layers.map((l) => `"${l.layer}"`).join(', ') }));
  const { shape, data } = await readCheckpointWeight(dir, 'best', chosen.weight);
  const [rows, dim] = shape;
  if (shape.length !== 2 || rows !== chosen.tokens.length) {
    throw new StudioError('CorruptFileError', userText("Run {run}'s {layer} is [{shape}], but its vocabulary has {tokens} tokens", { run: runName, layer: chosen.label, shape: shape.join(', '), tokens: chosen.tokens.length }));
  }
  const words = chosen.tokens.slice(chosen.firstWord);
  return new KeyedVectors(words, new Float64Array(words.length), dim, data.slice(chosen.firstWord * dim));
}
