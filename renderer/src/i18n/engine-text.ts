/**
 * The engine's text in the user's language. The engine writes what it says to people with `userText(template,
 * params)` (contract/user-text.ts) and sends the filled-in English; here that English is matched against the
 * templates of the engine catalogue (zh-CN/engine/), the parameters are read back out of it, translated in turn
 * when they are themselves engine text (a task name, a reason), and put into the translation. Text that matches no
 * template — an operating-system error, something from a library — stays as it came.
 *
 * Why match rather than send ids: the wire, the CLI and the records in run.json stay plain English, text recorded
 * by an older version translates too, and a path the web host redacted to its base name still matches.
 */
import { getLocale } from './index.ts';
import { zhCNEngine } from './zh-CN/engine/index.ts';

interface Compiled {
  pattern: RegExp;
  names: string[];
  translation: string;
  /** Characters outside the placeholders: the more, the more specific the template. */
  literal: number;
}

function compile(template: string, translation: string): Compiled {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    source += escape(template.slice(last, m.index));
    source += '([\\s\\S]*?)';
    names.push(m[1]);
    last = m.index + m[0].length;
  }
  source += escape(template.slice(last));
  return { pattern: new RegExp(`^${source}$`), names, translation, literal: template.replace(/\{\w+\}/g, '').length };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let compiled: Compiled[] | null = null;

function templates(): Compiled[] {
  compiled ??= Object.entries(zhCNEngine)
    .map(([template, translation]) => compile(template, translation))
    .sort((a, b) => b.literal - a.literal);
  return compiled;
}

/** `english` translated when it is engine text the catalogue knows, else unchanged. `depth` bounds the nesting. */
function translateWhole(english: string, depth: number): string | null {
  const exact = zhCNEngine[english];
  if (exact !== undefined) return exact;
  if (depth > 3) return null;
  for (const t of templates()) {
    if (t.names.length === 0) continue;
    const m = t.pattern.exec(english);
    if (!m) continue;
    const values = new Map<string, string>();
    t.names.forEach((name, i) => {
      if (!values.has(name)) values.set(name, translateWhole(m[i + 1], depth + 1) ?? m[i + 1]);
    });
    return t.translation.replace(/\{(\w+)\}/g, (whole, name: string) => values.get(name) ?? whole);
  }
  return null;
}

/**
 * Engine text in the current language. A message the engine made of several sentences, each its own template, is
 * translated sentence by sentence; a sentence no template knows stays English among the translated ones.
 */
export function translateEngineText(english: string): string {
  if (getLocale() === 'en' || english === '') return english;
  const whole = translateWhole(english, 0);
  if (whole !== null) return whole;
  const sentences = english.split(/(?<=[.!?])\s+(?=[A-Z"'(])/);
  if (sentences.length === 1) return english;
  const translated = sentences.map((s) => translateWhole(s, 0));
  if (translated.every((s) => s === null)) return english;
  return translated.map((s, i) => s ?? `${sentences[i]} `).join('');
}
