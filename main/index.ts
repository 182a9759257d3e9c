/**
 * Electron main: one locked-down window showing the renderer from `app://studio/`, the engine in a
 * utilityProcess, and three IPC channels (contract/ipc-channels.ts) whose every message is checked for its sender.
 * Around them, what makes it a desktop app: one instance (a second launch focuses the first and hands it its
 * files), files opened from the OS, the window where it was left, recent workspaces, the taskbar/dock progress of
 * long jobs and a notification when a long training ends, menus in the OS language.
 * Everything with logic lives in the modules beside this file; this one only wires Electron to them.
 */
import path from 'node:path';
import { BrowserWindow, Menu, Notification, app, dialog, nativeTheme, protocol, screen, session, shell, utilityProcess } from 'electron';
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
import { JobAttention } from './job-attention.ts';
import type { TaskbarProgress } from './job-attention.ts';
import { menuTemplate } from './menu.ts';
import type { MenuView } from './menu.ts';
import { OpenedFiles, filesFromArgv } from './opened-files.ts';
import { RecentWorkspaces, relaunchArgs, workspaceFromArgv } from './recent-workspaces.ts';
import { hardenContents, hardenSession } from './security.ts';
import { mainStrings, pickLocale } from './strings.ts';
import type { MainStrings } from './strings.ts';
import { utilityEngineSpawner } from './utility-engine-port.ts';
import { createMainWindow } from './window.ts';
import { fitToScreens, readWindowState, trackWindowState } from './window-state.ts';
import type { JobEvent } from '../contract/jobs.ts';
import type { NavigateEvent } from '../contract/events.ts';

const isDev = !app.isPackaged;
/**
 * `--workspace=<dir>` (File › Open Workspace… relaunches with it), else the folder the CLI and the web host use by
 * default (NLP_STUDIO_WORKSPACE overrides), so runs show up everywhere.
 */
const workspaceDir = workspaceFromArgv(process.argv, process.cwd()) ?? path.resolve(defaultWorkspaceDir());
// NLP_STUDIO_USER_DATA: where the window's place and the recent workspaces are kept (a portable install, the
// Electron e2e's fresh profile); before `ready`, so Chromium's own profile goes there too.
if (process.env.NLP_STUDIO_USER_DATA) app.setPath('userData', path.resolve(process.env.NLP_STUDIO_USER_DATA));
const userData = app.getPath('userData');
const recent = new RecentWorkspaces(path.join(userData, 'recent-workspaces.json'));
/** Files the OS asked us to open (arguments, macOS open-file), held until the window can take them. */
const opened = new OpenedFiles();
let strings: MainStrings = mainStrings.en;

