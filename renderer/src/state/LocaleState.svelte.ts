import { getLocale, isLocale, pickLocale, setLocale } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';

const STORAGE_KEY = 'nlp-studio.locale';

/**
 * The UI's language: the user's choice (kept in localStorage), else the OS/browser's (`navigator.languages`). A
 * switch sets i18n's module language, then this reactive copy, which App.svelte keys the UI on (so it re-renders in
 * the new language), and tells the desktop shell (menus, notifications).
 */
export class LocaleState {
  locale = $state<Locale>(getLocale());
  readonly #tellShell: (locale: Locale) => void;

  constructor(tellShell: (locale: Locale) => void = () => {}) {
    this.#tellShell = tellShell;
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(STORAGE_KEY);
    } catch {
      // storage disabled: follow the OS
    }
    this.#apply(isLocale(saved) ? saved : pickLocale(navigator.languages ?? [navigator.language]));
  }

  /** The user picked a language: remembered for the next start. */
  choose(locale: Locale): void {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // not remembered; still switched
    }
    this.#apply(locale);
  }

  #apply(locale: Locale): void {
    setLocale(locale);
    this.locale = locale;
    document.documentElement.lang = locale; // also picks the CJK font's Chinese glyph forms
    this.#tellShell(locale);
  }
}
