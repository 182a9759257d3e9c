/** Corpus methods: preview, import (a job), checking sentence pairs before an import, token previews, list, get, delete. */
import path from 'node:path';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import { importCorpus } from '../data/import-corpus.ts';
import { getCorpus, listCorpora } from '../data/corpus-store.ts';
import { deleteCorpusIfUnused } from '../data/corpus-users.ts';
import { previewFile } from '../data/preview.ts';
import { checkPairFiles } from '../data/pair-check.ts';
import { previewCorpusTokens, previewFileTokens } from '../data/token-preview.ts';
import { StudioError } from '../../contract/errors.ts';
import { expandPaths } from '../data/expand-paths.ts';
import type { EngineContext } from '../engine.ts';
import { formatBytes, formatCount } from '../format.ts';

type CorpusMethods = 'corpus.preview' | 'corpus.import' | 'corpus.checkPairs' | 'corpus.tokenPreview' | 'corpus.list' | 'corpus.get' | 'corpus.delete';

export function corpusHandlers({ ws, jobs }: EngineContext): Pick<Handlers<EngineMethods>, CorpusMethods> {
  return {
    'corpus.preview': async ({ path: file, displayName }) => {
      // A folder previews its first file; the name says how many files it holds.
      const name = displayName ?? path.basename(file);
      const inside = await expandPaths([file], [name]);
      const preview = await previewFile(inside.paths[0], inside.names[0]);
      return inside.paths.length === 1 && inside.paths[0] === file ? preview : { ...preview, fileName: `${inside.names[0]} (first of ${inside.paths.length} files in ${name})` };
    },
    'corpus.import': async ({ paths: given, displayNames, options }) => {
      const { paths, names } = await expandPaths(given, given.map((p, i) => displayNames?.[i] ?? path.basename(p)));
      const title = `Import ${names.length === 1 ? names[0] : `${names.length} files`}`;
      const job = jobs.start('import', title, null, async ({ signal, progress }) => {
        const started = Date.now();
        const corpus = await importCorpus(ws, { paths, displayNames: names, options }, {
          signal,
          onProgress: (p) => {
            const ofStage = (p.fileIndex + (p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 1)) / p.fileCount;
            // A translation import reads its files twice (a check, then the writing): each pass is part of the bar.
            const fraction = p.stage ? (p.stage.index + ofStage) / p.stage.count : ofStage;
            const elapsed = (Date.now() - started) / 1000;
            const eta = fraction > 0.01 && elapsed > 0.5 ? (elapsed * (1 - fraction)) / fraction : null;
            progress({
              fraction,
              etaSeconds: eta,
              message: `${p.stage ? `${p.stage.label[0].toUpperCase()}${p.stage.label.slice(1)} ` : ''}${p.fileName}: ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)} · ${formatCount(p.documents)} ${options.task === 'translation' ? 'pairs' : 'documents'}`,
            });
          },
        });
        return { kind: 'import', corpus };
      });
      return { jobId: job.jobId };
    },
    'corpus.checkPairs': async ({ paths: given, displayNames, options }) => {
      if (options.task !== 'translation') throw new StudioError('ValidationError', 'corpus.checkPairs checks sentence pairs: give the options of a translation import (task "translation")');
      const { paths, names } = await expandPaths(given, given.map((p, i) => displayNames?.[i] ?? path.basename(p)));
      return checkPairFiles(paths, names, options);
    },
    'corpus.tokenPreview': async (input) => {
      if ('corpusId' in input) return previewCorpusTokens(ws.corpusDir(input.corpusId), await getCorpus(ws, input.corpusId));
      // A folder previews its first file, as corpus.preview does.
      const inside = await expandPaths([input.path], [input.displayName ?? path.basename(input.path)]);
      return previewFileTokens(inside.paths[0], inside.names[0], input.options);
    },
    'corpus.list': async () => listCorpora(ws),
    'corpus.get': async ({ id }) => getCorpus(ws, id),
    // Refused, naming them, while trainings in any process sharing the workspace read it (corpus-users.ts).
    'corpus.delete': async ({ id }) => (await deleteCorpusIfUnused(ws, id), {}),
  };
}
