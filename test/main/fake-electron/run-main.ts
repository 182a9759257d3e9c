// Runs main/index.ts against the fake electron module and prints, as one JSON line, what it did and how the
// window, its webContents, its IPC and the session answer. Run by test/main/index.test.ts.
// The same module instance main/index.ts gets for 'electron' (hooks.mjs resolves that name to this file).
import { BrowserWindow, app, record } from './electron.ts';
import type { FakeWebContents } from './electron.ts';

type Handler = (...args: unknown[]) => unknown;

await import('../../../main/index.ts');
if (record.steps.length === 0) throw new Error('main/index.ts did not use the fake electron: is the hook registered?');
const deadline = Date.now() + 20_000;
while (record.windows.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));

const first = record.windows[0]!;
const contents = first.webContents as unknown as FakeWebContents;
const fire = (name: string, url: string) => {
  let prevented = false;
  for (const listener of contents.listeners(name)) (listener as Handler)({ url, preventDefault: () => void (prevented = true) });
  return prevented;
};
const trusted = { sender: contents, senderFrame: { url: 'app://studio/index.html', parent: null } };
const foreign = { sender: contents, senderFrame: { url: 'https://evil.example/', parent: null } };
const call = contents.ipcHandlers.get('studio:call')!;
let granted: unknown = 'not answered';
(record.session.request as Handler)(contents, 'media', (g: boolean) => void (granted = g), {});

// The engine reports a failed job whose error carries a stack and a path outside the workspace: the renderer must
// get it redacted, as it gets answers.
const leaky = { name: 'ImportError', message: 'Cannot read /home/someone/secret/train.csv line 3', stack: 'ImportError: …\n    at read (/opt/nlp-studio/engine.cjs:1:2)' };
record.utilities[0]!.emit('message', { type: 'event', event: 'job', payload: { type: 'failed', jobId: 'j-20261204-1700-abcdef', error: leaky } });
await new Promise((resolve) => setTimeout(resolve, 50));

// macOS: the dock icon re-opens a window when none is left; it must be the same locked-down window.
BrowserWindow.all.length = 0;
app.emit('activate');

const report = {
  steps: record.steps,
  windows: record.windows.map((w) => ({ webPreferences: w.options.webPreferences, url: w.webContents.getURL() })),
  listeners: ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'].map((n) => contents.listenerCount(n)),
  navigation: { inside: fire('will-navigate', 'app://studio/index.html'), outside: fire('will-navigate', 'https://evil.example/'), frameOutside: fire('will-frame-navigate', 'file:///etc/passwd'), redirectOutside: fire('will-redirect', 'https://evil.example/') },
  windowOpen: contents.windowOpenHandler ? contents.windowOpenHandler({ url: 'https://evil.example/' }) : null,
  ipcChannels: [...contents.ipcHandlers.keys()].sort(),
  ipcTrusted: await call(trusted, { method: 'no.such.method', input: {} }),
  ipcForeign: await call(foreign, { method: 'app.info', input: {} }),
  permissionRequest: granted,
  permissionCheck: (record.session.check as Handler)(contents, 'media', 'app://studio', {}),
  devicePermission: (record.session.device as Handler)({ deviceType: 'usb', origin: 'app://studio' }),
  remoteFilter: (record.session.beforeRequest as { filter: unknown }).filter,
  eventsSent: contents.sent,
};
console.log(JSON.stringify(report));
process.exit(0);
