/**
 * A stand-in for the `electron` module, for running main/index.ts under plain Node (the Electron binary cannot be
 * downloaded here). It records what main does — in order — and lets the test drive it. Only what main/index.ts
 * touches exists; anything else fails loudly, so a new Electron call shows up here first.
 */
import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

/** What main did, in order, and the objects it made. */
export const record = {
  steps: [] as string[],
  windows: [] as BrowserWindow[],
  session: {} as Record<string, unknown>,
  /** The engine processes main forked; a test emits engine messages on them. */
  utilities: [] as EventEmitter[],
  /** setProgressBar calls on any window: [value, mode]. */
  progress: [] as [number, string | undefined][],
  /** Notifications shown: title and body. */
  notifications: [] as { title: string; body: string }[],
};

export class FakeWebContents extends EventEmitter {
  url = '';
  windowOpenHandler: Handler | null = null;
  ipcHandlers = new Map<string, Handler>();
  ipc = { handle: (channel: string, handler: Handler) => void this.ipcHandlers.set(channel, handler) };
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler;
  }
  /** What main sent to the renderer: [channel, payload]. */
  sent: [string, unknown][] = [];
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  getURL() {
    return this.url;
  }
}

export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  static getAllWindows() {
    return [...BrowserWindow.all];
  }
  readonly webContents = new FakeWebContents();
  constructor(readonly options: Record<string, unknown>) {
    super();
    record.steps.push('new BrowserWindow');
    record.windows.push(this);
    BrowserWindow.all.push(this);
    // Electron announces every new webContents on the app before anything loads in it.
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string) {
    this.webContents.url = url;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  restore() {}
  maximize() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isFocused() {
    return false;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: (this.options.width as number) ?? 800, height: (this.options.height as number) ?? 600 };
  }
  setProgressBar(value: number, options?: { mode?: string }) {
    record.progress.push([value, options?.mode]);
  }
  isDestroyed() {
    return false;
  }
}

class App extends EventEmitter {
  readonly isPackaged = true;
  enableSandbox() {
    record.steps.push('app.enableSandbox');
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    record.steps.push('app.whenReady');
    return Promise.resolve();
  }
  getAppPath() {
    return '/nlp-studio-fake/app';
  }
  getPath(name: string) {
    // The user-data folder holds window-state.json and recent-workspaces.json: the test gives a real one.
    return name === 'userData' ? (process.env.FAKE_ELECTRON_USER_DATA ?? '/nlp-studio-fake/user-data') : '/nlp-studio-fake/downloads';
  }
  setPath(name: string, value: string) {
    record.steps.push(`app.setPath ${name}`);
    if (name === 'userData') process.env.FAKE_ELECTRON_USER_DATA = value;
  }
  getPreferredSystemLanguages() {
    return (process.env.FAKE_ELECTRON_LANGUAGES ?? 'en-US').split(',');
  }
  relaunch() {
    record.steps.push('app.relaunch');
  }
  getVersion() {
    return '0.0.0-fake';
  }
  quit() {
    record.steps.push('app.quit');
  }
  exit(code: number) {
    record.steps.push(`app.exit ${code}`);
  }
}
export const app = new App();

export const protocol = {
  registerSchemesAsPrivileged: (schemes: Array<{ scheme: string }>) => void record.steps.push(`protocol.registerSchemesAsPrivileged ${schemes.map((s) => s.scheme).join(',')}`),
  handle: (scheme: string) => void record.steps.push(`protocol.handle ${scheme}`),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h: Handler) => void ((record.session.request = h), record.steps.push('session.setPermissionRequestHandler')),
    setPermissionCheckHandler: (h: Handler) => void ((record.session.check = h), record.steps.push('session.setPermissionCheckHandler')),
    setDevicePermissionHandler: (h: Handler) => void ((record.session.device = h), record.steps.push('session.setDevicePermissionHandler')),
    webRequest: {
      onBeforeRequest: (filter: unknown, h: Handler) => void ((record.session.beforeRequest = { filter, h }), record.steps.push('session.webRequest.onBeforeRequest')),
    },
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown) => template,
  setApplicationMenu: () => void record.steps.push('Menu.setApplicationMenu'),
};

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export const nativeTheme = { shouldUseDarkColors: false };

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    record.notifications.push({ title: this.options.title, body: this.options.body });
  }
}

export const shell = {
  openPath: (p: string) => (record.steps.push(`shell.openPath ${p}`), Promise.resolve('')),
};

export const dialog = {
  showErrorBox: (title: string, message: string) => void record.steps.push(`dialog.showErrorBox ${title}: ${message}`),
};

class FakeUtilityProcess extends EventEmitter {
  postMessage() {}
  kill() {
    return true;
  }
}
export const utilityProcess = {
  // Never emits 'spawn': calls to the engine wait, which the test does not need.
  fork: () => {
    record.steps.push('utilityProcess.fork');
    const child = new FakeUtilityProcess();
    record.utilities.push(child);
    return child;
  },
};
