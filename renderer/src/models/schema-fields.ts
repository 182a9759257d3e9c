/**
 * What a form needs to know about a contract field, read from its zod schema rather than copied: a number's bounds
 * and whether it must be whole, an enum's options, whether it may be left empty. The contract stays the one place
 * that says `hidden ≤ 4096`; the forms and the CLI flags both read it.
 */
import type { z } from '../../../contract/zod.ts';

export interface NumberField {
  min: number | undefined;
  max: number | undefined;
  /** 1 for integers, 'any' otherwise (the `step` attribute of an <input type="number">). */
  step: 1 | 'any';
  /** An optional field: empty means "not set" (no limit). */
  optional: boolean;
}

interface Wrapper {
  unwrap?: () => z.ZodType;
  _zod: { def: { type: string } };
}

/** Strip `.default()`, `.optional()`, `.nullable()` down to the schema underneath; note whether any was optional. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let inner = schema as unknown as Wrapper;
  let optional = false;
  for (;;) {
    const type = inner._zod.def.type;
    if (type === 'optional' || type === 'nullable') optional = true;
    if ((type === 'default' || type === 'optional' || type === 'nullable' || type === 'prefault') && inner.unwrap) inner = inner.unwrap() as unknown as Wrapper;
    else return { inner: inner as unknown as z.ZodType, optional };
  }
}

/** Bounds and step of a numeric field (`z.number().int().min(1).max(8).default(1)` → min 1, max 8, step 1). */
export function numberField(schema: z.ZodType): NumberField {
  const { inner, optional } = unwrap(schema);
  const n = inner as unknown as { _zod: { def: { type: string } }; minValue: number | null; maxValue: number | null; isInt: boolean };
  if (n._zod.def.type !== 'number') throw new Error(`numberField: expected a number schema, got ${n._zod.def.type}`);
  const finite = (v: number | null) => (v !== null && Number.isFinite(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined);
  return { min: finite(n.minValue), max: finite(n.maxValue), step: n.isInt ? 1 : 'any', optional };
}

/** The options of an enum field, in the schema's order. */
export function enumOptions<T extends string = string>(schema: z.ZodType): T[] {
  const { inner } = unwrap(schema);
  const e = inner as unknown as { _zod: { def: { type: string } }; options: T[] };
  if (e._zod.def.type !== 'enum') throw new Error(`enumOptions: expected an enum schema, got ${e._zod.def.type}`);
  return [...e.options];
}

/** The object schema under a defaulted/optional wrapper, for reading its fields' shapes (`TrainingConfig.shape.optimizer`). */
export function objectShape(schema: z.ZodType): Record<string, z.ZodType> {
  const { inner } = unwrap(schema);
  const o = inner as unknown as { _zod: { def: { type: string } }; shape: Record<string, z.ZodType> };
  if (o._zod.def.type !== 'object') throw new Error(`objectShape: expected an object schema, got ${o._zod.def.type}`);
  return o.shape;
}
