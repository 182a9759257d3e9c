// main/index.ts cannot run without the Electron binary, so its wiring is checked in its source: every window comes
// from main/window.ts (which test/main/window.test.ts runs with a fake BrowserWindow), every webContents and the
// session are hardened, and nothing in main/ or preload/ turns a protection back off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

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
