/** A sample chapter's words in the UI's language: the chapter carries its own translations (contract/samples.ts). */
import type { SampleChapter } from '../contract.ts';
import { getLocale } from '../i18n/index.ts';

export function chapterText(chapter: SampleChapter): { title: string; summary: string; lookAt: string; terms: string } {
  const own = chapter.translations?.[getLocale()] ?? {};
  return {
    title: own.title ?? chapter.title,
    summary: own.summary ?? chapter.summary,
    lookAt: own.lookAt ?? chapter.lookAt,
    terms: own.terms ?? chapter.credit.terms,
  };
}
