/**
 * Turns a document's text into tokens.
 *
 * `words` follows Unicode word segmentation (UAX #29, via Intl.Segmenter) so that Chinese, Japanese and Thai —
 * written without spaces — split into dictionary words (我喜欢自然语言处理 → 我|喜欢|自然|语言|处理). The segmenter
 * runs at only ~2.6 MB/s, far too slow for a 1 GB corpus, so lines without such scripts take a regex that encodes
 * the same UAX #29 rules for alphabetic scripts: letters, digits and connector punctuation (`_`) form words;
 * an apostrophe, a period or a colon joins two letters (don't, U.S.A, a:b); a period, comma, semicolon or
 * apostrophe joins two digits (3.14, 1,000); anything else (hyphens, slashes, emoji, symbols) separates.
 * test/engine/data/tokenize.test.ts checks the regex against the segmenter on the Brown corpus.
 *
 * `words+punct` (for translation, where the output must read as text again: detokenize.ts) keeps every mark too:
 * each punctuation mark or symbol is a token, a run of the same mark one token (`...`, `!!`). Two joins go beyond
 * UAX #29, as the Moses tokenizer does without its `-a` flag: a hyphen between letters or digits (peut-être,
 * est-ce, twenty-one) and a colon between digits (3:30) stay inside the word, so the text reads back exactly.
 */
import type { Tokenizer } from '../../contract/corpus.ts';
import { normalizeText } from '../../contract/word-normalization.ts';

/** Scripts that need a dictionary (or a full segmenter) to find word boundaries. */
const NEEDS_SEGMENTER =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tai_Tham}\p{Script=New_Tai_Lue}\p{Script=Tai_Viet}\p{Ideographic}\u3000-\u303f\uff00-\uffef]/u;

// A word starts with a letter (incl. Nl like Ⅻ), a decimal digit or a `_`-like connector — not with a combining
// mark. It goes on with those, combining marks, emoji skin-tone modifiers and the invisible characters UAX #29
// ignores inside words (soft hyphen, ZWJ). Superscripts and fractions (No) are not word characters.
const START = '(?:(?!\\p{M})[\\p{Alphabetic}\\p{Nd}\\p{Pc}])';
const EXTEND = '\\p{M}\\u00ad\\u200d\\u{1f3fb}-\\u{1f3ff}';
const W = `[\\p{Alphabetic}\\p{Nd}\\p{Pc}${EXTEND}]`;
// Joiners between two letters (MidLetter, MidNumLet, apostrophe) and between two digits (MidNum, MidNumLet).
const MID_LETTER = ":\\u00b7\\u0387\\u05f4\\u2027\\ufe13\\ufe55\\uff1a.\\u2018\\u2019\\u2024\\ufe52\\uff07\\uff0e'";
const MID_NUM = ",;\\u037e\\u0589\\u060c\\u060d\\u066c\\u07f8\\u2044\\ufe10\\ufe14\\ufe50\\ufe54\\uff0c\\uff1b.\\u2018\\u2019\\u2024\\ufe52\\uff07\\uff0e'";
const BETWEEN_LETTERS = `(?<=(?!\\p{M})\\p{Alphabetic}[${EXTEND}]*)[${MID_LETTER}](?=(?!\\p{M})\\p{Alphabetic})`;
const BETWEEN_DIGITS = `(?<=\\p{Nd}[${EXTEND}]*)[${MID_NUM}](?=\\p{Nd})`;
// Hebrew letters also join across a double quote (acronyms such as צה"ל) and keep a trailing geresh-like `'`.
const HEBREW_QUOTE = '(?<=\\p{Script=Hebrew})"(?=\\p{Script=Hebrew})';
const HEBREW_GERESH = "(?:(?<=\\p{Script=Hebrew})')?";
const wordPattern = (joiners: string[]) => `${START}${W}*(?:(?:${joiners.join('|')})${W}+)*${HEBREW_GERESH}`;
const WORD = new RegExp(wordPattern([BETWEEN_LETTERS, BETWEEN_DIGITS, HEBREW_QUOTE]), 'gu');
// words+punct: hyphens between letters or digits, colons between digits (see the header).
const HYPHENS = '\\-\\u2010\\u2011';
const BETWEEN_HYPHENATED = `(?<=[\\p{Alphabetic}\\p{Nd}][${EXTEND}]*)[${HYPHENS}](?=(?!\\p{M})[\\p{Alphabetic}\\p{Nd}])`;
const BETWEEN_TIME = `(?<=\\p{Nd}[${EXTEND}]*):(?=\\p{Nd})`;
// A mark: any other non-space character, repeated (`...`), with the marks, modifiers and ZWJ sequences that
// belong to it (an emoji with its skin tone or variation selector stays whole).
const MARK = '(?<mark>\\S)\\k<mark>*(?:[\\p{M}\\ufe0f\\u{1f3fb}-\\u{1f3ff}]|\\u200d\\S)*';
const WORD_OR_MARK = new RegExp(`${wordPattern([BETWEEN_LETTERS, BETWEEN_DIGITS, HEBREW_QUOTE, BETWEEN_HYPHENATED, BETWEEN_TIME])}|${MARK}`, 'gu');
const ONLY_MARKS = new RegExp(MARK, 'gu');
const HYPHEN = new RegExp(`^[${HYPHENS}]$`, 'u');
const ENDS_ALNUM = new RegExp(`[\\p{Alphabetic}\\p{Nd}][${EXTEND}]*$`, 'u');
const STARTS_ALNUM = /^(?!\p{M})[\p{Alphabetic}\p{Nd}]/u;
/** A run of connector punctuation alone (`_`, `__`) is not word-like for the segmenter either. */
const ONLY_CONNECTORS = new RegExp(`^[\\p{Pc}${EXTEND}]+$`, 'u');
const HAS_CONNECTOR = /\p{Pc}/u;