registerAppScheme(protocol); // before `ready`
app.enableSandbox(); // every renderer sandboxed, whatever its web preferences say (also before `ready`)

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit(); // another instance owns the workspace; it focuses itself and opens our files (second-instance below)
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    opened.add(filesFromArgv(argv, workingDirectory));
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // macOS hands files over as events, the first ones before `ready`.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    opened.add([file]);
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  start().catch((error: unknown) => {
    dialog.showErrorBox(strings.couldNotStart, error instanceof Error ? `${error.message}\n\n${error.stack ?? ''}` : String(error));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  strings = mainStrings[pickLocale(app.getPreferredSystemLanguages())];
  hardenSession(session.defaultSession);
  opened.add(filesFromArgv(process.argv, process.cwd()));
  void recent.add(workspaceDir);
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
  const attention = new JobAttention();
  attention.strings = strings;
  const hostHandlers = createHostHandlers(backend, dialogs, (locale) => {
    strings = mainStrings[locale];
    attention.strings = strings;
    setMenu();
  });
  const router = createIpcRouter(backend.handlers, hostHandlers);

  // A failed job's error and a crash's log reach the sandboxed renderer as its answers do: without stacks or paths
  // outside the workspace (unless NLP_STUDIO_DEBUG).
  const redaction = { debug: debugFromEnv(process.env), workspaceDir };
  backend.onEvent((event, payload) => {
    const shown = redactEventPayload(payload, redaction) as typeof payload;
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(IpcChannel.event, { event, payload: shown } satisfies IpcEvent);
    }
    if (event === 'job') noticeJob(attention, shown as JobEvent);
  });

  const send = (event: string, payload: unknown) => mainWindow?.webContents.send(IpcChannel.event, { event, payload } satisfies IpcEvent);
  const registerOpened = (paths: string[]) =>
    Promise.all(paths.map((p) => backend.files.register(p))).then(
      (files) => send('files', { type: 'picked', files }),
      (error: unknown) => dialog.showErrorBox(strings.couldNotAdd, error instanceof Error ? error.message : String(error)),
    );
  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({
          isDev,
          isMac: process.platform === 'darwin',
          strings,
          recent: recent.list(),
          workspaceDir,
          actions: {
            // The picked files reach the renderer as a `files` event: { type: 'picked', files: PickedFile[] }.
            addFiles: () => {
              hostHandlers['host.pickFiles']({}).then(
                (files) => {
                  if (files.length > 0) send('files', { type: 'picked', files });
                },
                (error: unknown) => dialog.showErrorBox(strings.couldNotAdd, error instanceof Error ? error.message : String(error)),
              );
            },
            openWorkspace: () => void chooseWorkspace(),
            openRecent: (dir) => switchWorkspace(dir),
            clearRecent: () => void recent.clear().then(setMenu),
            revealWorkspace: () => void shell.openPath(workspaceDir),
            go: (view: MenuView) => send('navigate', { view, param: null } satisfies NavigateEvent),
            about: () => {
              void dialog.showMessageBox({
                type: 'info',
                title: strings.about,
                message: `NLP Studio ${app.getVersion()}`,
                detail: `${strings.aboutDetail}\n\n${strings.workspace}: ${workspaceDir}\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
              });
            },
          },
        }),
      ),
    );
  setMenu();

  async function chooseWorkspace() {
    const options: Electron.OpenDialogOptions = { title: strings.chooseWorkspace, defaultPath: workspaceDir, properties: ['openDirectory', 'createDirectory'] };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    if (!result.canceled && result.filePaths[0]) switchWorkspace(result.filePaths[0]);
  }
  /** One engine, its locks and its sweep belong to one workspace: another one is another launch. */
  function switchWorkspace(dir: string) {
    if (path.resolve(dir) === workspaceDir) return;
    void recent.add(dir).then(() => {
      app.relaunch({ args: relaunchArgs(process.argv.slice(1), dir) });
      app.quit();
    });
  }

  /** Progress events come many a second; the shell is told only when the bar changes. */
  let shown: TaskbarProgress = { value: -1, mode: 'none' };
  function showProgress(bar: TaskbarProgress) {
    if (bar.mode === shown.mode && Math.abs(bar.value - shown.value) < 0.005) return;
    shown = bar;
    mainWindow?.setProgressBar(bar.value, { mode: bar.mode });
  }

  /** The taskbar/dock bar follows the running jobs; a long training that ends while the app is in the background notifies. */
  function noticeJob(attention: JobAttention, event: JobEvent) {
    const notice = attention.onEvent(event, Date.now(), mainWindow?.isFocused() ?? false);
    showProgress(attention.progress());
    if (!notice || !Notification.isSupported()) return;
    const notification = new Notification({ title: notice.title, body: notice.body });
    notification.on('click', () => {
      mainWindow?.show();
      mainWindow?.focus();
      if (notice.runId) send('navigate', { view: 'runs', param: notice.runId } satisfies NavigateEvent);
    });
    notification.show();
  }

  const preload = path.join(dist, 'preload', 'index.cjs');
  const open = () => {
    const window = createWindow(router, preload);
    window.on('focus', () => {
      attention.acknowledge();
      showProgress(attention.progress());
    });
    // The renderer listens from its first script on; files the OS gave us go to it once it has loaded.
    window.webContents.once('did-finish-load', () => opened.ready((paths) => void registerOpened(paths)));
    return window;
  };
  mainWindow = open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  disposeOnQuit(backend);
}

function createWindow(router: IpcRouter, preload: string): BrowserWindow {
  const stateFile = path.join(userData, 'window-state.json');
  const state = fitToScreens(readWindowState(stateFile), screen.getAllDisplays().map((d) => d.workArea));
  const backgroundColor = nativeTheme.shouldUseDarkColors ? '#15181d' : '#f5f6f8'; // app.css's --bg in each theme
  const window = createMainWindow(BrowserWindow, { router, preload, devTools: isDev, state, backgroundColor });
  trackWindowState(window, stateFile);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  return window;
}

function electronDialogs(): HostDialogs {
  return {
    async openFiles() {
      const options: Electron.OpenDialogOptions = {
        title: strings.addCorpusFiles,
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: strings.textCorpora, extensions: ['txt', 'text', 'csv', 'tsv', 'jsonl', 'ndjson'] },
          { name: strings.allFiles, extensions: ['*'] },
        ],
      };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async saveFile(suggestedName) {
      const options: Electron.SaveDialogOptions = {
        title: strings.saveExport,
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
