/** Corpora: what an import takes, what a preview shows, and what the workspace keeps about each corpus. */
import { z } from './zod.ts';

export const CorpusFormat = z.enum(['auto', 'text', 'csv', 'tsv', 'jsonl']);
export type CorpusFormat = z.infer<typeof CorpusFormat>;

/** Text encodings we detect and decode. `gbk` files decode as `gb18030`, its superset. */
export const Encoding = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'big5', 'latin1']);
export type Encoding = z.infer<typeof Encoding>;

/**
 * `words`: Unicode word segmentation (Intl.Segmenter), so Chinese/Japanese/Thai text splits into words,
 * punctuation dropped. `words+punct`: the same words, and every punctuation mark or symbol as a token of its own
 * (translation: the output is detokenised back into readable text). `whitespace`: split on white space only, for
 * text that is already tokenised.
 */
export const Tokenizer = z.enum(['words', 'words+punct', 'whitespace']);
export type Tokenizer = z.infer<typeof Tokenizer>;

/**
 * What a corpus can train. `text`: documents only. `classification`: a label per document. `tagging`: a tag per
 * token. `translation`: sentence pairs, a source and a target side.
 */
export const CorpusTask = z.enum(['text', 'classification', 'tagging', 'translation']);
export type CorpusTask = z.infer<typeof CorpusTask>;

/** Translation imports: what to do with pairs that fail the check before import (see PairCheck). */
export const OnPairIssues = z.enum(['abort', 'filter']);
export type OnPairIssues = z.infer<typeof OnPairIssues>;

/** A language label of one side of a translation corpus, e.g. `en`, `fra`, `English`. */
const LanguageLabel = z.string().trim().min(1).max(40);

export const ImportOptions = z.strictObject({
  /** Display name; defaults to the first file's name. */
  name: z.string().trim().min(1).max(200).optional(),
  format: CorpusFormat.default('auto'),
  /** `auto` detects from the BOM and the bytes; the detected encoding is shown and can be overridden. */
  encoding: z.union([z.literal('auto'), Encoding]).default('auto'),
  /** CSV/TSV: the text column, by header name or 0-based index. JSONL: the field. Default `text`, else the first. */
  column: z.string().trim().min(1).optional(),
  /** Default `words+punct` for translation (its output is read as text again) and classification (`?` tells a question), else `words`: taskTokenizer. */
  tokenizer: Tokenizer.optional(),
  lowercase: z.boolean().default(true),
  /**
   * `text`: documents only. `classification`: a label per document (the `labelColumn` of CSV/TSV/JSONL, else the
   * column named `label`, else the last; or the folder name when a folder holds one folder per class).
   * `tagging`: a tag per token (CoNLL columns, or the Brown `word/TAG` format).
   * `translation`: sentence pairs — a TSV/CSV/JSONL file with a source and a target column (Tatoeba/Anki style
   * `source<TAB>target[<TAB>attribution]`: extra columns are ignored; a TSV is split on tabs only, quotes are text),
   * or two aligned plain-text files given together, `paths[0]` the source and `paths[1]` the target side (Moses style
   * `train.en` + `train.fr`, one sentence a line).
   */
  task: CorpusTask.default('text'),
  labelColumn: z.string().trim().min(1).optional(),
  /**
   * Translation, CSV/TSV/JSONL: the source and target columns, by header name or 0-based index (JSONL: field names).
   * Defaults: TSV/CSV columns 0 and 1 (a header row is recognised by its names: `source`/`target`, `src`/`tgt`,
   * language codes or names); JSONL fields `src` and `tgt` (else `source`/`target`, else the first two text fields).
   */
  sourceColumn: z.string().trim().min(1).optional(),
  targetColumn: z.string().trim().min(1).optional(),
  /** Translation: exchange the two sides (translate target → source), after the columns or files are read. Default false. */
  swap: z.boolean().optional(),
  /**
   * Translation: the sides' languages, as the imported corpus has them (after `swap`). Default: guessed from the
   * aligned files' extensions (`train.en`), the header or field names, or a file name ending in two language
   * codes (`tatoeba-eng-fra.tsv`); else `source` and `target`.
   */
  sourceLanguage: LanguageLabel.optional(),
  targetLanguage: LanguageLabel.optional(),
  /** Translation: a pair with more tokens than this on either side is an issue (`tooLong`). Default 100. */
  maxTokens: z.number().int().min(1).max(100_000).optional(),
  /**
   * Translation: pairs that fail the check (an empty side, too long, an exact duplicate, too few columns) make the
   * import fail, listing them (`abort`), or are left out and counted in `CorpusInfo.pairs.filtered` (`filter`).
   * Aligned files of different lengths always fail: no pairing of their lines can be trusted. Default `abort`.
   */
  onIssues: OnPairIssues.optional(),
})
  // The tokenizer's default depends on the task; filled in here so a parsed ImportOptions always names one.
  .overwrite((o) => ({ ...o, tokenizer: importTokenizer(o) }));

