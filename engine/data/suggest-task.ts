/**
 * What a file looks made for, from its preview sample, so the import form can preselect a task and say why:
 * - translation: a TSV of two sentence columns (Tatoeba/Anki pairs), a CSV/TSV whose header names a source and a
 *   target or two languages, a JSONL file with `src`/`tgt`-like fields, or one side of aligned files (`train.en`);
 * - classification: a CSV/TSV header or JSONL record with a `label` column/field (or a label-like last column such
 *   as `class`, `category`, `sentiment`: the import's default label column is the last one);
 * - tagging: CoNLL columns (a token and its tag on each line) or Brown-style `word/TAG` tokens;
 * - text: plain text, a document a line, for word vectors or a language model.
 * A CSV/TSV/JSONL file that is none of these gets no guess: the import reads its text column as plain text unless
 * the user picks a task.
 */
import type { FilePreview } from '../../contract/corpus.ts';
import type { FileFormat } from './detect-format.ts';
import { alignedSide, isLanguageName } from './languages.ts';
import { defaultPairFields, looksLikePairHeader } from './pair-source.ts';
import { userText } from '../../contract/user-text.ts';

type Suggestion = NonNullable<FilePreview['suggestedTask']>;

/** A cell a sentence could be in: letters, and not a tag (`NN`, `B-PER`, `O`) as a CoNLL column holds. */
const TAG = /^[\p{Lu}\d$_:.,'"()-]{1,12}$/u;
const isText = (cell: string) => /\p{L}/u.test(cell) && !TAG.test(cell.trim());
/** A tag as the Brown corpus writes them: short, no spaces (`np-tl`, `nn$`, `.`). */
const TAG_CELL = /^[\p{L}\d$_:.,'"()*+|-]{1,15}$/u;
/** A CoNLL tag: upper case, short, not a number (`NN`, `B-PER`, `O`, `I-LOC`, `$`). */
const CONLL_TAG = /^(?!\d+$)[\p{Lu}\d$_:.,'"()*+|-]{1,15}$/u;
/** A Brown-style token: a word, a slash, a tag (`The/at`, `Fulton/np-tl`, `1/2/cd`); the import's own test. */
const WORD_SLASH_TAG = /[^/]\/[^/]+$/;
/** Names a label column goes by; `label` anywhere, the others only last (where the import looks by default). */
const LABEL = /^labels?$/i;
const LABEL_LIKE = /^(?:class|category|sentiment|intent|topic|polarity)$/i;
/** Share of the sample's lines (or tokens) that must agree before a format is guessed. */
const MOST = 0.8;

export function suggestTask(fileName: string, format: FileFormat, lines: string[], columns: string[] | null): Suggestion | undefined {
  if (format === 'text') {
    const side = alignedSide(fileName);
    if (side) {
      return {
        task: 'translation',
        reason: userText('The extension of {file} names a language: it may be one side of aligned translation files; add the other side (e.g. {other}) to import them as pairs', {
          file: `${side.stem}.${side.language}`,
          other: `${side.stem}.${/^en/i.test(side.language) ? 'fr' : 'en'}`,
        }),
        aligned: side,
      };
    }
    return taggedLines(lines) ?? plainText(lines);
  }
  if (format === 'jsonl') {
    if (!columns || columns.length < 2) return undefined;
    const label = labelColumn(columns);
    if (label) return { task: 'classification', reason: userText('Its records have a "{field}" field: a label per document, for a text classifier', { field: label }) };
    const record = Object.fromEntries(columns.map((c) => [c, '']));
    const [source, target] = defaultPairFields(record);
    const named = (source === 'src' && target === 'tgt') || (source === 'source' && target === 'target') || (source !== null && target !== null && isLanguageName(source) && isLanguageName(target));
    return named ? { task: 'translation', reason: userText('Its records have the fields "{source}" and "{target}", like translation pairs', { source: String(source), target: String(target) }) } : undefined;
  }
  const label = columns ? labelColumn(columns) : null;
  if (label) return { task: 'classification', reason: userText('Its header has a "{column}" column: a label per document, for a text classifier', { column: label }) };
  if (columns && looksLikePairHeader(columns)) {
    const names = columns.map((c) => c.trim());
    const sides = names.some((n) => /^(?:src|source)/i.test(n)) && names.some((n) => /^(?:tgt|trg|target)/i.test(n));
    const languages = names.filter((n) => isLanguageName(n));
    if (sides || languages.length >= 2) {
      const shown = sides ? names.filter((n) => /^(?:src|source|tgt|trg|target)/i.test(n)) : languages;
      const quoted = shown.map((n) => `"${n}"`);
      const reason =
        quoted.length === 2
          ? userText('Its header names the columns {first} and {second}, like translation pairs', { first: quoted[0], second: quoted[1] })
          : userText('Its header names the columns {columns}, like translation pairs', { columns: quoted.join(' and ') });
      return { task: 'translation', reason };
    }
  }
  if (format !== 'tsv') return undefined;
  const conll = conllColumns(lines);
  if (conll) return conll;
  return sentenceColumns(lines) ? { task: 'translation', reason: userText('Each line holds two tab-separated sentences, like translation pairs (Tatoeba, Anki)') } : undefined;
}

/** The header's label column: `label(s)` anywhere, or a label-like name in the last place. */
function labelColumn(columns: string[]): string | null {
  const names = columns.map((c) => c.trim());
  const label = names.find((n) => LABEL.test(n));
  if (label) return label;
  const last = names[names.length - 1];
  return names.length >= 2 && LABEL_LIKE.test(last) ? last : null;
}

/** Tagged text, either way the tagging import reads it: CoNLL columns, or `word/TAG` tokens. */
function taggedLines(lines: string[]): Suggestion | undefined {
  const conll = conllColumns(lines);
  if (conll) return conll;
  const tokens = lines.flatMap((l) => l.trim().split(/\s+/).filter((t) => t !== ''));
  if (tokens.length < 3) return undefined;
  const tagged = tokens.filter((t) => WORD_SLASH_TAG.test(t) && TAG_CELL.test(t.slice(t.lastIndexOf('/') + 1)));
  if (tagged.length < MOST * tokens.length) return undefined;
  return { task: 'tagging', reason: userText('Its words carry a tag after a slash ({examples}), as the Brown corpus writes them: a tag per token, for a sequence tagger', { examples: tagged.slice(0, 3).join(' ') }) };
}

/**
 * CoNLL: a token per line, its tag in the last column, the same number of columns (2–10) on every line, blank lines
 * between sentences. A headerless classification TSV fails here: its text cells hold spaces, so the count varies.
 */
function conllColumns(lines: string[]): Suggestion | undefined {
  const rows = lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('-DOCSTART-') && !l.startsWith('#')).map((l) => l.split(/\s+/));
  if (rows.length < 3) return undefined;
  const width = rows[0].length;
  if (width < 2 || width > 10 || !rows.every((r) => r.length === width)) return undefined;
  const tagged = rows.filter((r) => CONLL_TAG.test(r[width - 1]) && r[0].length <= 40);
  if (tagged.length < MOST * rows.length) return undefined;
  // Tags repeat (a tag set is small); a column of distinct codes is some other table.
  const tags = new Set(rows.map((r) => r[width - 1]));
  if (tags.size > Math.max(6, MOST * rows.length)) return undefined;
  const [token, tag] = [rows[0][0], rows[0][width - 1]];
  return { task: 'tagging', reason: userText('Each line holds a token and its tag in columns ("{token}" → {tag}), as CoNLL files do: a tag per token, for a sequence tagger', { token, tag }) };
}

/** Plain text with words in it: documents, for word vectors or a language model. */
function plainText(lines: string[]): Suggestion | undefined {
  const texts = lines.filter((l) => l.trim() !== '');
  if (texts.length === 0 || texts.filter((l) => /\p{L}/u.test(l)).length < MOST * texts.length) return undefined;
  return { task: 'text', reason: userText('Plain text, a document a line, with no labels, tags or sentence pairs: for word vectors (word2vec) or a language model') };
}

/** Most lines have two text cells, and the second text column is not a handful of repeated labels. */
function sentenceColumns(lines: string[]): boolean {
  const rows = lines.filter((l) => l.trim() !== '').map((l) => l.split('\t'));
  if (rows.length === 0) return false;
  const pairs = rows.flatMap((cells) => {
    const texts = cells.filter(isText);
    return texts.length >= 2 ? [texts.slice(0, 2)] : [];
  });
  if (pairs.length < Math.max(1, 0.8 * rows.length)) return false;
  const distinct = new Set(pairs.map((p) => p[1])).size;
  return distinct >= Math.min(pairs.length, 3) && distinct >= 0.3 * pairs.length;
}
