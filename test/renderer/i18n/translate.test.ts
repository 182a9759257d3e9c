// The UI's two languages: lookups with fallbacks, parameters, counts, and numbers, dates and durations per locale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogue, getLocale, pickLocale, setLocale, t, tn } from '../../../renderer/src/i18n/index.ts';
import { formatCompact, formatDate, formatDuration, formatInt } from '../../../renderer/src/lib/format.ts';

test('English is the key; Chinese comes from the catalogue, and an untranslated text falls back to English', () => {
  try {
    setLocale('en');
    assert.equal(t('Language'), 'Language');
    setLocale('zh-CN');
    assert.equal(t('Language'), catalogue('zh-CN').Language);
    assert.notEqual(t('Language'), 'Language');
    assert.equal(t('No such text, untranslated'), 'No such text, untranslated');
  } finally {
    setLocale('en');
  }
});

test('parameters fill {name}, integers in the locale digits; unknown placeholders stay visible', () => {
  assert.equal(t('{s} s', { s: '42' }), '42 s');
  assert.equal(t('Closest to {word}', { word: 'king' }), 'Closest to king');
  assert.equal(t('{n} words', { n: 1234567 }), '1,234,567 words');
  assert.equal(t('{n} of {total}', { n: 1 }), '1 of {total}');
  assert.equal(t('{x}', { x: 0.5 }), '0.5');
});

test('counts pick English singular or plural; Chinese has one form', () => {
  assert.equal(tn(1, '{count} run', '{count} runs'), '1 run');
  assert.equal(tn(3, '{count} run', '{count} runs'), '3 runs');
  assert.equal(tn(0, '{count} run', '{count} runs'), '0 runs');
});

test("the language follows the user's preferred languages, Chinese variants included, else English", () => {
  assert.equal(pickLocale(['zh-CN']), 'zh-CN');
  assert.equal(pickLocale(['zh-Hans', 'en']), 'zh-CN');
  assert.equal(pickLocale(['de-DE', 'en-US']), 'en');
  assert.equal(pickLocale(['ja-JP']), 'en');
  assert.equal(getLocale(), 'en');
});

test('numbers, dates and durations are formatted for the locale', () => {
  const when = '2026-12-04T16:40:00Z';
  try {
    setLocale('en');
    assert.equal(formatInt(1234567), '1,234,567');
    assert.equal(formatCompact(1234567), '1.2M');
    assert.equal(formatDuration(125), '2 min 05 s');
    assert.equal(formatDuration(3725), '1 h 02 min');
    assert.match(formatDate(when), /^4 Dec 2026, \d\d:40$/);
    setLocale('zh-CN');
    assert.equal(formatInt(1234567), '1,234,567');
    assert.equal(formatCompact(1234567), '123.5万');
    assert.equal(formatDuration(42), '42 秒');
    assert.equal(formatDuration(125), '2 分 05 秒');
    assert.equal(formatDuration(3725), '1 小时 02 分');
    assert.match(formatDate(when), /^2026年12月4日 \d\d:40$/);
  } finally {
    setLocale('en');
  }
});
