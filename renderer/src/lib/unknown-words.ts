/** How much of a text a model did not know: the playground's marks and its "mostly unknown" warning. */
import type { InputReading } from '../contract.ts';

/** Token occurrences the model's vocabulary lacks (a repeated unknown word counts each time). */
export function unknownCount(input: InputReading): number {
  const unknown = new Set(input.unknown);
  return input.tokens.filter((t) => unknown.has(t)).length;
}

/** More than half of the tokens unknown: the answer says little about the text, so the playground warns. */
export function mostlyUnknown(input: InputReading): boolean {
  return input.tokens.length > 0 && unknownCount(input) * 2 > input.tokens.length;
}
