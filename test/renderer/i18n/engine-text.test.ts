// The engine's English, matched back against its templates and said in Chinese: parameters read out and put in the
// translation's order, parameters that are engine text translated in turn, the most specific template first,
// sentences one by one, anything unknown left as it came — and every real template found again from its own English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { userText } from '../../../contract/user-text.ts';
import { StudioError } from '../../../contract/errors.ts';
import { engineTranslator, translateEngineText } from '../../../renderer/src/i18n/engine-text.ts';
import { setLocale } from '../../../renderer/src/i18n/index.ts';
import { zhCNEngine } from '../../../renderer/src/i18n/zh-CN/engine/index.ts';
import { describeEngineError } from '../../../renderer/src/lib/error-text.ts';

const catalogue = {
  'Corpus {name} was not found': '找不到语料库 {name}',
  '{file} line {line}: {reason}': '{file} 第 {line} 行：{reason}',
  'Cannot read {file}: {reason}': '无法读取 {file}：{reason}',
  'the text is not valid UTF-8': '文本不是有效的 UTF-8',
  '{count} sentences of {task}': '{task}的 {count} 个句子',
  classification: '分类',
  'Training stopped.': '训练已停止。',
};
const translate = engineTranslator(catalogue);

test('a message is matched whole, its parameters read out and placed where the translation puts them', () => {
  assert.equal(translate(userText('Corpus {name} was not found', { name: 'news.txt' })), '找不到语料库 news.txt');
  assert.equal(translate(userText('{count} sentences of {task}', { count: '1,200', task: userText('classification') })), '分类的 1,200 个句子');
});

test('a parameter that is itself engine text is translated too; a name that is not stays', () => {
  const english = userText('{file} line {line}: {reason}', { file: 'a b.csv', line: 12, reason: userText('the text is not valid UTF-8') });
  assert.equal(translate(english), 'a b.csv 第 12 行：文本不是有效的 UTF-8');
  assert.equal(translate('x.csv line 3: a reason nobody translated'), 'x.csv 第 3 行：a reason nobody translated');
});

test('the most specific template wins over a general one that also matches', () => {
  // "{file} line {line}: {reason}" could not match this, but "Cannot read …" must win over any shorter template.
  assert.equal(translate('Cannot read /tmp/x.txt: EACCES'), '无法读取 /tmp/x.txt：EACCES');
});

test('several sentences are translated one by one; unknown text stays as it came', () => {
  assert.equal(translate('Corpus c-1 was not found. Training stopped.'), '找不到语料库 c-1。训练已停止。');
  assert.equal(translate('ENOENT: no such file or directory'), 'ENOENT: no such file or directory');
  assert.equal(translate(''), '');
});

test('English passes unchanged; Chinese uses the catalogue', () => {
  const english = userText('Invalid arguments for {method}: {details}', { method: 'train.start', details: 'bad' });
  try {
    setLocale('en');
    assert.equal(translateEngineText(english), english);
    setLocale('zh-CN');
    assert.equal(translateEngineText(english), 'train.start 的参数无效：bad');
  } finally {
    setLocale('en');
  }
});

test('an error is described with its file and line in the current language, not repeating what the message says', () => {
  try {
    setLocale('zh-CN');
    const error = new StudioError('ValidationError', userText('Invalid arguments for {method}: {details}', { method: 'm', details: 'd' }), { file: 'f.csv', line: 3 });
    assert.equal(describeEngineError(error), 'm 的参数无效：d（f.csv，第 3 行）');
    setLocale('en');
    assert.equal(describeEngineError(error), 'Invalid arguments for m: d (f.csv, line 3)');
    assert.equal(describeEngineError({ message: 'f.csv line 3: bad', file: 'f.csv', line: 3 }), 'f.csv line 3: bad');
    assert.equal(describeEngineError({ message: 'Row 5 of f.csv has no label', file: 'f.csv', line: 5 }), 'Row 5 of f.csv has no label');
  } finally {
    setLocale('en');
  }
});

test('every real template is found again from its own English, and no other template takes it', () => {
  const toChinese = engineTranslator(zhCNEngine);
  const wrong: string[] = [];
  for (const [template, translation] of Object.entries(zhCNEngine)) {
    const params: Record<string, string> = {};
    for (const [, name] of template.matchAll(/\{(\w+)\}/g)) params[name] = `‹${name}›`;
    const expected = translation.replace(/\{(\w+)\}/g, (_, name: string) => params[name]);
    const got = toChinese(userText(template, params));
    if (got !== expected) wrong.push(`${JSON.stringify(template)} → ${JSON.stringify(got)}`);
  }
  assert.deepEqual(wrong, []);
});

test('a wrapper and a message inside it are both read, whichever template is longer', () => {
  const withInner = engineTranslator({ ...catalogue, '{value} is not a number': '{value} 不是数字' });
  assert.equal(withInner('sim.csv line 4: "x" is not a number'), 'sim.csv 第 4 行："x" 不是数字');
});

test('a list of messages the engine joined with "; " is read item by item', () => {
  const withList = engineTranslator({ ...catalogue, 'Nothing was imported: {issues}.': '未导入任何内容：{issues}。' });
  assert.equal(withList('Nothing was imported: Corpus a was not found; Corpus b was not found; something else.'), '未导入任何内容：找不到语料库 a；找不到语料库 b；something else。');
});
