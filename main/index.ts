/**
 * Electron main: one locked-down window showing the renderer from `app://studio/`, the engine in a
 * utilityProcess, and three IPC channels (contract/ipc-channels.ts) whose every message is checked for its sender.
 * Everything with logic lives in the modules beside this file; this one only wires Electron to them.
 */
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, protocol, session, utilityProcess } from 'electron';
import { createStudioBackend } from '../engine/host/studio-backend-impl.ts';
import type { StudioBackend } from '../engine/host/studio-backend.ts';
import { defaultWorkspaceDir } from '../engine/workspace/workspace.ts';
import { handleAppProtocol, registerAppScheme } from './app-protocol.ts';
import { createHostHandlers } from './host-actions.ts';
import type { HostDialogs } from './host-actions.ts';
import { IpcChannel } from '../contract/ipc-channels.ts';
import { debugFromEnv, redactEventPayload } from '../contract/redact-error.ts';
import type { IpcEvent } from '../contract/ipc-channels.ts';
import { createIpcRouter } from './ipc.ts';
import type { IpcRouter } from './ipc.ts';
import { menuTemplate } from './menu.ts';
import { hardenContents, hardenSession } from './security.ts';
import { utilityEngineSpawner } from './utility-engine-port.ts';
import { createMainWindow } from './window.ts';

const isDev = !app.isPackaged;
/** The same folder the CLI and the web host use by default (NLP_STUDIO_WORKSPACE overrides), so runs show up everywhere. */
const workspaceDir = path.resolve(defaultWorkspaceDir());

registerAppScheme(protocol); // before `ready`
app.enableSandbox(); // every renderer sandboxed, whatever its web preferences say (also before `ready`)

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit(); // another instance owns the workspace; it focuses itself (second-instance below)
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  start().catch((error: unknown) => {
    dialog.showErrorBox('NLP Studio could not start', error instanceof Error ? `${error.message}\n\n${error.stack ?? ''}` : String(error));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  const dist = path.join(app.getAppPath(), 'dist');
  handleAppProtocol(protocol, path.join(dist, 'renderer'));

  const backend = await createStudioBackend({
    workspaceDir,
    spawnEngine: utilityEngineSpawner({
      fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
      enginePath: path.join(dist, 'engine', 'engine-main.cjs'),
      workspaceDir,
    }),
  });
  const dialogs = electronDialogs();
  const hostHandlers = createHostHandlers(backend, dialogs);
  const router = createIpcRouter(backend.handlers, hostHandlers);

  // A failed job's error and a crash's log reach the sandboxed renderer as its answers do: without stacks or paths
  // outside the workspace (unless NLP_STUDIO_DEBUG).
  const redaction = { debug: debugFromEnv(process.env), workspaceDir };
  backend.onEvent((event, payload) => {
    const shown = redactEventPayload(payload, redaction) as typeof payload;
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(IpcChannel.event, { event, payload: shown } satisfies IpcEvent);
    }
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isDev,
        isMac: process.platform === 'darwin',
        actions: {
          // The picked files reach the renderer as a `files` event: { type: 'picked', files: PickedFile[] }.
          addFiles: () => {
            hostHandlers['host.pickFiles']({}).then(
              (files) => {
                if (files.length > 0) mainWindow?.webContents.send(IpcChannel.event, { event: 'files', payload: { type: 'picked', files } } satisfies IpcEvent);
              },
              (error: unknown) => dialog.showErrorBox('Could not add the files', error instanceof Error ? error.message : String(error)),
            );
          },
          about: () => {
            void dialog.showMessageBox({
              type: 'info',
              title: 'About NLP Studio',
              message: `NLP Studio ${app.getVersion()}`,
              detail: `Train, watch and export classic NLP models on your own corpora, offline.\n\nWorkspace: ${workspaceDir}\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
            });
          },
        },
      }),
    ),
  );

  mainWindow = createWindow(router, path.join(dist, 'preload', 'index.cjs'));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(router, path.join(dist, 'preload', 'index.cjs'));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  disposeOnQuit(backend);
}

function createWindow(router: IpcRouter, preload: string): BrowserWindow {
  const window = createMainWindow(BrowserWindow, { router, preload, devTools: isDev });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  return window;
}

function electronDialogs(): HostDialogs {
  return {
    async openFiles() {
      const options: Electron.OpenDialogOptions = {
        title: 'Add corpus files',
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Text corpora', extensions: ['txt', 'text', 'csv', 'tsv', 'jsonl', 'ndjson'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async saveFile(suggestedName) {
      const options: Electron.SaveDialogOptions = {
        title: 'Save the exported vectors',
        defaultPath: path.join(app.getPath('downloads'), suggestedName),
      };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

/** Stop the engine before quitting (at most 3 s), so no training keeps running without a window. */
function disposeOnQuit(backend: StudioBackend): void {
  let state: 'running' | 'disposing' | 'done' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 3000));
    void Promise.race([backend.dispose().catch(() => undefined), timeout]).then(() => {
      state = 'done';
      app.quit();
    });
  });
}
