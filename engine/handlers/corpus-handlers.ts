/** Corpus methods: preview, import (a job), checking sentence pairs before an import, token previews, list, get, delete. */
import { userText } from '../../contract/user-text.ts';
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
      return inside.paths.length === 1 && inside.paths[0] === file ? preview : { ...preview, fileName: userText('{file} (first of {count} files in {folder})', { file: inside.names[0], count: inside.paths.length, folder: name }) };
    },
    'corpus.import': async ({ paths: given, displayNames, options }) => {
      const { paths, names } = await expandPaths(given, given.map((p, i) => displayNames?.[i] ?? path.basename(p)));
      const title = names.length === 1 ? userText('Import {file}', { file: names[0] }) : userText('Import {count} files', { count: names.length });
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
              message: importProgress(p.stage?.label ?? null, { file: p.fileName, done: formatBytes(p.bytesDone), total: formatBytes(p.bytesTotal), count: formatCount(p.documents) }, options.task === 'translation'),
            });
          },
        });
        return { kind: 'import', corpus };
      });
      return { jobId: job.jobId };
    },
    'corpus.checkPairs': async ({ paths: given, displayNames, options }) => {
      if (options.task !== 'translation') throw new StudioError('ValidationError', userText('corpus.checkPairs checks sentence pairs: give the options of a translation import (task "translation")'));
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

/** "Checking a.txt: 1.2 MB of 3 MB · 1,234 pairs": the stage (a translation import reads its files twice), then the file. */
function importProgress(stage: string | null, params: { file: string; done: string; total: string; count: string }, pairs: boolean): string {
  if (stage === null) return pairs ? userText('{file}: {done} of {total} · {count} pairs', params) : userText('{file}: {done} of {total} · {count} documents', params);
  // A translation import's two passes (import-corpus.ts) have whole sentences; another stage is named as it comes.
  if (stage === 'checking' && pairs) return userText('Checking {file}: {done} of {total} · {count} pairs', params);
  if (stage === 'importing' && pairs) return userText('Importing {file}: {done} of {total} · {count} pairs', params);
  const staged = { ...params, stage: `${stage[0].toUpperCase()}${stage.slice(1)}` };
  return pairs ? userText('{stage} {file}: {done} of {total} · {count} pairs', staged) : userText('{stage} {file}: {done} of {total} · {count} documents', staged);
}
