/** Corpora: what an import takes, what a preview shows, and what the workspace keeps about each corpus. */
import { z } from './zod.ts';

export const CorpusFormat = z.enum(['auto', 'text', 'csv', 'tsv', 'jsonl']);
export type CorpusFormat = z.infer<typeof CorpusFormat>;

/** Text encodings we detect and decode. `gbk` files decode as `gb18030`, its superset. */
export const Encoding = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'big5', 'latin1']);
export type Encoding = z.infer<typeof Encoding>;

/**
 * `words`: Unicode word segmentation (Intl.Segmenter), so Chinese/Japanese/Thai text splits into words,
 * punctuation dropped. `whitespace`: split on white space only, for text that is already tokenised.
 */
export const Tokenizer = z.enum(['words', 'whitespace']);
export type Tokenizer = z.infer<typeof Tokenizer>;

export const ImportOptions = z.strictObject({
  /** Display name; defaults to the first file's name. */
  name: z.string().trim().min(1).max(200).optional(),
  format: CorpusFormat.default('auto'),
  /** `auto` detects from the BOM and the bytes; the detected encoding is shown and can be overridden. */
  encoding: z.union([z.literal('auto'), Encoding]).default('auto'),
  /** CSV/TSV: the text column, by header name or 0-based index. JSONL: the field. Default `text`, else the first. */
  column: z.string().trim().min(1).optional(),
  tokenizer: Tokenizer.default('words'),
  lowercase: z.boolean().default(true),
  /**
   * `text`: documents only. `classification`: a label per document (the `labelColumn` of CSV/TSV/JSONL, else the
   * column named `label`, else the last; or the folder name when a folder holds one folder per class).
   * `tagging`: a tag per token (CoNLL columns, or the Brown `word/TAG` format).
   */
  task: z.enum(['text', 'classification', 'tagging']).default('text'),
  labelColumn: z.string().trim().min(1).optional(),
});
export type ImportOptions = z.output<typeof ImportOptions>;
export type ImportOptionsInput = z.input<typeof ImportOptions>;

export const FilePreview = z.object({
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  encoding: Encoding,
  /** 0..1; 1 when a BOM decided it. */
  encodingConfidence: z.number().min(0).max(1),
  format: CorpusFormat.exclude(['auto']),
  /** CSV/TSV header names, or JSONL keys of the first record; null for plain text. */
  columns: z.array(z.string()).nullable(),
  /** The column/field that would be imported by default. */
  defaultColumn: z.string().nullable(),
  /** The first lines, decoded, for the user to check the encoding. */
  sampleLines: z.array(z.string()),
});
export type FilePreview = z.infer<typeof FilePreview>;

export const WordCount = z.object({ word: z.string(), count: z.number().int().nonnegative() });
export type WordCount = z.infer<typeof WordCount>;

export const LengthBin = z.object({
  /** Inclusive token-count range of the documents in this bin. */
  min: z.number().int().nonnegative(),
  max: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
});
export type LengthBin = z.infer<typeof LengthBin>;

export const CorpusStats = z.object({
  documents: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  vocabSize: z.number().int().nonnegative(),
  /**
   * True when the corpus had so many distinct words that rare ones were pruned while counting (as word2vec.c's
   * ReduceVocab does) and `vocabSize` is an estimate (about ±1%). Top words stay exact.
   */
  vocabSizeApproximate: z.boolean().optional(),
  /** Most frequent words, most frequent first (at most 50). */
  topWords: z.array(WordCount),
  /** Histogram of document lengths in tokens. */
  lengthHistogram: z.array(LengthBin),
});
export type CorpusStats = z.infer<typeof CorpusStats>;

export const CorpusSource = z.object({
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  encoding: Encoding,
  format: CorpusFormat.exclude(['auto']),
  column: z.string().nullable(),
  documents: z.number().int().nonnegative(),
});
export type CorpusSource = z.infer<typeof CorpusSource>;

export const CorpusId = z.string().regex(/^c-[a-z0-9-]{4,64}$/, 'not a corpus id');

export const CorpusInfo = z.object({
  id: CorpusId,
  name: z.string(),
  createdAt: z.string(),
  sources: z.array(CorpusSource),
  tokenizer: Tokenizer,
  lowercase: z.boolean(),
  stats: CorpusStats,
  /** What the corpus can train: every corpus has text; labelled ones also `labels.txt`, tagged ones `tags.txt`. */
  task: z.enum(['text', 'classification', 'tagging']).default('text'),
  /** Classification labels or tagging tags with their counts, most frequent first. */
  labels: z.array(WordCount).default([]),
});
export type CorpusInfo = z.infer<typeof CorpusInfo>;
