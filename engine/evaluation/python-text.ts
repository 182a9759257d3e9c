/**
 * Python's notion of whitespace, which sacreBLEU's tokenisers and n-gram extractors rely on (`str.split()`,
 * `str.strip()`). It is not JavaScript's `\s`: Python also splits on U+001C–U+001F and U+0085, and does not
 * split on U+FEFF. Using `\s` would give other tokens, hence other scores, on such text.
 */

/** The characters for which Python's `str.isspace()` is true, as a character-class body. */
const WS = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WORDS = new RegExp(`[^${WS}]+`, 'g');
const ANY = new RegExp(`[${WS}]+`, 'g');
const ONE = new RegExp(`^[${WS}]$`);

function isSpace(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 32 || (c <= 0x3000 && ONE.test(s[i])); // all of them are in the BMP
}

/** `s.split()`: the runs of non-whitespace, in order. */
export function splitWords(s: string): string[] {
  return s.match(WORDS) ?? [];
}

/** `s.rstrip()`. */
export function rstrip(s: string): string {
  let end = s.length;
  while (end > 0 && isSpace(s, end - 1)) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** `s.strip()`. */
export function strip(s: string): string {
  let start = 0;
  while (start < s.length && isSpace(s, start)) start++;
  return rstrip(s.slice(start));
}

/** `''.join(s.split())`: `s` with all whitespace removed. */
export function removeWhitespace(s: string): string {
  return s.replace(ANY, '');
}
