/** The first-run guide's samples: list the chapters, import one chapter's file as a corpus. */
import path from 'node:path';
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import { ImportOptions } from '../../contract/corpus.ts';
import { importCorpus } from '../data/import-corpus.ts';
import { listCorpora } from '../data/corpus-store.ts';
import { samplesDir } from '../samples/locate.ts';
import { chapterDefinition, describeChapter, listChapters } from '../samples/registry.ts';
import type { EngineContext } from '../engine.ts';

type SamplesMethods = 'samples.list' | 'samples.import';

/** The corpus a chapter's import makes is named after it, so a second import finds the first. */
export const sampleCorpusName = (title: string) => `Sample: ${title}`;

export function samplesHandlers({ ws }: EngineContext, dir: () => string = () => samplesDir()): Pick<Handlers<EngineMethods>, SamplesMethods> {
  return {
    'samples.list': async () => listChapters(dir()),
    // Not a job: the samples are a few hundred KB, imported in well under a second. Importing a chapter again gives
    // the corpus of the first import (same name, task and file) rather than a copy.
    'samples.import': async ({ chapter: id }) => {
      const definition = chapterDefinition(id);
      const chapter = describeChapter(definition, dir());
      const name = sampleCorpusName(chapter.title);
      const existing = (await listCorpora(ws)).find(
        (c) => c.name === name && c.task === chapter.task && c.sources.length === 1 && c.sources[0].fileName === chapter.fileName && c.sources[0].sizeBytes === chapter.sizeBytes,
      );
      if (existing) return { chapter, corpus: existing, created: false };
      const options = ImportOptions.parse({ ...definition.importOptions, name });
      const corpus = await importCorpus(ws, { paths: [path.join(dir(), chapter.fileName)], displayNames: [chapter.fileName], options }, { signal: new AbortController().signal, onProgress: () => {} });
      return { chapter, corpus, created: true };
    },
  };
}
