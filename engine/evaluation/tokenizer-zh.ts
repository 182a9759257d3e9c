/**
 * sacreBLEU's "zh" BLEU tokeniser (sacrebleu/tokenizers/tokenizer_zh.py, sacreBLEU 2.x): every Chinese character
 * becomes a token of its own, then the rest is tokenised as 13a's regular-expression part (without 13a's entity
 * handling).
 *
 * The character ranges are sacreBLEU's, quirks included, since scores must agree with it: two of its ranges are
 * written with five hex digits in a "\uXXXX" escape (`'\u20000'`–`'\u2a6d6'` and `'\u2f800'`–`'\u2fa1d'`), which
 * Python reads as a four-digit character plus a digit, and compares as strings. For one character that means
 * U+2001–U+2A6D (general punctuation such as “ ” — …, arrows, maths, and more) and U+2F81–U+2FA1; the supplementary
 * planes' ideographs (Extension B, the compatibility supplement) are not split at all.
 */
import { strip } from './python-text.ts';
import { mtevalTokenize } from './tokenizer-13a.ts';

/** Inclusive code-point ranges, sacreBLEU's `_UCODE_RANGES` as Python actually applies them. */
const CHINESE_RANGES: [number, number][] = [
  [0x3400, 0x4db5], // CJK Unified Ideographs Extension A
  [0x4e00, 0x9fa5], // CJK Unified Ideographs
  [0x9fa6, 0x9fbb], // CJK Unified Ideographs, Unicode 4.1
  [0xf900, 0xfa2d], // CJK Compatibility Ideographs
  [0xfa30, 0xfa6a],
  [0xfa70, 0xfad9],
  [0x2001, 0x2a6d], // written '\u20000'–'\u2a6d6' (meant as Extension B)
  [0x2f81, 0x2fa1], // written '\u2f800'–'\u2fa1d' (meant as the Compatibility Supplement)
  [0xff00, 0xffef], // full-width ASCII and punctuation
  [0x2e80, 0x2eff], // CJK Radicals Supplement
  [0x3000, 0x303f], // CJK punctuation
  [0x31c0, 0x31ef], // CJK strokes
  [0x2f00, 0x2fdf], // Kangxi Radicals
  [0x2ff0, 0x2fff], // ideographic description characters
  [0x3100, 0x312f], // Bopomofo
  [0x31a0, 0x31bf], // Bopomofo extended
  [0xfe10, 0xfe1f],
  [0xfe30, 0xfe4f],
  [0x2600, 0x26ff],
  [0x2700, 0x27bf],
  [0x3200, 0x32ff],
  [0x3300, 0x33ff],
];

function isChinese(codePoint: number): boolean {
  for (const [start, end] of CHINESE_RANGES) if (codePoint >= start && codePoint <= end) return true;
  return false;
}

/** Tokenises one segment as sacreBLEU's `TokenizerZh` does. */
export function tokenizeZh(line: string): string {
  let spaced = '';
  // Not padded like 13a, and stripped: "5." at the end stays one token, as in sacreBLEU.
  for (const char of strip(line)) spaced += isChinese(char.codePointAt(0)!) ? ` ${char} ` : char;
  return mtevalTokenize(spaced);
}
