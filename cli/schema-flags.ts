/**
 * Command-line flags read through the contract's schemas: a table names each flag and the setting it fills
 * (`--lr` → `training.optimizer.lr`); the flag's kind (number, switch, word) comes from the schema, and so do its
 * bounds and defaults, because the values are checked by the schema itself. Errors name the flag, not the path.
 */
import { StudioError } from '../contract/errors.ts';
import { z } from '../contract/zod.ts';
import { describeRange, rangeError, type Options } from './args.ts';

/** A flag and the setting it fills, as a path into the spec. `negate`: `--no-x` sets a setting that defaults to true. */
export interface FlagSetting {
  flag: string;
  path: readonly string[];
  negate?: boolean;
}

type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; in?: z.ZodType; schema?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema at a path (through defaults, optionals and refinements). */
export function schemaAt(schema: z.ZodType, path: readonly string[]): z.ZodType {
  let s = schema;
  for (let i = 0; ; ) {
    const def = defOf(s);
    if (def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault') s = def.innerType!;
    else if (def.type === 'pipe') s = def.in!;
    else if (i < path.length && def.type === 'object') s = def.shape![path[i++]];
    else if (i === path.length) return s;
    else throw new Error(`No setting ${path.join('.')} in the schema`);
    if (!s) throw new Error(`No setting ${path.join('.')} in the schema`);
  }
}

/** The schema's kind at a path: number, boolean, enum, … */
export const kindAt = (schema: z.ZodType, path: readonly string[]): string => defOf(schemaAt(schema, path)).type;

/** What a number setting takes, from its schema's bounds (via its JSON Schema): "an integer ≥ 1 and ≤ 50". */
export function numberRange(schema: z.ZodType, path: readonly string[]): string {
  const j = z.toJSONSchema(schemaAt(schema, path), { io: 'input', unrepresentable: 'any' }) as { type?: string; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number };
  const safe = (x: number | undefined) => (x !== undefined && Math.abs(x) < Number.MAX_SAFE_INTEGER ? x : undefined);
  const bound = (key: 'min' | 'max' | 'exclusiveMin' | 'exclusiveMax', x: number | undefined) => (safe(x) !== undefined ? { [key]: x } : {});
  return describeRange(j.type === 'integer', { ...bound('min', j.minimum), ...bound('max', j.maximum), ...bound('exclusiveMin', j.exclusiveMinimum), ...bound('exclusiveMax', j.exclusiveMaximum) });
}

/**
 * A number flag read and checked against the setting's own schema at `path`, so the error names the flag, what it
 * takes and what was given: `--window must be an integer ≥ 1 and ≤ 50 (got -1)`. Undefined when absent.
 */
export function numberSetting(schema: z.ZodType, path: readonly string[], flag: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!schemaAt(schema, path).safeParse(value).success) throw rangeError(flag, numberRange(schema, path), raw);
  return value;
}

/**
 * parseArgs options for a table: switches for booleans, strings for the rest. A flag the schema lacks (another
 * family's) is a string here, so that it parses and can then be refused by name.
 */
export function flagOptions(schema: z.ZodType, table: readonly FlagSetting[]): Options {
  const kind = (f: FlagSetting) => {
    try {
      return kindAt(schema, f.path);
    } catch {
      return 'string';
    }
  };
  return Object.fromEntries(table.map((f) => [f.flag, { type: kind(f) === 'boolean' || f.negate ? 'boolean' : 'string' }])) as Options;
}

/** The nested settings the given flags fill; numbers are converted here and checked by the schema later. */
export function settingsFromFlags(schema: z.ZodType, table: readonly FlagSetting[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of table) {
    const raw = values[f.flag];
    if (raw === undefined) continue;
    const kind = kindAt(schema, f.path);
    let value: unknown = raw;
    if (kind === 'number') value = numberSetting(schema, f.path, f.flag, raw);
    else if (kind === 'boolean' && f.negate) value = !raw;
    let at = out;
    for (const key of f.path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[f.path.at(-1)!] = value;
  }
  return out;
}

/** A schema's issues in the words of the command line: `--hidden: Too small: expected number to be >=1`. */
export function flagError(issues: readonly { path: readonly PropertyKey[]; message: string }[], table: readonly FlagSetting[]): StudioError {
  const name = (path: readonly PropertyKey[]) => {
    const key = path.map(String).join('.');
    return table.find((f) => f.path.join('.') === key)?.flag ?? key;
  };
  return new StudioError('ValidationError', issues.map((i) => `--${name(i.path)}: ${i.message}`).join('; '));
}
