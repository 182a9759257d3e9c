/**
 * The first-run guide's chapters, in the order it shows them. A model family adds its chapter here: a sample file
 * in resources/samples/ (credited in its README.md), how to import it, a small preset and what to look at.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { TrainSpec } from '../../contract/runs.ts';
import type { SampleChapter } from '../../contract/samples.ts';
import type { ChapterDefinition } from './chapter.ts';
import { recurrentClassifierChapter } from './chapters/recurrent-classifier.ts';
import { translationChapter } from './chapters/translation.ts';
import { wordVectorsChapter } from './chapters/word-vectors.ts';
import { userText } from '../../contract/user-text.ts';

const definitions: ChapterDefinition[] = [wordVectorsChapter, recurrentClassifierChapter, translationChapter];

export function chapterDefinition(id: string): ChapterDefinition {
  const found = definitions.find((c) => c.id === id);
  if (!found) throw new StudioError('NotFoundError', userText('No sample chapter "{id}" (there are: {ids})', { id, ids: definitions.map((c) => c.id).join(', ') }));
  return found;
}

/** The chapters as hosts show them: presets with every default filled in, files with their sizes. */
export function listChapters(dir: string): SampleChapter[] {
  return definitions.map((c) => describeChapter(c, dir));
}

export function describeChapter(c: ChapterDefinition, dir: string): SampleChapter {
  const { importOptions, preset, ...shown } = c;
  return { ...shown, task: importOptions.task, sizeBytes: statSync(path.join(dir, c.fileName)).size, preset: TrainSpec.parse(preset) };
}

