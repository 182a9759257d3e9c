/**
 * The application menu, with the accelerators people expect: File (Add Files… ⌘/Ctrl+O, Open Workspace…
 * ⌘/Ctrl+Shift+O, Open Recent, Show Workspace Folder, Close/Quit), Edit (so copy/paste shortcuts work on macOS),
 * Go (the four views, ⌘/Ctrl+1…4), View (reload, zoom, full screen), Help (About). Labels come from
 * main/strings.ts, so the menu speaks the app's language. A template function, tested without Electron.
 */
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MainStrings } from './strings.ts';

export const VIEWS = ['corpora', 'train', 'runs', 'explore'] as const;
export type MenuView = (typeof VIEWS)[number];

export interface MenuActions {
  addFiles(): void;
  openWorkspace(): void;
  openRecent(dir: string): void;
  clearRecent(): void;
  revealWorkspace(): void;
  go(view: MenuView): void;
  about(): void;
}

export interface MenuOptions {
  isDev: boolean;
  isMac: boolean;
  strings: MainStrings;
  /** Recent workspace folders, newest first; the current one is listed but not clickable. */
  recent: readonly string[];
  workspaceDir: string;
  actions: MenuActions;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { isDev, isMac, strings: t, actions } = options;
  const view: MenuItemConstructorOptions[] = [{ role: 'reload' }];
  if (isDev) view.push({ role: 'toggleDevTools' });
  view.push({ type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' });
  const current = path.resolve(options.workspaceDir);
  const recent: MenuItemConstructorOptions[] = options.recent.length
    ? [
        ...options.recent.map((dir): MenuItemConstructorOptions => ({
          label: dir,
          type: 'checkbox',
          checked: path.resolve(dir) === current,
          enabled: path.resolve(dir) !== current,
          click: () => actions.openRecent(dir),
        })),
        { type: 'separator' },
        { label: t.clearRecent, click: () => actions.clearRecent() },
      ]
    : [{ label: t.noRecent, enabled: false }];
  const labels: Record<MenuView, string> = { corpora: t.corpora, train: t.train, runs: t.runs, explore: t.explore };
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: t.file,
      submenu: [
        { id: 'add-files', label: t.addFiles, accelerator: 'CmdOrCtrl+O', click: () => actions.addFiles() },
        { type: 'separator' },
        { label: t.openWorkspace, accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openWorkspace() },
        { id: 'open-recent', label: t.openRecent, submenu: recent },
        { label: t.revealWorkspace, click: () => actions.revealWorkspace() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: t.go, submenu: VIEWS.map((v, i) => ({ id: `go-${v}`, label: labels[v], accelerator: `CmdOrCtrl+${i + 1}`, click: () => actions.go(v) })) },
    { label: t.view, submenu: view },
    { role: 'help', label: t.help, submenu: [{ label: t.about, click: () => actions.about() }] },
  ];
}
