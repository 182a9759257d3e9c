// main/index.ts needs the Electron binary, which cannot be downloaded here. So it is run under plain Node against a
// fake `electron` module (test/main/fake-electron/), and its source is scanned: every window comes from
// main/window.ts, every webContents and the session are hardened before anything loads, and nothing in main/ or
// preload/ turns a protection back off. e2e/electron.spec.ts checks the same in the real app where it can run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { secureWebPreferences } from '../../main/security.ts';

const root = path.join(import.meta.dirname, '..', '..');

/** Every .ts file in main/ and preload/, with comments removed (a comment may name what the code must not do). */
function sources(): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of ['main', 'preload']) {
    for (const name of readdirSync(path.join(root, dir))) {
      if (!name.endsWith('.ts')) continue;
      const text = readFileSync(path.join(root, dir, name), 'utf8');
      out.set(`${dir}/${name}`, text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1'));
    }
  }
  return out;
}

test('the scan sees the Electron code (so the checks below cannot pass on nothing)', () => {
  const files = sources();
  for (const file of ['main/index.ts', 'main/window.ts', 'main/security.ts', 'main/ipc.ts', 'preload/index.ts']) assert.ok(files.has(file), file);
  assert.match(files.get('main/security.ts')!, /contextIsolation: true/);
});

