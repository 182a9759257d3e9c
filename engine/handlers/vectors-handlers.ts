/** Pretrained vectors and evaluation: import a vectors file as a run (a `vectors` job), score a run's vectors on benchmarks. */
import path from 'node:path';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import type { EngineContext } from '../engine.ts';
import { evaluateVectors } from '../evaluation/evaluate.ts';
import { startVectorsImport } from '../vectors/import-run.ts';
import { runVectors } from './word2vec-handlers.ts';

export function vectorsHandlers(ctx: EngineContext): Pick<Handlers<EngineMethods>, 'vectors.import' | 'word2vec.evaluate'> {
  return {
    'vectors.import': async ({ path: file, displayName, options }) => startVectorsImport(ctx, { path: file, options, ...(displayName ? { displayName } : {}) }),
    'word2vec.evaluate': async ({ runId, analogies, similarity }) => {
      const kv = await runVectors(ctx, runId);
      // The host passes resolved paths of picked files; their basenames are what the user picked.
      const file = (p: string) => ({ path: p, fileName: path.basename(p) });
      return evaluateVectors(kv, { ...(analogies ? { analogies: file(analogies) } : {}), ...(similarity ? { similarity: file(similarity) } : {}) });
    },
  };
}
