// What the i18n coverage tests share: reading source files as text and the string literals in them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Source {
  /** Relative to the folder the scan is relative to. */
  file: string;
  text: string;
}

/** The files below `dir` whose names match `names`, skipping folders `skip` accepts; paths relative to `relativeTo`. */
export function readSources(dir: string, relativeTo: string, names: RegExp, skip: (folder: string) => boolean = () => false): Source[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(folder, e.name);
      if (e.isDirectory()) return skip(e.name) ? [] : walk(full);
      return names.test(e.name) ? [full] : [];
    });
  return walk(dir).map((file) => ({ file: path.relative(relativeTo, file), text: readFileSync(file, 'utf8') }));
}

/** A JS string literal, '…' or "…", as a regex source with one group. */
export const quoted = String.raw`('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")`;
/** The same, or a template literal without `${}` (a plain string in backticks). */
export const quotedOrPlainTemplate = String.raw`('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\x60(?:[^\x60\\$]|\\.)*\x60)`;

/** The string a literal matched by `quoted` or `quotedOrPlainTemplate` stands for. */
export function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1).replace(/\\(.)/g, '$1');
  if (literal.startsWith("'")) return JSON.parse(`"${literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
  return JSON.parse(literal) as string;
}
