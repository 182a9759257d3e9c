/**
 * The first-run guide's chapters: each one a sample file shipped with the app, how to import it, a training preset
 * small enough to finish in a minute or so, and what to look at while it trains. The engine holds the chapters
 * (engine/samples/); every host lists and imports them through `samples.list` / `samples.import`.
 */
import { z } from './zod.ts';
import { CorpusInfo, CorpusTask } from './corpus.ts';
import { TrainSpec } from './runs.ts';

export const ChapterId = z.string().regex(/^[a-z0-9-]{2,40}$/, 'not a chapter id');

/** Where a sample comes from and on what terms, as the guide shows it. */
export const SampleCredit = z.object({ source: z.string(), terms: z.string(), url: z.string() });
export type SampleCredit = z.infer<typeof SampleCredit>;

export const SampleChapter = z.object({
  id: ChapterId,
  title: z.string(),
  /** One sentence: what the chapter trains on what. */
  summary: z.string(),
  /** The sample's file name (in the app's resources/samples/) and size. */
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  task: CorpusTask,
  credit: SampleCredit,
  /** The training preset the Train view is filled in with. */
  preset: TrainSpec,
  /** What to look at once training runs: the views and figures that show the model learning. */
  lookAt: z.string(),
  /**
   * The chapter's words in the UI's other languages, by locale (`zh-CN`): the chapter's text lives with the chapter,
   * not in the renderer's catalogue. A missing language or field falls back to the English above.
   */
  translations: z.record(z.string(), z.object({ title: z.string(), summary: z.string(), lookAt: z.string(), terms: z.string().optional() }).partial()).optional(),
});
export type SampleChapter = z.infer<typeof SampleChapter>;

/** A chapter imported: its corpus (a new one, or the one an earlier import of the same chapter made) and preset. */
export const SampleImported = z.object({
  chapter: SampleChapter,
  corpus: CorpusInfo,
  /** False when the corpus was already in the workspace from an earlier import of this chapter. */
  created: z.boolean(),
});
export type SampleImported = z.infer<typeof SampleImported>;
