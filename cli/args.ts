/** Flag parsing shared by every command: strict (unknown flags fail loudly), typed, with clear messages. */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { StudioError } from '../contract/errors.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command takes. */
export const commonOptions = {
  workspace: { type: 'string' },
  backend: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

/** A value that starts with a dash but is a number (`-1`, `-0.5`, `-1e3`), not a flag. */
const NEGATIVE_NUMBER = /^-(\d|\.\d|Infinity\b)/;

/**
 * util.parseArgs refuses `--window -1` as "ambiguous" (the value looks like a flag): a negative number after a flag
 * that takes a value is joined to it (`--window=-1`), so it is read as the value and then range-checked by name.
 */
export function joinNegativeValues(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return [...out, ...argv.slice(i)];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : null;
    const next = argv[i + 1];
    if (name !== null && options[name]?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export function parse<O extends Options>(argv: string[], options: O) {
  const all = { ...commonOptions, ...options };
  try {
    return parseArgs({ args: joinNegativeValues(argv, all), options: all, allowPositionals: true, strict: true });
  } catch (error) {
    throw new StudioError('ValidationError', (error as Error).message.replace(/^.*?: /, ''));
  }
}

/** Bounds of a number flag that has no contract schema (a port, a count of neighbours). */
export interface FlagRange {
  min?: number;
  max?: number;
}

/** "an integer ≥ 1 and ≤ 1000": what a flag takes, in the words its errors use. */
export function describeRange(integer: boolean, range: FlagRange & { exclusiveMin?: number; exclusiveMax?: number }): string {
  const parts = [
    range.min !== undefined ? `≥ ${range.min}` : range.exclusiveMin !== undefined ? `> ${range.exclusiveMin}` : null,
    range.max !== undefined ? `≤ ${range.max}` : range.exclusiveMax !== undefined ? `< ${range.exclusiveMax}` : null,
  ].filter((p) => p !== null);
  return `${integer ? 'an integer' : 'a number'}${parts.length > 0 ? ` ${parts.join(' and ')}` : ''}`;
}

/** The error of a number flag out of its range or not a number: `--window must be an integer ≥ 1 (got -1)`. */
export const rangeError = (name: string, takes: string, raw: unknown) => new StudioError('ValidationError', `--${name} must be ${takes} (got ${typeof raw === 'string' ? raw : String(raw)})`);

function numberOf(value: string | boolean | undefined, name: string, integer: boolean, range: FlagRange): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  const fits = Number.isFinite(n) && (!integer || Number.isInteger(n)) && (range.min === undefined || n >= range.min) && (range.max === undefined || n <= range.max);
  if (!fits) throw rangeError(name, describeRange(integer, range), value);
  return n;
}

/** A whole number from a flag (within `range`), or undefined when the flag is absent. */
export const intFlag = (value: string | boolean | undefined, name: string, range: FlagRange = {}) => numberOf(value, name, true, range);

/** A finite number from a flag (within `range`), or undefined when the flag is absent. */
export const numberFlag = (value: string | boolean | undefined, name: string, range: FlagRange = {}) => numberOf(value, name, false, range);

export function requireFlag<T>(value: T | undefined, name: string): T {
  if (value === undefined || value === '') throw new StudioError('ValidationError', `--${name} is required`);
  return value;
}

/** Drop undefined entries so schema defaults apply. */
export function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