test('windows and views are created in one place only, main/window.ts, from secureWebPreferences', () => {
  const creations: string[] = [];
  for (const [file, text] of sources()) {
    for (const m of text.matchAll(/new\s+(\w*(?:BrowserWindow|BrowserView|WebContentsView|BaseWindow)\w*)\s*\(/g)) creations.push(`${file}: ${m[1]}`);
  }
  assert.deepEqual(creations, ['main/window.ts: BrowserWindowClass']);
  assert.match(sources().get('main/window.ts')!, /new BrowserWindowClass\(\{[^]*?webPreferences: secureWebPreferences\(/);
  const index = sources().get('main/index.ts')!;
  assert.match(index, /createMainWindow\(BrowserWindow, /);
});

test('main/index.ts hardens every webContents, the session, and sandboxes every renderer', () => {
  const index = sources().get('main/index.ts')!;
  assert.match(index, /app\.on\('web-contents-created', \(_event, contents\) => hardenContents\(contents\)\)/);
  assert.match(index, /hardenSession\(session\.defaultSession\)/);
  assert.match(index, /app\.enableSandbox\(\)/);
  // hardenContents must be in place before the first window exists: registered at load, the window made in start().
  assert.ok(index.indexOf("app.on('web-contents-created'") < index.indexOf('start().catch'), 'hardening registered before start()');
});

test('nothing in main/ or preload/ loosens the defaults or opens another way in', () => {
  const forbidden: Array<[RegExp, string]> = [
    [/nodeIntegration(InSubFrames|InWorker)?\s*:\s*true/, 'Node in the renderer'],
    [/contextIsolation\s*:\s*false/, 'no context isolation'],
    [/sandbox\s*:\s*false/, 'no sandbox'],
    [/webSecurity\s*:\s*false/, 'no same-origin policy'],
    [/allowRunningInsecureContent\s*:\s*true/, 'mixed content'],
    [/experimentalFeatures\s*:\s*true/, 'experimental features'],
    [/enableBlinkFeatures/, 'extra Blink features'],
    [/webviewTag\s*:\s*true/, 'webviews'],
    [/enableRemoteModule|@electron\/remote/, 'the remote module'],
    [/fromPartition|partition\s*:/, 'a session hardenSession does not cover'],
    [/ipcMain\.(handle|on|once)\b/, 'a global IPC handler (handlers belong on the window\'s own webContents.ipc, with the sender check)'],
    [/shell\.openExternal/, 'opening URLs outside the app'],
    [/appendSwitch|appendArgument/, 'command-line switches'],
    [/certificate-error|setCertificateVerifyProc/, 'overriding certificate checks'],
    [/loadFile\(|file:\/\//, 'pages from file:// (the app uses app://studio)'],
    [/setPermissionRequestHandler\(null\)|setPermissionCheckHandler\(null\)/, 'removing the permission handlers'],
    [/executeJavaScript|insertCSS/, 'main injecting code into the page'],
  ];
  for (const [file, text] of sources()) {
    for (const [pattern, why] of forbidden) assert.doesNotMatch(text, pattern, `${file}: ${why}`);
  }
});

test('the preload exposes exactly one object, window.studio, and never ipcRenderer itself', () => {
  const preload = sources().get('preload/index.ts')!;
  const exposed = [...preload.matchAll(/contextBridge\.exposeInMainWorld\(\s*'(\w+)'\s*,\s*(\w+)\s*\)/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(exposed, [['studio', 'api']]);
  assert.equal([...preload.matchAll(/exposeInMainWorld|exposeInIsolatedWorld/g)].length, 1);
  for (const [file, text] of sources()) {
    if (!file.startsWith('preload/')) continue;
    // Outside its import, ipcRenderer appears only as a receiver of invoke/on/removeListener: never passed,
    // returned or exposed, and never used to send (main listens for invokes only).
    const uses = text.replace(/^import .*$/gm, '').match(/\bipcRenderer\b(\.\w+)?/g) ?? [];
    assert.ok(uses.length > 0 || !file.endsWith('index.ts'), `${file} uses ipcRenderer`);
    for (const use of uses) assert.ok(['ipcRenderer.invoke', 'ipcRenderer.on', 'ipcRenderer.removeListener'].includes(use), `${file}: ${use}`);
  }
});

test('main/index.ts run against a fake electron: hardened before the first window, every window locked down', () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'nlp-studio-fake-electron-'));
  const userData = mkdtempSync(path.join(os.tmpdir(), 'nlp-studio-fake-user-data-'));
  const corpus = path.join(userData, 'opened corpus.txt');
  writeFileSync(corpus, 'a corpus the file manager opened with the app\n');
  try {
    const fake = path.join(import.meta.dirname, 'fake-electron');
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--import', pathToFileURL(path.join(fake, 'register.mjs')).href, path.join(fake, 'run-main.ts')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NLP_STUDIO_WORKSPACE: workspace, FAKE_ELECTRON_USER_DATA: userData, FAKE_ELECTRON_OPEN_FILE: corpus, FAKE_ELECTRON_LANGUAGES: 'zh-CN,en-US' },
    });
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    const steps: string[] = report.steps;
    assert.ok(!steps.some((s) => s.startsWith('dialog.showErrorBox') || s.startsWith('app.exit')), steps.join('\n'));
    const at = (step: string) => {
      assert.ok(steps.includes(step), `${step} in ${steps.join(', ')}`);
      return steps.indexOf(step);
    };
    // Before ready: the app:// scheme and the global sandbox. After ready, before any window: the session's rules.
    assert.ok(at('protocol.registerSchemesAsPrivileged app') < at('app.whenReady'));
    assert.ok(at('app.enableSandbox') < at('app.whenReady'));
    for (const step of ['session.setPermissionRequestHandler', 'session.setPermissionCheckHandler', 'session.setDevicePermissionHandler', 'session.webRequest.onBeforeRequest', 'protocol.handle app']) {
      assert.ok(at(step) < at('new BrowserWindow'), `${step} before the first window`);
    }
    // The first window and the one macOS's dock re-opens: the shared preferences, our page.
    assert.equal(report.windows.length, 2);
    for (const window of report.windows) {
      assert.deepEqual(window.webPreferences, secureWebPreferences({ preload: '/nlp-studio-fake/app/dist/preload/index.cjs', devTools: false }));
      assert.equal(window.url, 'app://studio/index.html');
    }
    // Its webContents was hardened through web-contents-created.
    assert.deepEqual(report.listeners, [1, 1, 1, 1]);
    assert.deepEqual(report.navigation, { inside: false, outside: true, frameOutside: true, redirectOutside: true });
    assert.deepEqual(report.windowOpen, { action: 'deny' });
    // IPC: the two invoke channels on the window's own ipc; our frame reaches the router, a foreign one does not.
    assert.deepEqual(report.ipcChannels, ['studio:call', 'studio:host']);
    assert.equal(report.ipcTrusted.error.name, 'UnknownMethodError');
    assert.equal(report.ipcForeign.error.name, 'UnauthorizedError');
    assert.deepEqual([report.permissionRequest, report.permissionCheck, report.devicePermission], [false, false, false]);
    assert.deepEqual(report.remoteFilter.urls, ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
    // An engine event reaches the renderer without the stack or the path outside the workspace.
    const failed = report.eventsSent.find(([channel, e]: [string, any]) => channel === 'studio:event' && e.event === 'job' && e.payload.type === 'failed');
    assert.ok(failed, JSON.stringify(report.eventsSent));
    assert.deepEqual(failed[1].payload.error, { name: 'ImportError', message: 'Cannot read train.csv line 3' });
    // A second launch's file reaches the renderer as picked files, to import.
    const files = report.eventsSent.find(([, e]: [string, any]) => e.event === 'files');
    assert.ok(files, JSON.stringify(report.eventsSent));
    assert.deepEqual(files[1].payload.files.map((f: { name: string }) => f.name), ['opened corpus.txt']);
    // The taskbar: indeterminate at the start, half-way, cleared when cancelled, red when the next one fails.
    assert.deepEqual(report.progress, [[2, 'indeterminate'], [0.5, 'normal'], [-1, 'none'], [2, 'indeterminate'], [1, 'error']]);
    // The failed 5-minute training notifies, in the OS language (Chinese here); the cancelled one does not.
    assert.deepEqual(report.notifications.map((n: { title: string }) => n.title), ['训练失败']);
    // The window's place and the workspace are remembered for the next launch.
    assert.deepEqual(JSON.parse(readFileSync(path.join(userData, 'window-state.json'), 'utf8')), { x: 10, y: 20, width: 1280, height: 820, maximized: false });
    assert.deepEqual(JSON.parse(readFileSync(path.join(userData, 'recent-workspaces.json'), 'utf8')), [path.resolve(workspace)]);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
});
