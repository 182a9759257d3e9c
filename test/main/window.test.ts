import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserWindow } from 'electron';
import { IpcChannel } from '../../contract/ipc-channels.ts';
import type { IpcResult } from '../../contract/ipc-channels.ts';
import { APP_ENTRY_URL } from '../../main/ipc.ts';
import type { IpcRouter } from '../../main/ipc.ts';
import { secureWebPreferences } from '../../main/security.ts';
import { createMainWindow, guardedHandler } from '../../main/window.ts';

type Handler = (event: unknown, payload: unknown) => Promise<IpcResult>;

/** Stands in for Electron's BrowserWindow: records its options, IPC handlers and loaded URL. */
class FakeBrowserWindow {
  static created: FakeBrowserWindow[] = [];
  handlers = new Map<string, Handler>();
  loaded: string[] = [];
  webContents = { ipc: { handle: (channel: string, handler: Handler) => void this.handlers.set(channel, handler) } };
  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    FakeBrowserWindow.created.push(this);
  }
  once() {}
  show() {}
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
}

function fakeRouter() {
  const routed: Array<[string, unknown]> = [];
  const router: IpcRouter = {
    call: async (payload) => (routed.push(['call', payload]), { ok: true, value: 'called' }),
    host: async (payload) => (routed.push(['host', payload]), { ok: true, value: 'hosted' }),
  };
  return { router, routed };
}

test('the window uses the shared secure preferences, loads app://studio, and answers only the two invoke channels', () => {
  const { router } = fakeRouter();
  FakeBrowserWindow.created = [];
  createMainWindow(FakeBrowserWindow as unknown as typeof BrowserWindow, { router, preload: '/dist/preload/index.cjs', devTools: false });
  assert.equal(FakeBrowserWindow.created.length, 1);
  const [window] = FakeBrowserWindow.created;
  assert.deepEqual(window!.options.webPreferences, secureWebPreferences({ preload: '/dist/preload/index.cjs', devTools: false }));
  assert.equal(window!.options.show, false, 'shown on ready-to-show, not before');
  assert.deepEqual(window!.loaded, [APP_ENTRY_URL]);
  assert.deepEqual([...window!.handlers.keys()].sort(), [IpcChannel.call, IpcChannel.host].sort());
});

test('IPC from our top frame is routed; from anything else it is refused and never reaches the router', async () => {
  const { router, routed } = fakeRouter();
  FakeBrowserWindow.created = [];
  createMainWindow(FakeBrowserWindow as unknown as typeof BrowserWindow, { router, preload: 'p', devTools: true });
  const window = FakeBrowserWindow.created[0]!;
  const ours = window.webContents;
  const top = { url: 'app://studio/index.html', parent: null };
  const call = window.handlers.get(IpcChannel.call)!;
  const host = window.handlers.get(IpcChannel.host)!;

  assert.deepEqual(await call({ sender: ours, senderFrame: top }, { method: 'app.info', input: {} }), { ok: true, value: 'called' });
  assert.deepEqual(await host({ sender: ours, senderFrame: top }, { method: 'host.pickFiles', input: {} }), { ok: true, value: 'hosted' });
  assert.equal(routed.length, 2);

  const strangers = {
    'another webContents': { sender: {}, senderFrame: top },
    'an iframe of ours': { sender: ours, senderFrame: { url: 'app://studio/x.html', parent: top } },
    'a frame navigated away': { sender: ours, senderFrame: { url: 'https://evil.example/', parent: null } },
    'a file:// page': { sender: ours, senderFrame: { url: 'file:///index.html', parent: null } },
    'a destroyed frame': { sender: ours, senderFrame: null },
  };
  for (const [who, event] of Object.entries(strangers)) {
    for (const [channel, handler] of [[IpcChannel.call, call], [IpcChannel.host, host]] as const) {
      const result = await handler(event, { method: 'app.info', input: {} });
      assert.equal(result.ok, false, `${who} on ${channel}`);
      assert.equal(!result.ok && result.error.name, 'UnauthorizedError');
      assert.match(!result.ok ? result.error.message : '', new RegExp(channel));
    }
  }
  assert.equal(routed.length, 2, 'no refused message reached the router');
});

test('guardedHandler on its own: the same check for any channel', async () => {
  const ours = {};
  let routed = 0;
  const handler = guardedHandler('studio:call', ours, async () => (routed++, { ok: true, value: 1 }));
  assert.equal((await handler({ sender: ours, senderFrame: { url: 'app://studio/', parent: null } } as never, {})).ok, true);
  assert.equal((await handler({ sender: ours, senderFrame: { url: 'app://other/', parent: null } } as never, {})).ok, false);
  assert.equal(routed, 1);
});
