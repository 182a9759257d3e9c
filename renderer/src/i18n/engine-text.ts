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

/**
 * A translator of engine English for one catalogue (template → translation). `fullStop` ends a sentence that was
 * matched without its English full stop (a template is written without one; in a message of several sentences
 * each has one).
 */
export function engineTranslator(catalogue: Readonly<Record<string, string>>, fullStop = '。'): (english: string) => string {
  let compiled: Compiled[] | null = null;
  const templates = (): Compiled[] =>
    (compiled ??= Object.entries(catalogue)
      .filter(([template]) => /\{\w+\}/.test(template))
      .map(([template, translation]) => compile(template, translation))
      .sort((a, b) => b.literal - a.literal));

  /** `english` translated when the catalogue knows it, else null. `depth` bounds the nesting of parameters. */
  function translateWhole(english: string, depth: number): string | null {
    const exact = catalogue[english];
    if (exact !== undefined) return exact;
    if (depth > 3) return null;
    for (const t of templates()) {
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

  function translateSentence(sentence: string): string | null {
    const whole = translateWhole(sentence, 0);
    if (whole !== null || !sentence.endsWith('.')) return whole;
    const bare = translateWhole(sentence.slice(0, -1), 0);
    return bare === null ? null : /[。！？.!?]$/.test(bare) ? bare : bare + fullStop;
  }

  /**
   * A message the engine made of several sentences, each its own template, is translated sentence by sentence; a
   * sentence no template knows stays English among the translated ones.
   */
  return (english: string): string => {
    if (english === '') return english;
    const whole = translateSentence(english);
    if (whole !== null) return whole;
    const sentences = english.split(/(?<=[.!?])\s+(?=[A-Z"'(])/);
    if (sentences.length === 1) return english;
    const translated = sentences.map((s) => translateSentence(s));
    if (translated.every((s) => s === null)) return english;
    return translated.map((s, i) => s ?? `${sentences[i]} `).join('');
  };
}

const toChinese = engineTranslator(zhCNEngine);

/** Engine text in the current language: as it came in English, or translated when the catalogue knows it. */
export function translateEngineText(english: string): string {
  return getLocale() === 'en' ? english : toChinese(english);
}
