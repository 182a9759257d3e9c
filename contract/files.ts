/**
 * What a file dropped or picked anywhere is, so the app can import it as what it is (`file.identify`): a corpus
 * (text, CSV, TSV, JSON Lines, or a folder of them), a model exported by NLP Studio (a zip with `model/model.json`
 * and its `family.json`), or a word-vectors file (word2vec text or binary, fastText `.vec`, GloVe). `unknown`
 * says why in `reason`, naming the file.
 */
import { z } from './zod.ts';

export const FileKind = z.enum(['corpus', 'model-zip', 'vectors', 'unknown']);
export type FileKind = z.infer<typeof FileKind>;

export const FileIdentity = z.object({
  kind: FileKind,
  /** The file's name as the user knows it. */
  fileName: z.string(),
  /** One sentence a person can read: what was found that decided the kind (or why none fits). */
  reason: z.string(),
});
export type FileIdentity = z.infer<typeof FileIdentity>;
