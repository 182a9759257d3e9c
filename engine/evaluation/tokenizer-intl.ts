/**
 * sacreBLEU's "intl" BLEU tokeniser: the international tokenisation of mteval-v14.pl
 * (sacrebleu/tokenizers/tokenizer_intl.py, sacreBLEU 2.x). Splits off every Unicode punctuation mark (\p{P})
 * unless it sits between digits, and every symbol (\p{S}). Unlike 13a the line is not padded, so a number's
 * final period at the very end stays attached ("2019." is one token), as in mteval-v14.
 */
import { splitWords } from './python-text.ts';

const INTL_RULES: [RegExp, string][] = [
  // punctuation preceded by a non-digit
  [/(\P{N})(\p{P})/gu, '$1 $2 '],
  // punctuation followed by a non-digit
  [/(\p{P})(\P{N})/gu, ' $1 $2'],
  // symbols
  [/(\p{S})/gu, ' $1 '],
];

/** Tokenises one segment as sacreBLEU's `TokenizerV14International` does. */
export function tokenizeIntl(line: string): string {
  for (const [pattern, replacement] of INTL_RULES) line = line.replace(pattern, replacement);
  return splitWords(line).join(' ');
}
