/**
 * `word2vec.projection`: the embedding explorer's 2-D/3-D picture of a run's most frequent words.
 * Completed runs (trained or pretrained): computed once per (run, request) and cached. Running runs: PCA of the
 * trainer's latest snapshot (`ctx.snapshots`), marked `live`, so the renderer can redraw the space as it organises.
 */
import { StudioError } from '../../contract/errors.ts';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import type { Projection, ProjectionRequest } from '../../contract/word2vec.ts';
import type { EngineContext } from '../engine.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { computeProjection } from '../projection/project.ts';
import { runVectors } from './word2vec-handlers.ts';

/** Completed-run projections kept (each ≤ 50 000 words: about 2 MB with its words). */
const CACHE_SIZE = 8;

export function projectionHandlers(ctx: EngineContext): Pick<Handlers<EngineMethods>, 'word2vec.projection'> {
  const cache = new Map<string, Promise<Projection>>();
  /** Live projections per snapshot object, so several windows polling one training share the work. */
  const live = new WeakMap<KeyedVectors, Map<string, Promise<Projection>>>();
  // UMAP takes tens of seconds of CPU and a few hundred MB, in a worker thread (the engine keeps answering
  // meanwhile); one at a time, so the first asked is the first done and two layouts never share the cores.
  let umapQueue: Promise<unknown> = Promise.resolve();

  const keyOf = (r: ProjectionRequest) => `${r.method}|${r.dims}|${r.limit}`;

  function compute(kv: KeyedVectors, request: ProjectionRequest, isLive: boolean): Promise<Projection> {
    if (request.method !== 'umap') return computeProjection(kv, request, isLive);
    const result = umapQueue.then(() => computeProjection(kv, request, isLive));
    umapQueue = result.catch(() => {});
    return result;
  }

  return {
    'word2vec.projection': async ({ runId, request }) => {
      const run = await ctx.runs.get(runId);
      if (run.spec.model !== 'word2vec' && run.spec.model !== 'pretrained') {
        throw new StudioError('ValidationError', `Run ${run.name} has no word vectors to project (it is a ${run.spec.model} run)`);
      }
      if (run.status === 'running') {
        if (request.method === 'umap') {
          throw new StudioError('ValidationError', 'UMAP is available when training has finished (a layout takes tens of seconds); PCA follows the training live');
        }
        const kv = ctx.snapshots.get(runId);
        if (!kv) throw new StudioError('ValidationError', `Run ${run.name} has no snapshot yet: the first comes a few seconds into training`);
        let forSnapshot = live.get(kv);
        if (!forSnapshot) live.set(kv, (forSnapshot = new Map()));
        const key = keyOf(request);
        let pending = forSnapshot.get(key);
        if (!pending) {
          forSnapshot.set(key, (pending = compute(kv, request, true)));
          const map = forSnapshot;
          pending.catch(() => map.delete(key));
        }
        return pending;
      }
      const key = `${runId}|${keyOf(request)}`;
      const cached = cache.get(key);
      if (cached) {
        cache.delete(key); // most recently used last
        cache.set(key, cached);
        return cached;
      }
      const pending = runVectors(ctx, runId).then((kv) => compute(kv, request, false));
      pending.catch(() => cache.delete(key));
      cache.set(key, pending);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      return pending;
    },
  };
}
