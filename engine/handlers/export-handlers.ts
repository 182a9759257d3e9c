/** Exports: word vectors in word2vec / Embedding Projector formats, neural models as a TensorFlow.js Layers zip. */
import { userText } from '../../contract/user-text.ts';
import { StudioError } from '../../contract/errors.ts';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import type { EngineContext } from '../engine.ts';
import { createExport, locateExport, writeVectorFile } from '../export/export-store.ts';
import { zipExportFolder } from '../export/layers-export.ts';
import { runVectors } from './word2vec-handlers.ts';

export function exportHandlers(ctx: EngineContext): Pick<Handlers<EngineMethods>, 'export.create' | 'export.locate'> {
  return {
    'export.create': async ({ runId, format }) => {
      const run = await ctx.runs.get(runId);
      if (format === 'tfjs-layers') {
        // The neural trainers leave a Layers model in the run folder; the export zips it with vocabulary and card.
        if (run.spec.model === 'word2vec' || run.spec.model === 'pretrained') {
          throw new StudioError('ValidationError', userText('Run {name} holds word vectors: export it as word2vec or Embedding Projector files', { name: run.name }));
        }
        if (run.status !== 'completed') throw new StudioError('ValidationError', userText('Run {name} has no trained model to export yet (it is {status})', { name: run.name, status: run.status }));
        return createExport(ctx.ws, { runId, runName: run.name, format }, (file) => zipExportFolder(ctx.runs.dir(runId), file));
      }
      const kv = await runVectors(ctx, runId);
      return createExport(ctx.ws, { runId, runName: run.name, format }, (file) => writeVectorFile(kv, format, file));
    },
    'export.locate': async ({ id }) => locateExport(ctx.ws, id),
  };
}
