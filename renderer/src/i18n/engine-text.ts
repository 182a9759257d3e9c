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
 * each has one); `listSeparator` joins the items of a list the engine joined with "; ".
 */
export function engineTranslator(catalogue: Readonly<Record<string, string>>, fullStop = '。', listSeparator = '；'): (english: string) => string {
  let compiled: Compiled[] | null = null;
  const templates = (): Compiled[] =>
    (compiled ??= Object.entries(catalogue)
      .filter(([template]) => /\{\w+\}/.test(template))
      .map(([template, translation]) => compile(template, translation))
      .sort((a, b) => b.literal - a.literal));

  /**
   * The best reading of `english`: of every template that matches it, the one that, with its parameters read in
   * turn, explains the most of the text by template words (so "a.csv, line 4: "x" is not a number" is read as the
   * line wrapper around the number message, whichever of the two is tried first). Null when nothing matches.
   * `depth` bounds the nesting of parameters.
   */
  function read(english: string, depth: number): { text: string; covered: number } | null {
    const exact = catalogue[english];
    if (exact !== undefined) return { text: exact, covered: english.length };
    if (depth > 3) return null;
    let best: { text: string; covered: number } | null = null;
    for (const t of templates()) {
      if (best !== null && best.covered >= english.length) break; // nothing can explain more than all of it
      const m = t.pattern.exec(english);
      if (!m) continue;
      const values = new Map<string, string>();
      let covered = t.literal;
      t.names.forEach((name, i) => {
        if (values.has(name)) return;
        const inner = read(m[i + 1], depth + 1) ?? readList(m[i + 1], depth + 1);
        values.set(name, inner?.text ?? m[i + 1]);
        covered += inner?.covered ?? 0;
      });
      if (best === null || covered > best.covered) {
        best = { text: t.translation.replace(/\{(\w+)\}/g, (whole, name: string) => values.get(name) ?? whole), covered };
      }
    }
    return best;
  }

  /** A parameter the engine made of several messages joined with "; " (a list of issues): each read in turn. */
  function readList(english: string, depth: number): { text: string; covered: number } | null {
    const items = english.split('; ');
    if (items.length < 2) return null;
    const read_ = items.map((item) => read(item, depth));
    if (read_.every((r) => r === null)) return null;
    return { text: read_.map((r, i) => r?.text ?? items[i]).join(listSeparator), covered: read_.reduce((sum, r) => sum + (r?.covered ?? 0), 0) };
  }

  function translateWhole(english: string, depth: number): string | null {
    return read(english, depth)?.text ?? null;
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
