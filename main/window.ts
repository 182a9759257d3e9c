/**
 * The app's one window: built from `secureWebPreferences`, showing `app://studio/`, with the two invoke channels
 * registered on its own `webContents.ipc` (so no other webContents can reach them) and every message checked for
 * its sender. The BrowserWindow class is passed in, so test/main/window.test.ts runs this with a fake.
 */
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { IpcChannel } from '../contract/ipc-channels.ts';
import type { IpcResult } from '../contract/ipc-channels.ts';
import { APP_ENTRY_URL, isTrustedSender, refusal } from './ipc.ts';
import type { IpcRouter } from './ipc.ts';
import { secureWebPreferences } from './security.ts';
import { DEFAULT_WINDOW_STATE, MIN_WINDOW_SIZE } from './window-state.ts';
import type { WindowState } from './window-state.ts';

export interface MainWindowOptions {
  router: IpcRouter;
  /** The built preload (dist/preload/index.cjs). */
  preload: string;
  /** DevTools only in development. */
  devTools: boolean;
  /** Where and how large, from the last session (main/window-state.ts); the default size, centred, otherwise. */
  state?: WindowState;
  /** Painted before the page, so a dark OS theme does not flash white while the renderer loads. */
  backgroundColor?: string;
}

export function createMainWindow(BrowserWindowClass: typeof BrowserWindow, options: MainWindowOptions): BrowserWindow {
  const { maximized, ...bounds } = options.state ?? DEFAULT_WINDOW_STATE;
  const window = new BrowserWindowClass({
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'NLP Studio',
    show: false,
    ...(options.backgroundColor ? { backgroundColor: options.backgroundColor } : {}),
    webPreferences: secureWebPreferences({ preload: options.preload, devTools: options.devTools }),
  });
  if (maximized) window.maximize();
  const contents = window.webContents;
  contents.ipc.handle(IpcChannel.call, guardedHandler(IpcChannel.call, contents, options.router.call));
  contents.ipc.handle(IpcChannel.host, guardedHandler(IpcChannel.host, contents, options.router.host));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/**
 * An invoke handler that routes only messages from `ourContents`' top frame showing our renderer; any other
 * sender (an iframe, a frame navigated away, another webContents) gets a refusal and the route is never called.
 */
export function guardedHandler(
  channel: string,
  ourContents: unknown,
  route: (payload: unknown) => Promise<IpcResult>,
): (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, payload: unknown) => Promise<IpcResult> {
  return (event, payload) => (isTrustedSender(event, ourContents) ? route(payload) : Promise.resolve(refusal(channel)));
}
