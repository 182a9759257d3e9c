/**
 * Exploring and exporting word vectors: trained word2vec runs and imported (`pretrained`) ones alike. Loaded
 * vectors are cached (a few runs per engine) so queries answer at once; other handler groups (evaluation) share
 * the cache through `runVectors`.
 */
import { StudioError } from '../../contract/errors.ts';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import type { EngineContext } from '../engine.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { loadWord2VecModel } from '../models/word2vec/model-store.ts';

type Word2VecMethods = 'word2vec.neighbors' | 'word2vec.similarity' | 'word2vec.analogy' | 'word2vec.vocabulary';
const CACHE_SIZE = 3;

/** One cache per engine (keyed by its run store). */
const caches = new WeakMap<object, Map<string, Promise<KeyedVectors>>>();

/** The word vectors of a completed word2vec or pretrained run, loaded once and cached. */
export async function runVectors(ctx: EngineContext, runId: string): Promise<KeyedVectors> {
  const run = await ctx.runs.get(runId);
  if (run.spec.model !== 'word2vec' && run.spec.model !== 'pretrained') throw new StudioError('ValidationError', `Run ${run.name} has no word vectors (it is a ${run.spec.model} run)`);
  if (run.status !== 'completed') throw new StudioError('ValidationError', `Run ${run.name} has no vectors yet (it is ${run.status})`);
  let cache = caches.get(ctx.runs);
  if (!cache) caches.set(ctx.runs, (cache = new Map()));
  const cached = cache.get(runId);
  if (cached) return cached;
  const loading = loadWord2VecModel(ctx.runs.dir(runId));
  loading.catch(() => cache.delete(runId));
  cache.set(runId, loading);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return loading;
}

export function word2vecHandlers(ctx: EngineContext): Pick<Handlers<EngineMethods>, Word2VecMethods> {
  const vectors = (runId: string) => runVectors(ctx, runId);

  return {
    'word2vec.neighbors': async ({ runId, word, top }) => (await vectors(runId)).neighbors(word, top),
    'word2vec.similarity': async ({ runId, a, b }) => ({ score: (await vectors(runId)).similarity(a, b) }),
    'word2vec.analogy': async ({ runId, a, b, c, top }) => (await vectors(runId)).analogy(a, b, c, top),
    'word2vec.vocabulary': async ({ runId, prefix, limit }) => (await vectors(runId)).vocabulary(prefix, limit),
  };
}
