// No text for people is written into a component: every string a user reads goes through `t`/`tn` (or `msg` in a
// table), and every such string has its Chinese translation, with the same {placeholders}; no translation is left
// over from text that is gone. Scans the renderer's sources as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quoted, readSources, unquote } from './scan-sources.ts';
import path from 'node:path';
import { catalogue } from '../../../renderer/src/i18n/index.ts';
import { parts } from '../../../renderer/src/i18n/zh-CN/index.ts';

const src = path.join(import.meta.dirname, '..', '..', '..', 'renderer', 'src');

const sources = readSources(src, src, /\.(svelte|ts)$/, (folder) => folder === 'i18n');
const literal = quoted;

/** Every string handed to t, tn (its `other` form) or msg. */
function translatable(): Map<string, string> {
  const found = new Map<string, string>();
  for (const { file, text } of sources) {
    for (const m of text.matchAll(new RegExp(String.raw`\b(?:t|msg)\(\s*${literal}`, 'g'))) found.set(unquote(m[1]), file);
    for (const m of text.matchAll(new RegExp(String.raw`\btn\([^,]+,\s*${literal}\s*,\s*${literal}`, 'g'))) found.set(unquote(m[2]), file);
  }
  return found;
}

test('the scan finds the translated strings (so the checks below cannot pass on nothing)', () => {
  const found = translatable();
  assert.ok(found.size > 100, `${found.size} strings`);
  assert.ok(found.has('Language'));
});

test('every t/tn/msg string has its Chinese translation, with the same placeholders', () => {
  const zh = catalogue('zh-CN');
  const missing: string[] = [];
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  for (const [text, file] of translatable()) {
    if (!(text in zh)) missing.push(`${file}: ${JSON.stringify(text)}`);
    else assert.equal(placeholders(zh[text]), placeholders(text), `${JSON.stringify(text)} → ${JSON.stringify(zh[text])}`);
  }
  assert.deepEqual(missing, [], `${missing.length} without a translation:\n${missing.join('\n')}`);
});

test('no Chinese translation is left over from text that is gone', () => {
  const used = translatable();
  const stale = Object.keys(catalogue('zh-CN')).filter((k) => !used.has(k));
  assert.deepEqual(stale, [], `${stale.length} stale:\n${stale.join('\n')}`);
});

test('each translation is in one part of the catalogue only (a second copy would silently win or lose)', () => {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const [part, entries] of Object.entries(parts)) {
    for (const key of Object.keys(entries)) {
      if (seen.has(key)) twice.push(`${JSON.stringify(key)} in ${seen.get(key)} and ${part}`);
      else seen.set(key, part);
    }
  }
  assert.deepEqual(twice, []);
});