/** The translation options' defaults (optional in ImportOptions, so options written for other tasks need not name them). */
export const PAIR_DEFAULTS = { swap: false, maxTokens: 100, onIssues: 'abort' } as const;

/**
 * The tokenizer an import uses: the one asked for, else `words+punct` for translation, else `words`. The schema
 * fills it in when options are parsed; options built by hand (`{ ...options, task }`) are resolved again at import.
 */
export function importTokenizer(options: { tokenizer?: Tokenizer | undefined; task: CorpusTask }): Tokenizer {
  return options.tokenizer ?? taskTokenizer(options.task);
}

/**
 * The tokenizer a task needs by default. Punctuation is kept where it carries meaning: a translation is read back
 * as text, and a classifier tells a question from a statement by its `?`. Word vectors and language models over
 * plain text drop it (a comma is no word to place in a space). Tagging keeps the file's own tokens.
 */
export function taskTokenizer(task: CorpusTask): Tokenizer {
  return task === 'translation' || task === 'classification' ? 'words+punct' : 'words';
}
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
  /**
   * A task the file looks made for, with the reason in words (e.g. TSV lines of two sentences → `translation`).
   * `aligned`: the file looks like one side of aligned translation files (`train.en`): its name without the
   * language extension and that language, so two such files can be offered as one pair.
   */
  suggestedTask: z
    .object({
      task: CorpusTask,
      reason: z.string(),
      aligned: z.object({ stem: z.string(), language: z.string() }).optional(),
    })
    .optional(),
});
export type FilePreview = z.infer<typeof FilePreview>;

/** One line of a token preview: the text, its tokens, and the text cut into what a token holds, what is dropped, and space. */
export const TokenPreviewLine = z.object({
  /** The document as read (NFC), cut after 300 characters. */
  text: z.string(),
  /** Its tokens, as the import writes them (lower-cased when asked). */
  tokens: z.array(z.string()),
  /** The text in order: `token` spans (as written in the text), `dropped` characters no token holds, `space`. */
  spans: z.array(z.object({ text: z.string(), kind: z.enum(['token', 'dropped', 'space']) })),
  /** Characters dropped from this line. */
  dropped: z.number().int().nonnegative(),
});
export type TokenPreviewLine = z.infer<typeof TokenPreviewLine>;

/** How a few documents are (or were) tokenised: before import with the chosen options, before training with the corpus's. */
export const TokenPreview = z.object({
  tokenizer: Tokenizer,
  lowercase: z.boolean(),
  lines: z.array(TokenPreviewLine),
  /** Every dropped character over the lines, most frequent first. */
  dropped: z.array(z.object({ text: z.string(), count: z.number().int().nonnegative() })),
  /** When the preview cannot show what was dropped (tagging keeps its tokens; a corpus imported without its sample). */
  note: z.string().optional(),
});
export type TokenPreview = z.infer<typeof TokenPreview>;

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
  /** Classification CSV/TSV/JSONL: the label column read, and whether it was guessed (none was named: `label`, else the last). */
  labelColumn: z.object({ name: z.string(), guessed: z.boolean() }).optional(),
});
export type CorpusSource = z.infer<typeof CorpusSource>;

/** What can be wrong with sentence pairs, found before anything is written (PairCheck). */
export const PairIssueKind = z.enum([
  'lineCounts', // aligned files with different numbers of lines (fatal: cannot be filtered)
  'missingColumns', // a row without the source or target column / field
  'empty', // the source or the target side has no tokens
  'tooLong', // more than `maxTokens` tokens on a side
  'duplicates', // the same pair (once tokenised) again; the first one is kept
]);
export type PairIssueKind = z.infer<typeof PairIssueKind>;

