/**
 * `word2vec.projection`: the embedding explorer's 2-D/3-D picture of a run's most frequent words.
 * Completed runs (trained or pretrained): computed once per (run, request) and cached. Running runs: PCA of the
 * trainer's latest snapshot (`ctx.snapshots`), marked `live`, so the renderer can redraw the space as it organises.
 * UMAP and t-SNE take tens of seconds: each is also a `projection` job, whose events carry its progress to every
 * window and which `jobs.cancel` stops; the call still answers with the picture (or CancelledError).
 */
import { userText } from '../../contract/user-text.ts';
import { StudioError } from '../../contract/errors.ts';
import { isNeuralSpec } from '../../contract/runs.ts';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import type { Projection, ProjectionRequest } from '../../contract/word2vec.ts';
import type { JobContext } from '../jobs/job-manager.ts';
import type { EngineContext } from '../engine.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { computeProjection } from '../projection/project.ts';
import type { LayoutProgress } from '../projection/layout-protocol.ts';
import { runVectors } from './word2vec-handlers.ts';

/** Completed-run projections kept (each ≤ 50 000 words: about 2 MB with its words). */
const CACHE_SIZE = 8;

export function projectionHandlers(ctx: EngineContext): Pick<Handlers<EngineMethods>, 'word2vec.projection'> {
  const cache = new Map<string, Promise<Projection>>();
  /** Live projections per snapshot object, so several windows polling one training share the work. */
  const live = new WeakMap<KeyedVectors, Map<string, Promise<Projection>>>();
  // UMAP and t-SNE take tens of seconds of CPU and a few hundred MB, in a worker thread (the engine keeps answering
  // meanwhile); one at a time, so the first asked is the first done and two layouts never share the cores.
  let layoutQueue: Promise<unknown> = Promise.resolve();

  /** t-SNE's own settings are part of its key only: a PCA picture is the same whatever they say. */
  const keyOf = (r: ProjectionRequest) => `${r.method}|${r.dims}|${r.limit}${r.method === 'tsne' ? `|${r.perplexity}|${r.iterations}` : ''}`;

  function compute(kv: KeyedVectors, request: ProjectionRequest, isLive: boolean, runId: string): Promise<Projection> {
    if (request.method === 'pca') return computeProjection(kv, request, isLive);
    const n = Math.min(request.limit, kv.size).toLocaleString('en-US');
    const title = userText('{method} of {count} words ({dims}-D)', { method: request.method === 'umap' ? 'UMAP' : 't-SNE', count: n, dims: request.dims });
    // The call answers with the picture; the job (started at once, then queued) carries progress and cancel.
    return new Promise<Projection>((resolve, reject) => {
      ctx.jobs.start('projection', title, runId, async (job) => {
        const result = layoutQueue.then(() => computeProjection(kv, request, isLive, { signal: job.signal, onProgress: reporter(job) }));
        layoutQueue = result.catch(() => {});
        result.then(resolve, reject);
        await result;
        return { kind: 'projection', runId };
      });
    });
  }

  return {
    'word2vec.projection': async ({ runId, layer, request }) => {
      const run = await ctx.runs.get(runId);
      // A neural run's embedding layer is projected once it has finished (runVectors); no live snapshots of it.
      const { model } = run.spec;
      if (model !== 'word2vec' && model !== 'pretrained' && !isNeuralSpec(run.spec)) {
        throw new StudioError('ValidationError', userText('Run {name} has no word vectors to project (it is a {model} run)', { name: run.name, model }));
      }
      if (run.status === 'running') {
        if (request.method !== 'pca') {
          const name = request.method === 'umap' ? 'UMAP' : 't-SNE';
          throw new StudioError('ValidationError', userText('{method} is available when training has finished (a layout takes tens of seconds); PCA follows the training live', { method: name }));
        }
        const kv = ctx.snapshots.get(runId);
        if (!kv) throw new StudioError('ValidationError', userText('Run {name} has no snapshot yet: the first comes a few seconds into training', { name: run.name }));
        let forSnapshot = live.get(kv);
        if (!forSnapshot) live.set(kv, (forSnapshot = new Map()));
        const key = keyOf(request);
        let pending = forSnapshot.get(key);
        if (!pending) {
          forSnapshot.set(key, (pending = compute(kv, request, true, runId)));
          const map = forSnapshot;
          pending.catch(() => map.delete(key));
        }
        return pending;
      }
      const key = `${runId}|${layer ?? ''}|${keyOf(request)}`;
      const cached = cache.get(key);
      if (cached) {
        cache.delete(key); // most recently used last
        cache.set(key, cached);
        return cached;
      }
      const pending = runVectors(ctx, runId, layer).then((kv) => compute(kv, request, false, runId));
      pending.catch(() => cache.delete(key));
      cache.set(key, pending);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      return pending;
    },
  };
}

/** Layout progress as job progress: the stage in words, an ETA once the layout has a rate. */
function reporter(job: JobContext): (progress: LayoutProgress) => void {
  const started = performance.now();
  return ({ stage, fraction }) => {
    const elapsed = (performance.now() - started) / 1000;
    const etaSeconds = fraction > 0.05 && elapsed > 1 ? (elapsed * (1 - fraction)) / fraction : null;
    job.progress({ fraction, etaSeconds, message: STAGES[stage] });
  };
}

const STAGES: Record<LayoutProgress['stage'], string> = {
  neighbours: userText('finding each word’s nearest neighbours'),
  graph: userText('building the neighbour graph'),
  affinities: userText('calibrating the affinities'),
  layout: userText('optimising the layout'),
};