test('t is never given a template literal or a concatenation (the scan could not see it, nor translators)', () => {
  const bad = sources.flatMap(({ file, text }) => [...text.matchAll(/\b(?:t|tn|msg)\(\s*(`|[^'")\s][^,)]*\+)/g)].map((m) => `${file}: ${m[0]}`));
  assert.deepEqual(bad, []);
});

/** What never needs translating: names and notation that read the same in both languages. */
const universal = /^(?:NLP Studio|N|PCA|UMAP|t-SNE|CBOW|BLEU|chrF|LSTM|GRU|RNN|2-D|3-D|[A-Z]{2,5}s?|[\d\s.,:;%×·−+\-–—/()[\]#…→←↑↓✓✕=<>|&;a-z]{0,3})$/;

/** Markup text and text attributes of a .svelte file that are written as-is, not through `t`. */
function hardCoded(text: string): string[] {
  const markup = text
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  // Drop {…} expressions (nested braces included), leaving a marker so text on either side stays apart.
  let plain = '';
  for (let i = 0, depth = 0; i < markup.length; i++) {
    const c = markup[i];
    if (c === '{') depth++;
    if (depth === 0) plain += c;
    else if (c === '}' && --depth === 0) plain += '\u0000';
  }
  const found: string[] = [];
  for (const m of plain.matchAll(/>([^<>]*)</g)) {
    for (const piece of m[1].split('\u0000')) {
      const words = piece.replace(/&[a-z]+;|&#\d+;/g, ' ').trim();
      if (/[\p{L}]/u.test(words) && !universal.test(words)) found.push(words);
    }
  }
  for (const m of plain.matchAll(/\s(?:placeholder|title|aria-label|alt|label|aria-description)="([^"]*)"/g)) {
    for (const piece of m[1].split('\u0000')) {
      const words = piece.trim();
      if (/[\p{L}]/u.test(words) && !universal.test(words)) found.push(`${m[0].trim().split('=')[0]}="${words}"`);
    }
  }
  return found;
}

test('the hard-coded text finder sees markup text and text attributes, and ignores expressions', () => {
  assert.deepEqual(hardCoded('<p>Hello {name}</p><b>{t("Fine")}</b><input placeholder="e.g. king" title={t("x")} /><span>PCA</span>'), ['Hello', 'placeholder="e.g. king"']);
  assert.deepEqual(hardCoded('<script>const a = "<p>not markup</p>";</script><style>p{color:red}</style><p>{a} · {b}</p>'), []);
});

/**
 * Prose in code: a string literal with a space, or ending in an ellipsis, starting with a capital (a sentence or a
 * button's words: 'Exporting…', 'Choose a run'), or any text given to a display key of a table (`label: 'Corpora'`),
 * not handed to t/tn/msg. Keyboard keys, DOM names and comparisons with engine values are not prose.
 */
function proseInCode(code: string): string[] {
  const found: string[] = [];
  // Every literal in order (so quotes pair up), then what precedes it.
  const handled = /(?:\b(?:t|msg)\(\s*|\btn\([^()]*|key\s*[!=]==?\s*|\.includes\(\s*)$/;
  for (const m of code.matchAll(new RegExp(literal, 'g'))) {
    const value = unquote(m[1]);
    if (handled.test(code.slice(Math.max(0, m.index - 80), m.index))) continue;
    if (/^[A-Z][a-z]+\b/.test(value) && (/\s/.test(value.trim()) || /…$/.test(value)) && !/^(?:Files|Enter|Escape)\b/.test(value)) found.push(value);
  }
  const display = new RegExp(String.raw`\b(?:label|title|hint|description|placeholder|action|heading|caption|text|message|note|help|brief|unit|tooltip)\s*:\s*${literal}`, 'g');
  for (const m of code.matchAll(display)) {
    const value = unquote(m[1]);
    if (/\p{L}/u.test(value) && !universal.test(value) && !found.includes(value)) found.push(value);
  }
  return found;
}

test('the prose finder sees sentences and table labels in code, and not what t or msg already has', () => {
  assert.deepEqual(proseInCode(`x ? 'Exporting…' : t('Export…'); const items = [{ label: 'Corpora' }, { label: msg('Train') }]; if (event.key === 'Enter') f('Choose a run');`), ['Exporting…', 'Choose a run', 'Corpora']);
  assert.deepEqual(proseInCode(`tn(n, '{count} job', '{count} jobs'); cls = 'btn small'; id = 'nav-corpora'`), []);
});

test('no component or renderer module writes prose in code without t or msg', () => {
  const found = sources.flatMap(({ file, text }) => {
    const code = file.endsWith('.svelte') ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') + markupExpressions(text) : text;
    return proseInCode(code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1')).map((s) => `${file}: ${JSON.stringify(s)}`);
  });
  assert.deepEqual(found, [], `${found.length} in code:\n${found.join('\n')}`);
});

/** The {…} expressions of a component's markup, as code. */
function markupExpressions(text: string): string {
  const markup = text.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  let code = '';
  for (let i = 0, depth = 0; i < markup.length; i++) {
    const c = markup[i];
    if (c === '{') depth++;
    if (depth > 0) code += c;
    if (c === '}' && depth > 0 && --depth === 0) code += '\n';
  }
  return code;
}

test('no component writes text for people without t', () => {
  const found = sources.filter(({ file }) => file.endsWith('.svelte')).flatMap(({ file, text }) => hardCoded(text).map((s) => `${file}: ${s}`));
  assert.deepEqual(found, [], `${found.length} in markup:\n${found.join('\n')}`);
});
