/** Exploring and exporting word2vec runs. Loaded vectors are cached (a few runs) so queries answer at once. */
import { StudioError } from '../../contract/errors.ts';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import type { EngineContext } from '../engine.ts';
import { createExport, locateExport } from '../export/export-store.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { loadWord2VecModel } from '../models/word2vec/model-store.ts';
import { writeWord2VecBinary, writeWord2VecText } from '../models/word2vec/formats.ts';

type Word2VecMethods = 'word2vec.neighbors' | 'word2vec.similarity' | 'word2vec.analogy' | 'word2vec.vocabulary' | 'export.create' | 'export.locate';
const CACHE_SIZE = 3;

export function word2vecHandlers(ctx: EngineContext): Pick<Handlers<EngineMethods>, Word2VecMethods> {
  const cache = new Map<string, Promise<KeyedVectors>>();

  async function vectors(runId: string): Promise<KeyedVectors> {
    const run = await ctx.runs.get(runId);
    if (run.spec.model !== 'word2vec') throw new StudioError('ValidationError', `Run ${run.name} is not a word2vec run`);
    if (run.status !== 'completed') throw new StudioError('ValidationError', `Run ${run.name} has no vectors yet (it is ${run.status})`);
    const cached = cache.get(runId);
    if (cached) return cached;
    const loading = loadWord2VecModel(ctx.runs.dir(runId));
    loading.catch(() => cache.delete(runId));
    cache.set(runId, loading);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return loading;
  }

  return {
    'word2vec.neighbors': async ({ runId, word, top }) => (await vectors(runId)).neighbors(word, top),
    'word2vec.similarity': async ({ runId, a, b }) => ({ score: (await vectors(runId)).similarity(a, b) }),
    'word2vec.analogy': async ({ runId, a, b, c, top }) => (await vectors(runId)).analogy(a, b, c, top),
    'word2vec.vocabulary': async ({ runId, prefix, limit }) => (await vectors(runId)).vocabulary(prefix, limit),
    'export.create': async ({ runId, format }) => {
      const run = await ctx.runs.get(runId);
      const kv = await vectors(runId);
      return createExport(ctx.ws, { runId, runName: run.name, format }, (file) =>
        format === 'word2vec-bin' ? writeWord2VecBinary(kv, file) : writeWord2VecText(kv, file),
      );
    },
    'export.locate': async ({ id }) => locateExport(ctx.ws, id),
  };
}
