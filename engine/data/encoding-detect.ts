/**
 * Guesses a file's text encoding from its first bytes, in order of certainty: a byte-order mark; the NUL pattern
 * of BOM-less UTF-16; a strict UTF-8 check (non-UTF-8 text almost never passes it by accident); then, for legacy
 * 8-bit/double-byte files, decode the sample as GB18030, Big5 and Latin-1 and score how plausible each reading is.
 * A self-written heuristic rather than a chardet port: we only have to tell apart three candidates, and the
 * wrong readings of Chinese text produce rare characters while the wrong readings of Latin-1 text swallow letters.
 */
import iconv from 'iconv-lite';
import type { Encoding } from '../../contract/corpus.ts';
import { COMMON_CHINESE } from './common-chinese.ts';
import { iconvName } from './decode-text.ts';

export interface EncodingGuess {
  encoding: Encoding;
  /** 0..1; 1 when a BOM decided it. */
  confidence: number;
}

export function bomEncoding(bytes: Uint8Array): Encoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** @param wholeFile the sample is the entire file, so a multi-byte sequence cut at its end is an error. */
export function detectEncoding(sample: Uint8Array, wholeFile: boolean): EncodingGuess {
  const bom = bomEncoding(sample);
  if (bom) return { encoding: bom, confidence: 1 };

  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, confidence: 0.8 };

  const bytes = wholeFile ? sample : withoutCutUtf8Tail(sample);
  const nonAscii = bytes.some((b) => b >= 0x80);
  if (!nonAscii) return { encoding: 'utf-8', confidence: wholeFile ? 1 : 0.9 };
  if (isValidUtf8(bytes)) return { encoding: 'utf-8', confidence: 0.99 };
  // UTF-8 with a few stray bytes (a bad copy-paste) is still UTF-8; the decoder replaces the strays.
  if (utf8ErrorShare(bytes) < 0.02) return { encoding: 'utf-8', confidence: 0.7 };

  const scores: Array<[Encoding, number]> = [
    ['gb18030', chineseScore(decode(bytes, 'gb18030'))],
    ['big5', chineseScore(decode(bytes, 'big5'))],
    ['latin1', latinScore(decode(bytes, 'latin1'))],
  ];
  scores.sort((a, b) => b[1] - a[1]);
  const [[best, bestScore], [, secondScore]] = scores;
  const confidence = Math.min(0.95, Math.max(0.3, 0.5 + (bestScore - Math.max(0, secondScore))));
  return { encoding: best, confidence: Math.round(confidence * 100) / 100 };
}

const decode = (bytes: Uint8Array, encoding: Encoding) => iconv.getDecoder(iconvName(encoding)).write(Buffer.from(bytes));

/** Mostly-ASCII text in UTF-16 has a NUL in every other byte: odd positions for LE, even ones for BE. */
function utf16WithoutBom(bytes: Uint8Array): Encoding | null {
  const pairs = bytes.length >> 1;
  if (pairs < 2) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs * 2; i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++;
  if (odd > 0.3 * pairs && even < 0.02 * pairs) return 'utf-16le';
  if (even > 0.3 * pairs && odd < 0.02 * pairs) return 'utf-16be';
  return null;
}

/** Drop a multi-byte UTF-8 sequence that the sample cut off at its end (up to 3 bytes). */
function withoutCutUtf8Tail(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if (b < 0x80) return bytes; // ASCII: nothing cut
    if (b >= 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return needed > back ? bytes.subarray(0, bytes.length - back) : bytes;
    }
  }
  return bytes;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function utf8ErrorShare(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  let nonAscii = 0;
  let errors = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) nonAscii++;
    if (c === 0xfffd) errors++;
  }
  return nonAscii === 0 ? 0 : errors / nonAscii;
}

const isReplacementOrPrivate = (c: number) => c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff);

/** Share of non-ASCII characters that are everyday Chinese characters, minus a penalty for undecodable bytes. */
function chineseScore(text: string): number {
  let nonAscii = 0;
  let common = 0;
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80 || c === 0xfeff) continue;
    nonAscii++;
    if (isReplacementOrPrivate(c)) bad++;
    else if (COMMON_CHINESE.has(ch)) common++;
  }
  return nonAscii === 0 ? 0 : (common - 3 * bad) / nonAscii;
}

const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isLatinLetter = (c: number) => c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7;
// Windows-1252 punctuation in 0x80–0x9F: typographic quotes and dashes. Not «»°§ etc., which double-byte lead
// bytes of Big5/GBK decode to all the time.
const LATIN_PUNCTUATION = new Set([...'“”‘’–—…€']);

/**
 * Share of non-ASCII characters that look like accented letters inside Latin words. In Latin-1 text an accented
 * letter sits next to an ASCII letter (été, Müller) or stands alone (à); Chinese text read as Latin-1 gives long
 * runs of accented letters and symbols with no ASCII letters around them.
 */
function latinScore(text: string): number {
  let nonAscii = 0;
  let plausible = 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0x20;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0x20;
    if (c === 0xfffd || (c >= 0x80 && c <= 0x9f)) bad++;
    else if (isLatinLetter(c) && (isAsciiLetter(prev) || isAsciiLetter(next) || (prev < 0x80 && next < 0x80))) plausible++;
    else if (LATIN_PUNCTUATION.has(text[i])) plausible++;
  }
  return nonAscii === 0 ? 0 : (plausible - 3 * bad) / nonAscii;
}
