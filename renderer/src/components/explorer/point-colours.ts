/**
 * What colours the explorer's points, besides frequency: a label column (a TSV of word → label the user loads, e.g.
 * the Embedding Projector's metadata file) on a categorical palette, or a user's word list (those words
 * highlighted, the rest dimmed). Words are matched with the model's normalisation (contract/word-normalization.ts),
 * so a list saying "King" colours a lower-cased model's "king". Pure: no DOM.
 */
import { normalizeText } from '../../contract.ts';
import { t, tn } from '../../i18n/index.ts';

type Rgb = [number, number, number];

/**
 * Categories coloured one by one (Tableau 10, designed to stay distinct side by side); the rest share "other".
 * More hues than this stop being told apart at a 5-px point.
 */
export const CATEGORY_COLOURS: Rgb[] = [
  [78, 121, 167], [242, 142, 43], [225, 87, 89], [118, 183, 178], [89, 161, 79],
  [237, 201, 72], [176, 122, 161], [255, 157, 167], [156, 117, 95], [186, 176, 172],
];
export const OTHER_COLOUR: Rgb = [120, 120, 120];
/** Words the table has no row for: pale, so the labelled ones stand out. */
export const UNLABELLED_COLOUR: Rgb = [214, 218, 224];
/** Word-list mode: the listed words, and everything else. */
export const LISTED_COLOUR: Rgb = [214, 51, 108];
export const UNLISTED_COLOUR: Rgb = [206, 211, 218];

/** Words from pasted text or a file: one per line, or separated by commas, semicolons, tabs or spaces. */
export function parseWordList(text: string): string[] {
  const seen = new Set<string>();
  for (const w of text.split(/[\s,;]+/u)) if (w) seen.add(w);
  return [...seen];
}

export interface ListColouring {
  /** Colour level per point: 1 listed, 0 not. [n] */
  levels: Uint8Array;
  /** Rows of the listed words that are drawn, in list order. */
  rows: number[];
  /** Listed words not among the words drawn (as the user wrote them). */
  missing: string[];
}

/** Colour the listed words; `index` maps a drawn word to its row. */
export function colourByList(n: number, index: ReadonlyMap<string, number>, list: readonly string[], lowercase: boolean): ListColouring {
  const levels = new Uint8Array(n);
  const rows: number[] = [];
  const missing: string[] = [];
  for (const word of list) {
    const row = index.get(word) ?? index.get(normalizeText(word, lowercase));
    if (row === undefined) missing.push(word);
    else if (!levels[row]) {
      levels[row] = 1;
      rows.push(row);
    }
  }
  return { levels, rows, missing };
}

export interface LabelTable {
  /** Column names (the header, or "column 2", … when the file has none). The first column holds the words. */
  columns: string[];
  rows: string[][];
}

/** Header names that say the first row is a header, not a word. */
const WORD_HEADERS = new Set(['word', 'words', 'token', 'term', 'name', 'label', 'text']);

/**
 * A tab-separated table (the Projector's metadata.tsv: "word<TAB>count<TAB>…"), or comma-separated when no line has
 * a tab. The first row is a header when its first cell is a word like "word" or "token". Empty lines are skipped.
 */
export function parseLabelTable(text: string): LabelTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const sep = lines.some((l) => l.includes('\t')) ? '\t' : ',';
  const cells = lines.map((l) => l.split(sep).map((c) => c.trim()));
  const width = Math.max(0, ...cells.map((r) => r.length));
  const header = cells.length > 1 && WORD_HEADERS.has((cells[0][0] ?? '').toLowerCase());
  const columns = header
    ? Array.from({ length: width }, (_, i) => cells[0][i] || t('column {n}', { n: i + 1 }))
    : Array.from({ length: width }, (_, i) => (i === 0 ? 'word' : t('column {n}', { n: i + 1 })));
  return { columns, rows: header ? cells.slice(1) : cells };
}

export interface LabelColouring {
  /** Colour level per point: a category's position in `categories`, then "other", then "unlabelled". [n] */
  levels: Uint8Array;
  /** The coloured categories, most points first, then "other" if any, then "no label" if any. */
  categories: { name: string; count: number; colour: Rgb }[];
  /** The palette, level by level. */
  palette: Rgb[];
  /** Drawn words the table gives a label. */
  labelled: number;
  /** Their rows, when some drawn words have none (else empty: nothing stands out). */
  rows: number[];
}

/** Colour the drawn words by column `column` (≥ 1) of `table`; the first column names the word. */
export function colourByLabel(words: readonly string[], table: LabelTable, column: number, lowercase: boolean): LabelColouring {
  const labelOf = new Map<string, string>();
  for (const row of table.rows) {
    const word = row[0];
    const label = row[column];
    if (!word || label === undefined || label === '') continue;
    labelOf.set(word, label);
    const normal = normalizeText(word, lowercase);
    if (!labelOf.has(normal)) labelOf.set(normal, label);
  }
  const per = words.map((w) => labelOf.get(w) ?? labelOf.get(normalizeText(w, lowercase)) ?? null);
  const counts = new Map<string, number>();
  for (const label of per) if (label !== null) counts.set(label, (counts.get(label) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = ranked.slice(0, ranked.length > CATEGORY_COLOURS.length ? CATEGORY_COLOURS.length - 1 : CATEGORY_COLOURS.length);
  const levelOf = new Map(shown.map(([name], i) => [name, i]));
  const otherLevel = shown.length;
  const unlabelledLevel = shown.length + 1;
  const levels = new Uint8Array(words.length);
  let other = 0;
  let unlabelled = 0;
  per.forEach((label, i) => {
    if (label === null) {
      levels[i] = unlabelledLevel;
      unlabelled++;
    } else {
      const level = levelOf.get(label);
      if (level === undefined) other++;
      levels[i] = level ?? otherLevel;
    }
  });
  const categories = shown.map(([name, count], i) => ({ name, count, colour: CATEGORY_COLOURS[i] }));
  if (other) categories.push({ name: tn(ranked.length - shown.length, 'other ({count} label)', 'other ({count} labels)'), count: other, colour: OTHER_COLOUR });
  if (unlabelled) categories.push({ name: t('no label'), count: unlabelled, colour: UNLABELLED_COLOUR });
  const palette = [...shown.map((_, i) => CATEGORY_COLOURS[i]), OTHER_COLOUR, UNLABELLED_COLOUR];
  const rows = unlabelled ? per.flatMap((label, i) => (label === null ? [] : [i])) : [];
  return { levels, categories, palette, labelled: words.length - unlabelled, rows };
}
