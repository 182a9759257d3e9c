/**
 * What a file looks made for, from its preview sample, so the import form can propose a task with the reason.
 * Only translation is proposed for now: a TSV of two sentence columns (Tatoeba/Anki pairs), a CSV/TSV whose header
 * names a source and a target or two languages, a JSONL file with `src`/`tgt`-like fields, or one side of aligned
 * files (`train.en`).
 */
import type { FilePreview } from '../../contract/corpus.ts';
import type { FileFormat } from './detect-format.ts';
import { alignedSide, isLanguageName } from './languages.ts';
import { defaultPairFields, looksLikePairHeader } from './pair-source.ts';

type Suggestion = NonNullable<FilePreview['suggestedTask']>;

/** A cell a sentence could be in: letters, and not a tag (`NN`, `B-PER`, `O`) as a CoNLL column holds. */
const TAG = /^[\p{Lu}\d$_:.,'"()-]{1,12}$/u;
const isText = (cell: string) => /\p{L}/u.test(cell) && !TAG.test(cell.trim());

export function suggestTask(fileName: string, format: FileFormat, lines: string[], columns: string[] | null): Suggestion | undefined {
  if (format === 'text') {
    const side = alignedSide(fileName);
    if (!side) return undefined;
    return {
      task: 'translation',
      reason: `The extension of ${side.stem}.${side.language} names a language: it may be one side of aligned translation files; add the other side (e.g. ${side.stem}.${/^en/i.test(side.language) ? 'fr' : 'en'}) to import them as pairs`,
      aligned: side,
    };
  }
  if (format === 'jsonl') {
    if (!columns || columns.length < 2) return undefined;
    const record = Object.fromEntries(columns.map((c) => [c, '']));
    const [source, target] = defaultPairFields(record);
    const named = (source === 'src' && target === 'tgt') || (source === 'source' && target === 'target') || (source !== null && target !== null && isLanguageName(source) && isLanguageName(target));
    return named ? { task: 'translation', reason: `Its records have the fields "${source}" and "${target}", like translation pairs` } : undefined;
  }
  if (columns && columns.some((c) => c.trim().toLowerCase() === 'label')) return undefined;
  if (columns && looksLikePairHeader(columns)) {
    const names = columns.map((c) => c.trim());
    const sides = names.some((n) => /^(?:src|source)/i.test(n)) && names.some((n) => /^(?:tgt|trg|target)/i.test(n));
    const languages = names.filter((n) => isLanguageName(n));
    if (sides || languages.length >= 2) {
      const shown = sides ? names.filter((n) => /^(?:src|source|tgt|trg|target)/i.test(n)) : languages;
      return { task: 'translation', reason: `Its header names the columns ${shown.map((n) => `"${n}"`).join(' and ')}, like translation pairs` };
    }
  }
  if (format !== 'tsv') return undefined;
  return sentenceColumns(lines) ? { task: 'translation', reason: 'Each line holds two tab-separated sentences, like translation pairs (Tatoeba, Anki)' } : undefined;
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
