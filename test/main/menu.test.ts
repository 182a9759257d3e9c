import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../main/menu.ts';
import type { MenuActions, MenuOptions } from '../../main/menu.ts';
import { mainStrings, pickLocale } from '../../main/strings.ts';

function options(overrides: Partial<MenuOptions> = {}) {
  const calls: string[] = [];
  const actions: MenuActions = {
    addFiles: () => calls.push('addFiles'),
    openWorkspace: () => calls.push('openWorkspace'),
    openRecent: (dir) => calls.push(`openRecent ${dir}`),
    clearRecent: () => calls.push('clearRecent'),
    revealWorkspace: () => calls.push('revealWorkspace'),
    go: (view) => calls.push(`go ${view}`),
    about: () => calls.push('about'),
  };
  const base: MenuOptions = { isDev: false, isMac: false, strings: mainStrings.en, recent: [], workspaceDir: '/ws/a', actions };
  return { calls, options: { ...base, ...overrides } };
}

/** Every item of the menu, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const byLabel = (template: MenuItemConstructorOptions[], label: string) => items(template).find((i) => i.label === label);
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

test('the menu has DevTools only in development, Quit on Windows/Linux and Close on macOS', () => {
  const json = (o: Partial<MenuOptions>) => JSON.stringify(menuTemplate(options(o).options));
  assert.ok(json({ isDev: true }).includes('toggleDevTools'));
  assert.ok(!json({ isDev: false }).includes('toggleDevTools'));
  assert.ok(json({}).includes('"quit"') && !json({}).includes('"appMenu"'));
  assert.ok(json({ isMac: true }).includes('"appMenu"') && json({ isMac: true }).includes('"close"'));
});

test('the usual accelerators: Ctrl/Cmd+O adds files, Shift+O opens a workspace, 1–4 go to the views', () => {
  const { calls, options: o } = options();
  const template = menuTemplate(o);
  const accelerators = Object.fromEntries(items(template).filter((i) => i.accelerator).map((i) => [i.accelerator, i.label]));
  assert.deepEqual(accelerators, {
    'CmdOrCtrl+O': 'Add Files…',
    'CmdOrCtrl+Shift+O': 'Open Workspace…',
    'CmdOrCtrl+1': 'Corpora',
    'CmdOrCtrl+2': 'Train',
    'CmdOrCtrl+3': 'Runs',
    'CmdOrCtrl+4': 'Explore',
  });
  for (const label of ['Add Files…', 'Open Workspace…', 'Show Workspace Folder', 'Runs', 'About NLP Studio']) click(byLabel(template, label));
  assert.deepEqual(calls, ['addFiles', 'openWorkspace', 'revealWorkspace', 'go runs', 'about']);
});

test('Open Recent lists the recent workspaces, the current one checked and not clickable, and can be cleared', () => {
  const { calls, options: o } = options({ recent: ['/ws/a', '/ws/b'] });
  const recent = byLabel(menuTemplate(o), 'Open Recent')!.submenu as MenuItemConstructorOptions[];
  assert.deepEqual(
    recent.filter((i) => i.type === 'checkbox').map((i) => [i.label, i.checked, i.enabled]),
    [
      ['/ws/a', true, false],
      ['/ws/b', false, true],
    ],
  );
  click(recent[1]);
  click(recent.find((i) => i.label === 'Clear Menu'));
  assert.deepEqual(calls, ['openRecent /ws/b', 'clearRecent']);
  const empty = byLabel(menuTemplate(options().options), 'Open Recent')!.submenu as MenuItemConstructorOptions[];
  assert.deepEqual(empty.map((i) => [i.label, i.enabled]), [['No Recent Workspaces', false]]);
});

test('the menu speaks Chinese when the OS does, and the locale falls back to English', () => {
  assert.equal(pickLocale(['zh-Hans-CN', 'en-US']), 'zh-CN');
  assert.equal(pickLocale(['zh-TW']), 'zh-CN');
  assert.equal(pickLocale(['fr-FR', 'en-GB']), 'en');
  assert.equal(pickLocale(['fr-FR']), 'en');
  assert.equal(pickLocale([]), 'en');
  const zh = menuTemplate(options({ strings: mainStrings['zh-CN'] }).options);
  assert.ok(byLabel(zh, '添加文件…'));
  assert.ok(byLabel(zh, '打开工作区…'));
  // Every string of one language has its counterpart in the other, and none is left in English by mistake.
  const en = mainStrings.en as Record<string, unknown>;
  const cn = mainStrings['zh-CN'] as Record<string, unknown>;
  assert.deepEqual(Object.keys(cn).sort(), Object.keys(en).sort());
  for (const key of Object.keys(en)) if (typeof en[key] === 'string') assert.notEqual(cn[key], en[key], key);
});
