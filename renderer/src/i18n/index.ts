/**
 * The UI's two languages, gettext-style: components write their English text through `t('…')`, and the English
 * is the key of the Chinese catalogue (zh-CN/*.ts, one file per part of the UI). English needs no catalogue, a
 * missing translation falls back to English, and test/renderer/i18n/coverage.test.ts finds both text written into
 * components without `t` and `t` strings the catalogue lacks.
 *
 * `{name}` in a message is filled from `params` (numbers in the locale's digits). Text kept in a `.ts` table and
 * translated where it is shown is marked `msg('…')`, so the coverage test still sees it.
 *
 * The language is a plain module variable, not reactive state: switching it re-mounts the UI (App.svelte's
 * `{#key}`), which re-runs every `t` and every number and date format at once. State lives in the `.svelte.ts`
 * classes, outside the components, so nothing the user did is lost by the switch.
 */
import { pickLocale, type UiLocale } from '../../../contract/locale.ts';
import { zhCN } from './zh-CN/index.ts';

export type Locale = UiLocale;
/** Each language named in itself, for the switch. */
export const LOCALES: readonly { id: Locale; name: string }[] = [
  { id: 'en', name: 'English' },
  { id: 'zh-CN', name: '简体中文' },
];

const catalogues: Record<Exclude<Locale, 'en'>, Record<string, string>> = { 'zh-CN': zhCN };

let current: Locale = 'en';

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  current = locale;
}

/** The first of the user's languages we speak (`navigator.languages`), else English: the contract's rule. */
export { pickLocale };

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((l) => l.id === value);
}

export type Params = Record<string, string | number>;

/** `text` in the current language, with `{name}` filled from `params`. */
export function t(text: string, params?: Params): string {
  const template = current === 'en' ? text : (catalogues[current][text] ?? text);
  return params ? fill(template, params) : template;
}

/**
 * A count's message: English picks `one` or `other` by the count; Chinese has one form, the `other`'s
 * translation. `{count}` is the count, in the locale's digits.
 */
export function tn(count: number, one: string, other: string, params: Params = {}): string {
  const english = new Intl.PluralRules('en').select(count) === 'one' ? one : other;
  const template = current === 'en' ? english : (catalogues[current][other] ?? english);
  return fill(template, { count, ...params });
}

/** Marks English kept in a table for translation where it is shown (`t(table[key])`); returns it unchanged. */
export function msg<T extends string>(text: T): T {
  return text;
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' && Number.isInteger(value) ? new Intl.NumberFormat(current).format(value) : String(value);
  });
}

/** The catalogue entries, for the coverage test. */
export function catalogue(locale: Exclude<Locale, 'en'>): Readonly<Record<string, string>> {
  return catalogues[locale];
}
