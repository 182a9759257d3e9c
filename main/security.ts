/**
 * Electron's security checklist (electronjs.org/docs/latest/tutorial/security) as small decisions tested under
 * plain Node (test/main/security.test.ts), and the two functions that wire them into Electron objects.
 * main/index.ts applies `hardenContents` to every webContents ever created and `hardenSession` to the only session
 * the app uses; main/window.ts builds every window from `secureWebPreferences`. Imports only Electron's types.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { isTrustedRendererUrl } from './ipc.ts';

export type Decision = 'allow' | 'deny';

/**
 * The one set of web preferences every window gets. Most are Electron's defaults already; they are spelled out so
 * a refactor or an Electron upgrade cannot silently loosen them, and so the tests can assert them.
 */
export function secureWebPreferences(options: { preload: string; devTools: boolean }): WebPreferences {
  return {
    preload: options.preload,
    // The renderer is untrusted: no Node anywhere (main frame, iframes, workers), its own JavaScript world,
    // Chromium's OS sandbox around the process.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    // The same-origin policy and mixed-content blocking stay on; nothing experimental is switched on.
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // A middle-click on a link would open it in a new window (Electronegativity's AUXCLICK_JS_CHECK); the
    // window-open handler refuses those too, but without the feature there is nothing to refuse.
    disableBlinkFeatures: 'Auxclick',
    // A page that loops on alert() cannot lock the window.
    safeDialogs: true,
    // Dropped files reach the app through the preload (webUtils.getPathForFile), never by navigating to them.
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: options.devTools,
  };
}

/** will-navigate, will-frame-navigate and will-redirect: only pages we serve ourselves (app://studio/…). */
export function navigationDecision(url: string): Decision {
  return isTrustedRendererUrl(url) ? 'allow' : 'deny';
}

/**
 * window.open, target=_blank and modifier-clicks: never a new window. The renderer has no external links; if it
 * ever needs one, it should go through an IPC method that validates an https URL and calls shell.openExternal.
 */
export function windowOpenDecision(_url: string): Decision {
  return 'deny';
}

/**
 * The renderer needs no web permission (no camera, microphone, notifications, clipboard, geolocation, HID, USB,
 * serial, fullscreen requests …), so every request and every check is refused: an injected script gets nothing.
 */
export function permissionDecision(_permission: string): Decision {
  return 'deny';
}

/**
 * Requests the session cancels: anything that would leave the machine. The app is offline by design; the
 * renderer's CSP (`connect-src 'self'`) already refuses these, this is the same rule in the main process.
 */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/** The parts of a WebContents `hardenContents` touches (a fake in tests, the real one in main/index.ts). */
export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** No navigation away from the app, no popups, no webviews. */
export function hardenContents(contents: HardenableContents): void {
  const stayHome = (event: { preventDefault(): void; url: string }) => {
    if (navigationDecision(event.url) === 'deny') event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  // webviewTag is off, so this should never fire; refusing here keeps a webview out even if that changes.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => ({ action: windowOpenDecision(url) }));
}

/** The parts of a Session `hardenSession` touches. */
export type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
};

/** No permission is ever granted, no device handed out, and no request leaves the machine. */
export function hardenSession(ses: HardenableSession): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionDecision(permission) === 'allow'));
  ses.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission) === 'allow');
  ses.setDevicePermissionHandler((details) => permissionDecision(details.deviceType) === 'allow');
  ses.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (_details, callback) => callback({ cancel: true }));
}
