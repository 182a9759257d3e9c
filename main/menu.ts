/** The application menu: File (Add files…, Quit), Edit (so copy/paste shortcuts work on macOS), View, Help. */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  addFiles(): void;
  about(): void;
}

export function menuTemplate(options: { isDev: boolean; isMac: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
  const { isDev, isMac, actions } = options;
  const view: MenuItemConstructorOptions[] = [{ role: 'reload' }];
  if (isDev) view.push({ role: 'toggleDevTools' });
  view.push({ type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' });
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Add Files…', accelerator: 'CmdOrCtrl+O', click: () => actions.addFiles() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: '&View', submenu: view },
    { role: 'help', submenu: [{ label: 'About NLP Studio', click: () => actions.about() }] },
  ];
}
