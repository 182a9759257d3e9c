/**
 * The languages the UI and the desktop shell speak, and how a user's preferred languages (the OS's, the browser's)
 * choose one: the first we speak, else English. One place for the renderer and main, which cannot import each other.
 */
import { z } from './zod.ts';

export const UiLocale = z.enum(['en', 'zh-CN']);
export type UiLocale = z.infer<typeof UiLocale>;

/** The first of `preferred` (BCP 47 tags, most preferred first) we speak, else English. Any Chinese reads Simplified. */
export function pickLocale(preferred: readonly string[]): UiLocale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
