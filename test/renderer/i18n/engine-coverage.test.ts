// The engine's text for people is written with `userText` (contract/user-text.ts), and each template has its
// Chinese translation in renderer/src/i18n/zh-CN/engine/ with the same {placeholders}; none is left over; errors are
// never built from bare strings. Scans engine/, contract/ and the hosts (server/, main/) as text; the CLI speaks English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quotedOrPlainTemplate, readSources, unquote } from './scan-sources.ts';
import path from 'node:path';
import { engineParts, zhCNEngine } from '../../../renderer/src/i18n/zh-CN/engine/index.ts';

const root = path.join(import.meta.dirname, '..', '..', '..');

const sources = ['engine', 'contract', 'server', 'main']
  .flatMap((d) => readSources(path.join(root, d), root, /\.ts$/))
  // userText's own module shows an example in its comment.
  .filter(({ file }) => file !== path.join('contract', 'user-text.ts'));
const literal = quotedOrPlainTemplate;

function templates(): Map<string, string> {
  const found = new Map<string, string>();
  for (const { file, text } of sources) {
    for (const m of text.matchAll(new RegExp(String.raw`\buserText\(\s*${literal}`, 'g'))) found.set(unquote(m[1]), file);
  }
  return found;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

test('the scan finds the engine templates (so the checks below cannot pass on nothing)', () => {
  assert.ok(templates().size > 50, `${templates().size} templates`);
});

test('every userText template has its Chinese translation, with the same placeholders', () => {
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const [text, file] of templates()) {
    if (!(text in zhCNEngine)) missing.push(`${file}: ${JSON.stringify(text)}`);
    else if (placeholders(zhCNEngine[text]) !== placeholders(text)) mismatched.push(`${JSON.stringify(text)} → ${JSON.stringify(zhCNEngine[text])}`);
  }
  assert.deepEqual(missing, [], `${missing.length} without a translation:\n${missing.join('\n')}`);
  assert.deepEqual(mismatched, []);
});

test('no engine translation is left over from a template that is gone', () => {
  const used = templates();
  const stale = Object.keys(zhCNEngine).filter((k) => !used.has(k));
  assert.deepEqual(stale, [], `${stale.length} stale:\n${stale.join('\n')}`);
});

// The UI's catalogue is another namespace (`t` never reads this one, the matcher never reads that one), so the same
// English may stand in both: "Import {count} files" is a button there and a job title here.
test('each engine translation is in one part of the engine catalogue only (a second copy would silently win or lose)', () => {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const [part, entries] of Object.entries(engineParts)) {
    for (const key of Object.keys(entries)) {
      if (seen.has(key)) twice.push(`${JSON.stringify(key)} in ${seen.get(key)} and engine/${part}`);
      else seen.set(key, `engine/${part}`);
    }
  }
  assert.deepEqual(twice, []);
});

test('templates can be matched back: a word outside the placeholders, never two placeholders side by side', () => {
  const bad = [...templates().keys()].filter((t) => /\}\{/.test(t) || (t.includes('{') && t.replace(/\{\w+\}/g, '').trim() === ''));
  assert.deepEqual(bad, []);
});

test('userText is only given a literal template (the scan and the translators must see it)', () => {
  const bad = sources.flatMap(({ file, text }) =>
    [...text.matchAll(/\buserText\(\s*([^\s)])/g)].filter((m) => !/['"`]/.test(m[1]) || /^`[^`]*\$\{/.test(text.slice(m.index + m[0].length - 1))).map((m) => `${file}: ${text.slice(m.index, m.index + 60)}`),
  );
  assert.deepEqual(bad, []);
});

test('no StudioError is built from a bare string: its message is a userText (or text passed on)', () => {
  const bad = sources.flatMap(({ file, text }) =>
    [...text.matchAll(/new StudioError\(\s*'\w+',\s*(['"`])/g)].map((m) => `${file}:${text.slice(0, m.index).split('\n').length}`),
  );
  assert.deepEqual(bad, [], `${bad.length} StudioErrors with a bare message:\n${bad.join('\n')}`);
});

/** The top-level keys of the object literal that starts at `text[start]` (just after its `{`); null if it spreads. */
function literalKeys(text: string, start: number): string[] | null {
  let depth = 1;
  let i = start;
  while (depth > 0 && i < text.length) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') depth--;
    i++;
  }
  const parts: string[] = [];
  let level = 0;
  let current = '';
  for (const c of text.slice(start, i - 1)) {
    if ('({['.includes(c)) level++;
    if (')}]'.includes(c)) level--;
    if (c === ',' && level === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  if (parts.some((p) => p.trim().startsWith('...'))) return null;
  return parts.map((p) => /^['"]?(\w+)['"]?\s*(?::|$)/.exec(p.trim())?.[1]).filter((k): k is string => k !== undefined);
}

test('each userText call given its parameters as an object gives exactly the placeholders (a missing one would show as "{name}")', () => {
  const bad: string[] = [];
  let checked = 0;
  for (const { file, text } of sources) {
    for (const m of text.matchAll(new RegExp(String.raw`\buserText\(\s*${literal}\s*(\)|,\s*\{)`, 'g'))) {
      const keys = m[2] === ')' ? [] : literalKeys(text, m.index + m[0].length);
      if (keys === null) continue;
      checked++;
      const names = new Set([...unquote(m[1]).matchAll(/\{(\w+)\}/g)].map((x) => x[1]));
      const missing = [...names].filter((n) => !keys.includes(n));
      const extra = keys.filter((k) => !names.has(k));
      if (missing.length > 0 || extra.length > 0) bad.push(`${file}:${text.slice(0, m.index).split('\n').length} missing ${missing.join(',')} extra ${extra.join(',')}`);
    }
  }
  assert.ok(checked > 100, `${checked} calls checked`);
  assert.deepEqual(bad, []);
});
