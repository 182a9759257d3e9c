/** Number, size, duration and date formatting for display, in the UI's language (i18n/index.ts). */
import { getLocale, t } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';

interface Formatters {
  integer: Intl.NumberFormat;
  compact: Intl.NumberFormat;
  dateTime: Intl.DateTimeFormat;
}
const cache = new Map<Locale, Formatters>();
/** English dates day-first (4 Dec 2026, 16:40) as most of the world reads them; Chinese as China writes them. */
const dateLocale: Record<Locale, string> = { en: 'en-GB', 'zh-CN': 'zh-CN' };
function formatters(): Formatters {
  const locale = getLocale();
  let f = cache.get(locale);
  if (!f) {
    const numbers = locale === 'en' ? 'en-US' : locale;
    f = {
      integer: new Intl.NumberFormat(numbers, { maximumFractionDigits: 0 }),
      compact: new Intl.NumberFormat(numbers, { notation: 'compact', maximumFractionDigits: 1 }),
      dateTime: new Intl.DateTimeFormat(dateLocale[locale], { dateStyle: 'medium', timeStyle: 'short' }),
    };
    cache.set(locale, f);
  }
  return f;
}

export function formatInt(n: number): string {
  return formatters().integer.format(n);
}

/** 1234567 → "1.2M" (Chinese: "123.5万"); small numbers stay exact. */
export function formatCompact(n: number): string {
  return Math.abs(n) < 10_000 ? formatters().integer.format(n) : formatters().compact.format(n);
}

/**
 * Up to `digits` significant digits: 0.025, 1.234, 0.0001, 1e-7; from a million up in powers of ten (4.108e16), as
 * a diverging loss reaches them — JavaScript itself writes digits up to 1e21, which overflow every tile and axis.
 */
export function formatNumber(n: number, digits = 4): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e6) return n.toExponential(digits - 1).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(n.toPrecision(digits)));
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** 42 → "42 s", 125 → "2 min 05 s", 3725 → "1 h 02 min" (Chinese: 秒, 分, 小时). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('{s} s', { s: String(s) });
  const m = Math.floor(s / 60);
  if (m < 60) return t('{m} min {s} s', { m: String(m), s: String(s % 60).padStart(2, '0') });
  return t('{h} h {m} min', { h: String(Math.floor(m / 60)), m: String(m % 60).padStart(2, '0') });
}

export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatters().dateTime.format(date);
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
