/**
 * Decimal numbers parsed straight from a file's bytes, without making a string per value: a 1 M × 300 text file
 * has 300 M of them, and `Number(string)` after `split(' ')` spends most of the import allocating.
 *
 * Exactness: a number with at most 15 significant digits and a decimal exponent within ±22 is an exact integer
 * times an exact power of ten, so one IEEE multiplication or division rounds it correctly (Clinger's fast path) —
 * the same double `Number()` gives. Everything else (more digits, big exponents, nan/inf) goes through `Number()`
 * on the substring. Storing into a Float32Array then rounds to float32, as gensim's `np.float32(float(s))` does.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact up to 1e22

const DIGIT_0 = 0x30;
const DOT = 0x2e;
const MINUS = 0x2d;
const PLUS = 0x2b;

/** The value of bytes[start, end), or NaN when it is not a number (check `isNanLiteral` to tell "nan" apart). */
export function parseFloatBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) negative = bytes[i++] === MINUS;
  let mantissa = 0;
  let digits = 0; // significant digits accumulated in mantissa
  let exponent = 0; // decimal exponent applied to mantissa
  let seen = false; // at least one digit
  for (; i < end; i++) {
    const d = bytes[i] - DIGIT_0;
    if (d < 0 || d > 9) break;
    seen = true;
    if (digits > 0 || d !== 0) {
      if (digits < 19) (mantissa = mantissa * 10 + d), digits++;
      else exponent++; // digits beyond what we keep: only possible on the slow path (digits > 15)
    }
  }
  if (i < end && bytes[i] === DOT) {
    for (i++; i < end; i++) {
      const d = bytes[i] - DIGIT_0;
      if (d < 0 || d > 9) break;
      seen = true;
      if (digits > 0 || d !== 0) {
        if (digits < 19) (mantissa = mantissa * 10 + d), digits++, exponent--;
      } else exponent--;
    }
  }
  if (!seen) return slowPath(bytes, start, end);
  if (i < end && (bytes[i] | 0x20) === 0x65 /* e or E */) {
    i++;
    let expNegative = false;
    if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) expNegative = bytes[i++] === MINUS;
    let e = 0;
    const from = i;
    for (; i < end; i++) {
      const d = bytes[i] - DIGIT_0;
      if (d < 0 || d > 9) break;
      if (e < 100_000) e = e * 10 + d;
    }
    if (i === from) return NaN;
    exponent += expNegative ? -e : e;
  }
  if (i !== end) return NaN;
  if (digits > 15 || exponent > 22 || exponent < -22) return slowPath(bytes, start, end);
  const value = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
  return negative ? -value : value;
}

/** `Number()` on the text, also accepting Python's spellings (nan, inf, -inf, infinity). NaN if not a number. */
function slowPath(bytes: Uint8Array, start: number, end: number): number {
  const s = latin1(bytes, start, end);
  const value = Number(s);
  if (!Number.isNaN(value) && s.trim() === s && s !== '') return value;
  const special = s.toLowerCase();
  if (special === 'inf' || special === '+inf' || special === 'infinity' || special === '+infinity') return Infinity;
  if (special === '-inf' || special === '-infinity') return -Infinity;
  return NaN;
}

/** Whether bytes[start, end) spell a NaN (nan, NaN, -nan, +nan), i.e. a NaN from parseFloatBytes is a real value. */
export function isNanLiteral(bytes: Uint8Array, start: number, end: number): boolean {
  return /^[+-]?nan$/i.test(latin1(bytes, start, end));
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}
