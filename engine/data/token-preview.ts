/**
 * How a few lines are tokenised, and what the tokeniser drops: each line cut into spans a token holds, spans no
 * token holds (dropped: `?` under `words`) and white space, so the import form and the training form can show the
 * dropped characters struck through, with a count. Before an import the lines come from the file through the same
 * readers the import uses (the text column, the label-less text of a labelled file, the source side of pairs);
 * after it, from the raw sample the import kept beside the corpus (`sample.json`).
 */
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from '../workspace/atomic.ts';
import type { LabelledExample } from './labelled-source.ts';
import type { CorpusInfo, ImportOptions, TokenPreview, TokenPreviewLine, Tokenizer } from '../../contract/corpus.ts';
import { importTokenizer } from '../../contract/corpus.ts';
import { normalizeText } from '../../contract/word-normalization.ts';
import { detectFormat } from './detect-format.ts';
import { readLabelledSource } from './labelled-source.ts';
import { readPairFile } from './pair-source.ts';
import { sniffFile } from './sniff.ts';
import { readSourceDocuments } from './source-documents.ts';
import { createTokenizer } from './tokenize.ts';
import { userText } from '../../contract/user-text.ts';

/** Lines a preview shows: enough to meet a question mark, few enough to read at a glance. */
export const PREVIEW_LINES = 5;
/** A long document is cut for the preview (a line of a novel can be a chapter). */
const MAX_PREVIEW_CHARS = 300;
/** The raw sample an import keeps beside the corpus, for the preview before training. */
export const SAMPLE_FILE = 'sample.json';

type Span = TokenPreviewLine['spans'][number];

/** Tokenise `texts` as an import with these settings would, and mark what no token holds. */
export function tokenPreview(texts: string[], tokenizer: Tokenizer, lowercase: boolean): TokenPreview {
  const tokenize = createTokenizer(tokenizer, lowercase);
  // Positions come from the same tokeniser without lower-casing: lower-casing can change a text's length (İ).
  const locate = createTokenizer(tokenizer, false);
  const dropped = new Map<string, number>();
  const lines = texts.slice(0, PREVIEW_LINES).map((raw): TokenPreviewLine => {
    const text = normalizeText(raw.length > MAX_PREVIEW_CHARS ? raw.slice(0, MAX_PREVIEW_CHARS) + '…' : raw, false);
    const spans = spansOf(text, locate(text));
    let count = 0;
    for (const s of spans) {
      if (s.kind !== 'dropped') continue;
      for (const ch of s.text) {
        count++;
        dropped.set(ch, (dropped.get(ch) ?? 0) + 1);
      }
    }
    return { text, tokens: tokenize(text), spans, dropped: count };
  });
  return {
    tokenizer,
    lowercase,
    lines,
    dropped: [...dropped].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1)),
  };
}

/** The text as spans: each token found in order, white space between, and any other gap dropped. */
function spansOf(text: string, tokens: string[]): Span[] {
  const spans: Span[] = [];
  const gap = (piece: string) => {
    for (const m of piece.matchAll(/\s+|\S+/gu)) spans.push({ text: m[0], kind: /^\s/u.test(m[0]) ? 'space' : 'dropped' });
  };
  let at = 0;
  for (const token of tokens) {
    const found = text.indexOf(token, at);
    if (found < 0) continue; // not verbatim in the text (cannot happen for our tokenisers); shown as part of a gap
    gap(text.slice(at, found));
    spans.push({ text: token, kind: 'token' });
    at = found + token.length;
  }
  gap(text.slice(at));
  return spans;
}

/** Tagging: the file's own tokens (joined by spaces in the sample), only lower-cased: split at spaces, nothing dropped. */
function taggedPreview(texts: string[], lowercase: boolean): TokenPreview {
  return { ...tokenPreview(texts, 'whitespace', lowercase), note: userText('Tagging keeps the file’s own tokens, one tag each: nothing is split or dropped.') };
}

