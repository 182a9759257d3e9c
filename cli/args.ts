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

export function parse<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...commonOptions, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new StudioError('ValidationError', (error as Error).message.replace(/^.*?: /, ''));
  }
}

/** A whole number from a flag, or undefined when the flag is absent. */
export function intFlag(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n)) throw new StudioError('ValidationError', `--${name} takes a whole number, got "${String(value)}"`);
  return n;
}

export function numberFlag(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(n)) throw new StudioError('ValidationError', `--${name} takes a number, got "${String(value)}"`);
  return n;
}

export function requireFlag<T>(value: T | undefined, name: string): T {
  if (value === undefined || value === '') throw new StudioError('ValidationError', `--${name} is required`);
  return value;
}

/** Drop undefined entries so schema defaults apply. */
export function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
