// Every first-run chapter speaks both of the UI's languages: its title, summary and note have their Chinese, which
// the guide shows in the Chinese UI (renderer/src/lib/chapter-text.ts), falling back to English field by field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { samplesDir } from '../../../engine/samples/locate.ts';
import { listChapters } from '../../../engine/samples/registry.ts';
import { chapterText } from '../../../renderer/src/lib/chapter-text.ts';
import { setLocale } from '../../../renderer/src/i18n/index.ts';

test('each chapter has its Chinese title, summary and note; the guide picks them by the UI language', () => {
  const chapters = listChapters(samplesDir());
  assert.ok(chapters.length >= 3);
  try {
    for (const chapter of chapters) {
      const zh = chapter.translations?.['zh-CN'];
      for (const field of ['title', 'summary', 'lookAt'] as const) {
        assert.ok(zh?.[field] && /\p{Script=Han}/u.test(zh[field]!), `${chapter.id}: ${field} in Chinese`);
      }
      setLocale('en');
      assert.equal(chapterText(chapter).title, chapter.title);
      setLocale('zh-CN');
      assert.equal(chapterText(chapter).title, zh!.title);
      assert.equal(chapterText({ ...chapter, translations: undefined }).lookAt, chapter.lookAt, 'no translation: English');
    }
  } finally {
    setLocale('en');
  }
});