/**
 * The first documents of a file, read as `corpus.import` with these options would: the text column (or field),
 * the text of labelled documents, the source side of sentence pairs. Tagging keeps the file's own tokens, so its
 * preview shows them joined by spaces (nothing is dropped there).
 */
export async function sampleTexts(filePath: string, fileName: string, options: ImportOptions): Promise<string[]> {
  const sniffed = await sniffFile(filePath, fileName, options.encoding);
  const format = options.format === 'auto' ? detectFormat(fileName, sniffed.sampleText) : options.format;
  const file = { filePath, fileName, encoding: sniffed.encoding, format };
  if (options.task === 'translation') {
    if (format === 'text') return take(readSourceDocuments({ ...file, format: 'text' }).batches, (t) => t);
    const { rows } = readPairFile(file, options);
    return take(rows, (r) => r.source ?? '');
  }
  if (options.task === 'text' || (options.task === 'classification' && format === 'text')) {
    return take(readSourceDocuments({ ...file, column: options.column }).batches, (t) => t);
  }
  const { batches } = readLabelledSource({ ...file, task: options.task, column: options.column, labelColumn: options.labelColumn });
  return take(batches, (e) => ('text' in e ? e.text : e.tokens.join(' ')));
}

/** The first non-blank texts of a stream of batches; leaving the loop closes the file. */
async function take<T>(batches: AsyncIterable<T[]>, text: (item: T) => string): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of batches) {
    for (const item of batch) {
      const t = text(item);
      if (t.trim() !== '') out.push(t);
      if (out.length >= PREVIEW_LINES) return out;
    }
  }
  return out;
}

/** A file before import: its first documents with the import's settings (tokenizer default from the task). */
export async function previewFileTokens(filePath: string, fileName: string, options: ImportOptions): Promise<TokenPreview> {
  const texts = await sampleTexts(filePath, fileName, options);
  return options.task === 'tagging' ? taggedPreview(texts, options.lowercase) : tokenPreview(texts, importTokenizer(options), options.lowercase);
}

/**
 * An imported corpus before training: its kept raw sample tokenised with its settings. A corpus without one (a
 * translation corpus: pairs are written already tokenised; a corpus from an older version) shows the stored tokens
 * of its first lines, and says the original text is not known.
 */
export async function previewCorpusTokens(dir: string, info: CorpusInfo): Promise<TokenPreview> {
  try {
    const sample = JSON.parse(await readFile(path.join(dir, SAMPLE_FILE), 'utf8')) as { texts: string[] };
    return info.task === 'tagging' ? taggedPreview(sample.texts, info.lowercase) : tokenPreview(sample.texts, info.tokenizer, info.lowercase);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const stored = (await readHead(path.join(dir, 'tokens.txt'))).split('\n').slice(0, PREVIEW_LINES).filter((l) => l !== '');
  return {
    ...tokenPreview(stored, 'whitespace', false),
    tokenizer: info.tokenizer,
    lowercase: info.lowercase,
    note: userText('The original text of this corpus was not kept (a translation corpus, or one imported by an older version): its first lines as stored tokens; what was dropped is not known.'),
  };
}

/** The first bytes of a file as text (tokens.txt can be gigabytes); a cut last line is left out by the caller's slice. */
async function readHead(file: string, bytes = 64 * 1024): Promise<string> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return '';
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    return bytesRead < bytes ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  } finally {
    await handle.close();
  }
}

/** Keeps an import's first non-blank documents as read (before tokenising), to write them as `sample.json`. */
export class SampleKeeper {
  readonly texts: string[] = [];

  add(batch: Iterable<string | LabelledExample>): void {
    for (const item of batch) {
      if (this.texts.length >= PREVIEW_LINES) return;
      const text = typeof item === 'string' ? item : 'text' in item ? item.text : item.tokens.join(' ');
      if (text.trim() !== '') this.texts.push(text.slice(0, MAX_PREVIEW_CHARS));
    }
  }

  async write(dir: string): Promise<void> {
    await writeJsonAtomic(path.join(dir, SAMPLE_FILE), { texts: this.texts });
  }
}
