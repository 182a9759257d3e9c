import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  REMOTE_URL_PATTERNS,
  hardenContents,
  hardenSession,
  navigationDecision,
  permissionDecision,
  secureWebPreferences,
  windowOpenDecision,
} from '../../main/security.ts';
import type { HardenableContents, HardenableSession } from '../../main/security.ts';
import { CONTENT_SECURITY_POLICY } from '../../engine/host/renderer-files.ts';

const root = path.join(import.meta.dirname, '..', '..');

/** URLs a compromised or confused renderer might try to reach. */
const foreignUrls = [
  'https://evil.example/',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  'app://other/index.html',
  'app://studio.evil.example/index.html',
  'app://studio@evil.example/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'devtools://devtools/bundled/inspector.html',
  'about:blank',
  'not a url',
  '',
];

describe('web preferences', () => {
  test('every security-relevant preference is set to its safe value', () => {
    const prefs = secureWebPreferences({ preload: '/app/dist/preload/index.cjs', devTools: false });
    assert.deepEqual(
      {
        contextIsolation: prefs.contextIsolation,
        sandbox: prefs.sandbox,
        nodeIntegration: prefs.nodeIntegration,
        nodeIntegrationInSubFrames: prefs.nodeIntegrationInSubFrames,
        nodeIntegrationInWorker: prefs.nodeIntegrationInWorker,
        webSecurity: prefs.webSecurity,
        allowRunningInsecureContent: prefs.allowRunningInsecureContent,
        experimentalFeatures: prefs.experimentalFeatures,
        webviewTag: prefs.webviewTag,
        disableBlinkFeatures: prefs.disableBlinkFeatures,
        navigateOnDragDrop: prefs.navigateOnDragDrop,
        safeDialogs: prefs.safeDialogs,
        devTools: prefs.devTools,
        preload: prefs.preload,
      },
      {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        disableBlinkFeatures: 'Auxclick',
        navigateOnDragDrop: false,
        safeDialogs: true,
        devTools: false,
        preload: '/app/dist/preload/index.cjs',
      },
    );
    assert.equal(secureWebPreferences({ preload: 'p', devTools: true }).devTools, true);
  });

  test('nothing that loosens them is set at all', () => {
    const prefs = secureWebPreferences({ preload: 'p', devTools: true }) as Record<string, unknown>;
    // enableBlinkFeatures: experimental Chromium features; partition: a session hardenSession never sees;
    // additionalArguments: switches handed to the renderer; plugins: Pepper plugins.
    for (const key of ['enableBlinkFeatures', 'partition', 'session', 'additionalArguments', 'plugins', 'enableWebSQL']) {
      assert.ok(!(key in prefs), key);
    }
  });
});

describe('navigation, new windows, permissions', () => {
  test('navigation stays inside app://studio', () => {
    for (const url of ['app://studio/index.html', 'app://studio/runs/r-abcd?x=1#y']) assert.equal(navigationDecision(url), 'allow', url);
    for (const url of foreignUrls) assert.equal(navigationDecision(url), 'deny', url);
  });

  test('no new window is ever opened, not even one of our own pages', () => {
    for (const url of ['app://studio/index.html', ...foreignUrls]) assert.equal(windowOpenDecision(url), 'deny', url);
  });

  test('every web permission is refused', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'pointerLock', 'hid', 'serial', 'usb', 'midiSysex', 'fileSystem', 'display-capture', 'unknown']) {
      assert.equal(permissionDecision(permission), 'deny', permission);
    }
  });
});

/** A stand-in WebContents that records what hardenContents registers. */
function fakeContents() {
  const listeners = new Map<string, (event: unknown) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on(name: string, listener: (event: unknown) => void) {
      assert.ok(!listeners.has(name), `one ${name} listener`);
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
  };
  /** Fire `name` at `url`; true when the listener prevented it. */
  const fire = (name: string, url = '') => {
    const listener = listeners.get(name);
    assert.ok(listener, `a ${name} listener is registered`);
    let prevented = false;
    listener({ url, preventDefault: () => void (prevented = true) });
    return prevented;
  };
  const open = (url: string) => {
    assert.ok(openHandler, 'a window-open handler is registered');
    return openHandler({ url }).action;
  };
  return { contents: contents as unknown as HardenableContents, fire, open, listeners };
}

