/**
 * Exploring and exporting word vectors: trained word2vec runs, imported (`pretrained`) ones, and the embedding layers
 * of neural runs (a classifier's, a language model's, a translator's source or target: `layer`). Loaded
 * vectors are cached (a few runs per engine) so queries answer at once; other handler groups (evaluation) share
 * the cache through `runVectors`.
 */
import { userText } from '../../contract/user-text.ts';
import { StudioError } from '../../contract/errors.ts';
import { isNeuralSpec } from '../../contract/runs.ts';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import type { EngineContext } from '../engine.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { loadWord2VecModel } from '../models/word2vec/model-store.ts';
import { embeddingVectors } from '../vectors/run-embeddings.ts';

type Word2VecMethods = 'word2vec.neighbors' | 'word2vec.similarity' | 'word2vec.analogy' | 'word2vec.vocabulary';
const CACHE_SIZE = 3;

/** One cache per engine (keyed by its run store). */
const caches = new WeakMap<object, Map<string, Promise<KeyedVectors>>>();

/**
 * The word vectors of a completed run, loaded once and cached: a word2vec or pretrained run's, or a neural run's
 * embedding `layer` (omitted: its family's first).
 */
export async function runVectors(ctx: EngineContext, runId: string, layer?: string): Promise<KeyedVectors> {
  const run = await ctx.runs.get(runId);
  const neural = isNeuralSpec(run.spec);
  if (!neural && run.spec.model !== 'word2vec' && run.spec.model !== 'pretrained') throw new StudioError('ValidationError', userText('Run {name} has no word vectors (it is a {model} run)', { name: run.name, model: run.spec.model }));
  if (run.status !== 'completed') throw new StudioError('ValidationError', userText('Run {name} has no vectors yet (it is {status})', { name: run.name, status: run.status }));
  let cache = caches.get(ctx.runs);
  if (!cache) caches.set(ctx.runs, (cache = new Map()));
  const key = neural ? `${runId}|${layer ?? ''}` : runId;
  const cached = cache.get(key);
  if (cached) return cached;
  const loading = neural ? embeddingVectors(ctx.runs.dir(runId), run.name, layer) : loadWord2VecModel(ctx.runs.dir(runId));
  loading.catch(() => cache.delete(key));
  cache.set(key, loading);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return loading;
}

export function word2vecHandlers(ctx: EngineContext): Pick<Handlers<EngineMethods>, Word2VecMethods> {
  const vectors = (runId: string, layer: string | undefined) => runVectors(ctx, runId, layer);

  return {
    'word2vec.neighbors': async ({ runId, layer, word, top }) => (await vectors(runId, layer)).neighbors(word, top),
    'word2vec.similarity': async ({ runId, layer, a, b }) => ({ score: (await vectors(runId, layer)).similarity(a, b) }),
    'word2vec.analogy': async ({ runId, layer, a, b, c, top }) => (await vectors(runId, layer)).analogy(a, b, c, top),
    'word2vec.vocabulary': async ({ runId, layer, prefix, limit }) => (await vectors(runId, layer)).vocabulary(prefix, limit),
  };
}
