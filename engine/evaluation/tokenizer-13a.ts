/**
 * sacreBLEU's default BLEU tokeniser, "13a": the tokenisation of NIST's mteval-v13a.pl, used by WMT
 * (sacrebleu/tokenizers/tokenizer_13a.py and tokenizer_re.py, sacreBLEU 2.x; Post, 2018, "A Call for Clarity in
 * Reporting BLEU Scores").
 *
 * Language-independent part: drop `<skipped>`, join words hyphenated across a line break, turn newlines into
 * spaces and unescape the four SGML entities mteval knows. Then the "Western" part (also used by the zh tokeniser):
 * split off ASCII punctuation and symbols, except `'`, `-`, `.` and `,`; split off `.` and `,` unless they sit
 * between digits (1,000.5 stays one token); split off `-` after a digit. The line is padded with spaces first,
 * as mteval does, so a final `.` is split even after a number.
 */
import { splitWords } from './python-text.ts';

const MTEVAL_RULES: [RegExp, string][] = [
  // ASCII punctuation and symbols other than ' , - . (the ranges {-~ [-` space-& (-+ :-@ and /).
  [/([{-~[-`\x20-&(-+:-@\/])/g, ' $1 '],
  // a period or comma not preceded by a digit
  [/([^0-9])([.,])/g, '$1 $2 '],
  // a period or comma not followed by a digit
  [/([.,])([^0-9])/g, ' $1 $2'],
  // a dash preceded by a digit
  [/([0-9])(-)/g, '$1 $2 '],
];

/** The regular-expression part of mteval-v13a, then one space between tokens and none at either end. */
export function mtevalTokenize(line: string): string {
  // Both engines replace non-overlapping matches left to right, so each rule splits exactly as Python's re.sub.
  for (const [pattern, replacement] of MTEVAL_RULES) line = line.replace(pattern, replacement);
  return splitWords(line).join(' ');
}

/** Tokenises one segment as sacreBLEU's `Tokenizer13a` does. */
export function tokenize13a(line: string): string {
  line = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    // In this order: "&amp;quot;" becomes "&quot;", not '"'.
    line = line.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  return mtevalTokenize(` ${line} `);
}