test('hardenContents blocks navigation away, redirects, subframe navigation, webviews and popups', () => {
  const { contents, fire, open, listeners } = fakeContents();
  hardenContents(contents);
  assert.deepEqual([...listeners.keys()].sort(), ['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
  for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    assert.equal(fire(name, 'app://studio/index.html'), false, `${name} inside the app`);
    for (const url of foreignUrls) assert.equal(fire(name, url), true, `${name} to ${url}`);
  }
  assert.equal(fire('will-attach-webview'), true);
  assert.equal(open('https://evil.example/'), 'deny');
  assert.equal(open('app://studio/index.html'), 'deny');
});

test('hardenSession refuses every permission request, check and device, and cancels remote requests', () => {
  const seen: Record<string, unknown> = {};
  const session = {
    setPermissionRequestHandler: (h: unknown) => void (seen.request = h),
    setPermissionCheckHandler: (h: unknown) => void (seen.check = h),
    setDevicePermissionHandler: (h: unknown) => void (seen.device = h),
    webRequest: { onBeforeRequest: (filter: unknown, h: unknown) => void (seen.web = { filter, h }) },
  };
  hardenSession(session as unknown as HardenableSession);
  const request = seen.request as (c: unknown, p: string, cb: (granted: boolean) => void, d: unknown) => void;
  for (const permission of ['media', 'notifications', 'openExternal', 'clipboard-read']) {
    let granted: boolean | undefined;
    request({}, permission, (g) => void (granted = g), { requestingUrl: 'app://studio/index.html' });
    assert.equal(granted, false, permission);
  }
  const check = seen.check as (c: unknown, p: string, origin: string, d: unknown) => boolean;
  assert.equal(check({}, 'media', 'app://studio', {}), false);
  assert.equal(check({}, 'clipboard-sanitized-write', 'app://studio', {}), false);
  const device = seen.device as (d: { deviceType: string; origin: string }) => boolean;
  for (const deviceType of ['hid', 'serial', 'usb']) assert.equal(device({ deviceType, origin: 'app://studio' }), false);
  const web = seen.web as { filter: { urls: string[] }; h: (d: unknown, cb: (r: { cancel?: boolean }) => void) => void };
  assert.deepEqual(web.filter.urls, REMOTE_URL_PATTERNS);
  for (const scheme of ['http', 'https', 'ws', 'wss']) assert.ok(web.filter.urls.includes(`${scheme}://*/*`), scheme);
  let response: { cancel?: boolean } = {};
  web.h({ url: 'https://evil.example/' }, (r) => void (response = r));
  assert.deepEqual(response, { cancel: true });
});

/** `directive → sources` of a CSP string. */
function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

describe('the renderer CSP', () => {
  const metaPolicy = () => {
    const html = readFileSync(path.join(root, 'renderer', 'index.html'), 'utf8');
    const meta = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i);
    assert.ok(meta, 'renderer/index.html has a CSP meta tag');
    return meta[1]!;
  };

  for (const [where, policy] of [['header (app:// and the web host)', () => CONTENT_SECURITY_POLICY], ['meta in renderer/index.html', metaPolicy]] as const) {
    test(`the ${where}: scripts only from our origin, no eval, no inline script, no plugins, no base or form hijack`, () => {
      const csp = parseCsp(policy());
      assert.deepEqual(csp.get('default-src'), ["'self'"]);
      assert.deepEqual(csp.get('script-src'), ["'self'"]);
      assert.deepEqual(csp.get('object-src'), ["'none'"]);
      assert.deepEqual(csp.get('base-uri'), ["'none'"]);
      assert.deepEqual(csp.get('form-action'), ["'none'"]);
      assert.deepEqual(csp.get('connect-src'), ["'self'"]);
      // The shipped CJK font is served as files from our origin; nothing needs data: or remote fonts.
      assert.deepEqual(csp.get('font-src'), ["'self'"]);
      for (const [directive, sources] of csp) {
        for (const bad of ["'unsafe-eval'", "'wasm-unsafe-eval'", '*', 'http:', 'https:', 'ws:', 'wss:', 'file:']) {
          assert.ok(!sources.includes(bad), `${directive} allows ${bad}`);
        }
        if (directive !== 'style-src') assert.ok(!sources.includes("'unsafe-inline'"), `${directive} allows 'unsafe-inline'`);
      }
    });
  }

  test('the header also forbids framing (a meta tag cannot)', () => {
    assert.deepEqual(parseCsp(CONTENT_SECURITY_POLICY).get('frame-ancestors'), ["'none'"]);
  });

  test('the meta policy allows nothing the header does not (both apply in Electron; the stricter wins)', () => {
    const header = parseCsp(CONTENT_SECURITY_POLICY);
    for (const [directive, sources] of parseCsp(metaPolicy())) {
      const allowed = header.get(directive) ?? header.get('default-src')!;
      for (const source of sources) assert.ok(allowed.includes(source), `meta ${directive} ${source} is not in the header`);
    }
  });
});