export const PairIssue = z.object({
  kind: PairIssueKind,
  /** Pairs affected; for `lineCounts`, the difference in lines. */
  count: z.number().int().nonnegative(),
  /** True when the pairs cannot be filtered out and the import cannot go on. */
  fatal: z.boolean(),
  /** One sentence for the user, naming the file(s) and the first lines. */
  message: z.string(),
  /** Where it occurs: the first (at most 20) lines, 1-based, in the file they are in. */
  lines: z.array(z.object({ file: z.string(), line: z.number().int().positive() })),
});
export type PairIssue = z.infer<typeof PairIssue>;

/** A column the source or target side can be read from: `value` is what `sourceColumn`/`targetColumn` take. */
export const PairColumn = z.object({ value: z.string(), label: z.string() });
export type PairColumn = z.infer<typeof PairColumn>;

/** The result of reading translation files without importing them (`corpus.checkPairs`, and the first pass of an import). */
export const PairCheck = z.object({
  /** `columns`: pair files (TSV/CSV/JSONL); `aligned`: two plain-text files, a side each. */
  layout: z.enum(['columns', 'aligned']),
  /** Rows or aligned lines read (blank TSV/CSV/JSONL lines aside). */
  pairs: z.number().int().nonnegative(),
  /** Pairs an import would keep with `onIssues: 'filter'`. */
  kept: z.number().int().nonnegative(),
  sourceLanguage: z.string(),
  targetLanguage: z.string(),
  /** `columns` layout: the columns of the first file to choose from, and the ones read (before `swap`). */
  columns: z.array(PairColumn),
  sourceColumn: z.string().nullable(),
  targetColumn: z.string().nullable(),
  /** Empty when every pair is fine. */
  issues: z.array(PairIssue),
  /** The first pairs as they would be imported (after swap), tokens joined by spaces, for the user to check the direction. */
  samples: z.array(z.object({ source: z.string(), target: z.string() })),
});
export type PairCheck = z.infer<typeof PairCheck>;

/** Pairs left out by `onIssues: 'filter'`, by issue (each pair is counted once, under its first issue). */
export const FilteredPairs = z.object({
  missingColumns: z.number().int().nonnegative(),
  empty: z.number().int().nonnegative(),
  tooLong: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});
export type FilteredPairs = z.infer<typeof FilteredPairs>;

/** A translation corpus: `tokens.txt` holds the source side, `target.txt` the target side, line for line. */
export const PairsInfo = z.object({
  sourceLanguage: z.string(),
  targetLanguage: z.string(),
  count: z.number().int().nonnegative(),
  /** The sides were exchanged on import (`swap`). */
  swapped: z.boolean(),
  layout: z.enum(['columns', 'aligned']),
  /** Per side: tokens, vocabulary, top words, length histogram (`documents` = pairs). */
  source: CorpusStats,
  target: CorpusStats,
  maxTokens: z.number().int().positive(),
  filtered: FilteredPairs,
});
export type PairsInfo = z.infer<typeof PairsInfo>;

export const CorpusId = z.string().regex(/^c-[a-z0-9-]{4,64}$/, 'not a corpus id');

export const CorpusInfo = z.object({
  id: CorpusId,
  name: z.string(),
  createdAt: z.string(),
  sources: z.array(CorpusSource),
  tokenizer: Tokenizer,
  lowercase: z.boolean(),
  stats: CorpusStats,
  /**
   * What the corpus can train: every corpus has text; labelled ones also `labels.txt`, tagged ones `tags.txt`,
   * translation ones `target.txt` (their `tokens.txt` is the source side and `stats` describe it).
   */
  task: CorpusTask.default('text'),
  /** Classification labels or tagging tags with their counts, most frequent first. */
  labels: z.array(WordCount).default([]),
  /** Translation corpora: the sides' languages, pair count, per-side stats and what was filtered out. */
  pairs: PairsInfo.optional(),
});
export type CorpusInfo = z.infer<typeof CorpusInfo>;
