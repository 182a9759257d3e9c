/** Corpus methods: preview, import (a job), list, get, delete. */
import path from 'node:path';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import { importCorpus } from '../data/import-corpus.ts';
import { deleteCorpus, getCorpus, listCorpora } from '../data/corpus-store.ts';
import { previewFile } from '../data/preview.ts';
import type { EngineContext } from '../engine.ts';
import { formatBytes, formatCount } from '../format.ts';

type CorpusMethods = 'corpus.preview' | 'corpus.import' | 'corpus.list' | 'corpus.get' | 'corpus.delete';

export function corpusHandlers({ ws, jobs }: EngineContext): Pick<Handlers<EngineMethods>, CorpusMethods> {
  return {
    'corpus.preview': async ({ path: file, displayName }) => previewFile(file, displayName),
    'corpus.import': async ({ paths, displayNames, options }) => {
      const names = paths.map((p, i) => displayNames?.[i] ?? path.basename(p));
      const title = `Import ${names.length === 1 ? names[0] : `${names.length} files`}`;
      const job = jobs.start('import', title, null, async ({ signal, progress }) => {
        const started = Date.now();
        const corpus = await importCorpus(ws, { paths, displayNames: names, options }, {
          signal,
          onProgress: (p) => {
            const fraction = (p.fileIndex + (p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 1)) / p.fileCount;
            const elapsed = (Date.now() - started) / 1000;
            const eta = fraction > 0.01 && elapsed > 0.5 ? (elapsed * (1 - fraction)) / fraction : null;
            progress({
              fraction,
              etaSeconds: eta,
              message: `${p.fileName}: ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)} · ${formatCount(p.documents)} documents`,
            });
          },
        });
        return { kind: 'import', corpus };
      });
      return { jobId: job.jobId };
    },
    'corpus.list': async () => listCorpora(ws),
    'corpus.get': async ({ id }) => getCorpus(ws, id),
    'corpus.delete': async ({ id }) => (await deleteCorpus(ws, id), {}),
  };
}
