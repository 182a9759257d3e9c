// Runs main/index.ts against the fake electron module and prints, as one JSON line, what it did and how the
// window, its webContents, its IPC and the session answer. Run by test/main/index.test.ts.
// The same module instance main/index.ts gets for 'electron' (hooks.mjs resolves that name to this file).
import { BrowserWindow, app, record } from './electron.ts';
import type { FakeWebContents } from './electron.ts';

type Handler = (...args: unknown[]) => unknown;

// A packaged app launched with no arguments: argv is only the executable (Node's would be this script).
process.argv = [process.argv[0]];
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

// The page has loaded; then a second launch is given a corpus file: the first instance opens it (a `files` event).
contents.emit('did-finish-load');
app.emit('second-instance', {}, ['/opt/nlp-studio', '--some-chromium-switch', process.env.FAKE_ELECTRON_OPEN_FILE!], '/');
// A training that started 5 minutes ago ends while the window is in the background: the taskbar shows its progress,
// then clears, and a notification says it finished.
const startedAt = new Date(Date.now() - 5 * 60_000).toISOString();
const engine = record.utilities[0]!;
const jobEvent = (payload: unknown) => engine.emit('message', { type: 'event', event: 'job', payload });
jobEvent({ type: 'started', job: { jobId: 'j-20261204-1700-train1', kind: 'train', title: 'Training classifier', startedAt, runId: 'r-20261204-1700-abcdef', fraction: 0 } });
jobEvent({ type: 'progress', jobId: 'j-20261204-1700-train1', fraction: 0.5, etaSeconds: 30, message: 'epoch 1/2' });
jobEvent({ type: 'cancelled', jobId: 'j-20261204-1700-train1' });
jobEvent({ type: 'started', job: { jobId: 'j-20261204-1700-train2', kind: 'train', title: 'Training classifier', startedAt, runId: 'r-20261204-1700-abcdef', fraction: 0 } });
jobEvent({ type: 'failed', jobId: 'j-20261204-1700-train2', error: { name: 'DivergedError', message: 'The training loss became NaN' } });
for (let i = 0; i < 100 && !contents.sent.some(([, e]) => (e as { event?: string }).event === 'files'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
// Closing the window saves where it was.
first.emit('close');
await new Promise((resolve) => setTimeout(resolve, 100));

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
  progress: record.progress,
  notifications: record.notifications,
};
console.log(JSON.stringify(report));
process.exit(0);
