/**
 * Tokens back into readable text, for what a translator writes: the inverse of the `words+punct` tokenizer
 * (tokenize.ts) as far as one can be. The rules follow the Moses detokenizer (detokenizer.perl, also sacremoses),
 * reduced to what that tokenizer produces:
 * - no space before closing marks (`. , ! ? ; : ) ] } %`, `…`, `”`, `»`, CJK full stops and commas, …) and none after
 *   opening ones (`( [ { “ ‘ « ¿ ¡`, `「`, …); a token made only of such marks (`...`, `?!`) behaves the same;
 * - straight quotes (`"`, `'`) have no direction: the first of a pair opens, the next closes; one without a partner
 *   further on closes (the possessive of `the boys' club`);
 * - currency signs hug the number after them (`$5`, `€30`), a slash hugs both sides (`9/11`, `and/or`);
 * - no space next to Chinese, Japanese, Thai and similar scripts, which are written without spaces between words;
 * - clitics split by other tokenisers (`'s`, `n't`, French `l'`) rejoin their word, for data imported already
 *   tokenised (the `whitespace` tokenizer).
 * French spacing (a narrow no-break space before `; ! ?`, a no-break space before `:` and inside `« »`) is applied
 * only when asked for with `language: 'fr'`. Letter case is not restored: a lower-cased corpus gives lower-cased text.
 */

/** Marks that hug the word before them. */
const CLOSING = new Set([...'.,!?;:)]}%‰…”’»›', ...'。，、！？；：）」』】〕〉》］｝｡､･']);
/** Marks that hug the word after them. */
const OPENING = new Set([...'([{“‘«‹¿¡„‚', ...'「『【〔〈《（［｛｢']);
/** Quotes that open or close depending on whether one of them is open. */
const STRAIGHT_QUOTES = new Set(['"', "'", '`', '＂', '＇']);
/** Signs written before a number. */
const BEFORE_NUMBER = new Set([...'$€£¥₩₹₽¢#']);
/** Scripts written without spaces between words (and CJK punctuation, fullwidth forms). */
const NO_SPACES =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u3000-\u303f\uff00-\uffef]/u;
/** English clitics as Moses and the Penn Treebank split them: `it 's`, `do n't`. */
const CLITIC_AFTER = /^(?:['’](?:s|re|ve|ll|d|m|t)|n['’]t)$/i;
/** French elisions as Moses splits them: `l' homme`, `qu' il`. */
const ELISION_BEFORE = /^(?:[a-zà-ÿ]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]$/i;

const FRENCH_SPACED_BEFORE: Record<string, string> = { ';': '\u202f', '!': '\u202f', '?': '\u202f', ':': '\u00a0', '»': '\u00a0' };

export interface DetokenizeOptions {
  /** The text's language as an ISO 639 code; `fr`/`fra`/`fre` turns French spacing on. */
  language?: string;
}

const isFrench = (language: string | undefined) => language !== undefined && /^(?:fr|fra|fre)(?:[-_].*)?$/i.test(language);
const allIn = (token: string, set: Set<string>) => token.length > 0 && [...token].every((c) => set.has(c));

export function detokenize(tokens: readonly string[], options: DetokenizeOptions = {}): string {
  const french = isFrench(options.language);
  const open = new Set<string>();
  let text = '';
  /** The previous token wants no space after it (an opening mark, an opening quote, an elision). */
  let glueNext = true;
  let previous = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.length === 0) continue;
    let spaceBefore = !glueNext;
    let glueAfter = false;
    if (STRAIGHT_QUOTES.has(token)) {
      if (open.has(token) || (text.length > 0 && !tokens.includes(token, i + 1))) {
        open.delete(token);
        spaceBefore = false;
      } else {
        open.add(token);
        glueAfter = true;
      }
    } else if (token === '/') {
      spaceBefore = false;
      glueAfter = true;
    } else if (BEFORE_NUMBER.has(token) && /^\p{Nd}/u.test(tokens[i + 1] ?? '')) {
      glueAfter = true;
    } else if (allIn(token, CLOSING)) {
      spaceBefore = false;
    } else if (allIn(token, OPENING)) {
      glueAfter = true;
    } else if (CLITIC_AFTER.test(token)) {
      spaceBefore = false;
    } else if (ELISION_BEFORE.test(token)) {
      glueAfter = true;
    }
    if (spaceBefore && (NO_SPACES.test(lastChar(previous)) || NO_SPACES.test(firstChar(token)))) spaceBefore = false;
    let space = spaceBefore ? ' ' : '';
    if (french && text.length > 0) {
      const before = FRENCH_SPACED_BEFORE[firstChar(token)];
      if (before !== undefined && allIn(token, CLOSING) && !NO_SPACES.test(lastChar(previous))) space = before;
      else if (previous === '«') space = '\u00a0';
    }
    text += space + token;
    glueNext = glueAfter;
    previous = token;
  }
  return text;
}

const firstChar = (s: string) => String.fromCodePoint(s.codePointAt(0) ?? 32);
const lastChar = (s: string) => {
  const chars = [...s];
  return chars[chars.length - 1] ?? ' ';
};