// One shared instance: creating a segmenter is expensive. The locale does not change the rules for the scripts
// above (ICU uses the same root rules and CJK/Thai dictionaries), and a fixed one keeps results machine-independent.
const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

function segmentWords(text: string): string[] {
  const words: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) words.push(s.segment);
  return words;
}

function regexWords(text: string): string[] {
  const words = text.match(WORD);
  if (words === null) return [];
  return HAS_CONNECTOR.test(text) ? words.filter((w) => !ONLY_CONNECTORS.test(w)) : words;
}

/** Split a text into words the way `Intl.Segmenter` does, fast for texts without CJK/Thai-like scripts. */
export function splitWords(text: string): string[] {
  return NEEDS_SEGMENTER.test(text) ? segmentWords(text) : regexWords(text);
}

/** Only for tests and comparisons: the reference segmentation. */
export const splitWordsWithSegmenter = segmentWords;

/** `words+punct` through the segmenter: its words, the marks between them, and the two joins of the header. */
function segmentWordsAndMarks(text: string): string[] {
  const tokens: string[] = [];
  // End of the previous word-like segment, and whether the last token is that word.
  let end = 0;
  let afterWord = false;
  for (const { word, index } of wordPieces(text)) {
    const gap = text.slice(end, index);
    const previous = tokens[tokens.length - 1];
    const joined =
      afterWord &&
      ((HYPHEN.test(gap) && ENDS_ALNUM.test(previous) && STARTS_ALNUM.test(word)) ||
        (gap === ':' && /\p{Nd}[\p{M}\u00ad\u200d]*$/u.test(previous) && /^\p{Nd}/u.test(word)));
    if (joined) tokens[tokens.length - 1] = previous + gap + word;
    else {
      pushMarks(gap, tokens);
      tokens.push(word);
    }
    end = index + word.length;
    afterWord = true;
  }
  pushMarks(text.slice(end), tokens);
  return tokens;
}

/**
 * The segmenter's words, split at white space: UAX #29 counts the narrow no-break space (U+202F, French `Va !`)
 * as a word connector, but a token must not hold a space.
 */
function* wordPieces(text: string): Generator<{ word: string; index: number }> {
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) continue;
    if (!/\s/u.test(s.segment)) {
      yield { word: s.segment, index: s.index };
      continue;
    }
    for (const m of s.segment.matchAll(/\S+/gu)) yield { word: m[0], index: s.index + m.index };
  }
}

function pushMarks(gap: string, tokens: string[]): void {
  if (gap.trim() === '') return;
  for (const m of gap.matchAll(ONLY_MARKS)) tokens.push(m[0]);
}

/** Words and marks (punctuation, symbols) as tokens: `words+punct`. Fast for texts without CJK/Thai-like scripts. */
export function splitWordsAndMarks(text: string): string[] {
  return NEEDS_SEGMENTER.test(text) ? segmentWordsAndMarks(text) : (text.match(WORD_OR_MARK) ?? []);
}

/** Only for tests and comparisons: `words+punct` through the segmenter whatever the script. */
export const splitWordsAndMarksWithSegmenter = segmentWordsAndMarks;

/** Returns a function from a document's text to its tokens. Text is NFC-normalised first. */
export function createTokenizer(kind: Tokenizer, lowercase: boolean): (text: string) => string[] {
  const split = kind === 'words' ? splitWords : kind === 'words+punct' ? splitWordsAndMarks : (text: string) => text.split(/\s+/u).filter((t) => t.length > 0);
  // The same normalisation every lookup applies later (contract/word-normalization.ts).
  return (text) => split(normalizeText(text, lowercase));
}
