// The same flow in the Electron app, with Playwright's (experimental) Electron launcher. Runs where the Electron
// binary is installed; elsewhere it is skipped and says why. The binary comes from electron's own installer,
// which downloads from outside the npm registry, so it is absent on offline machines and in this project's CI.
import { expect, test, _electron as electron } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brownNewsText } from './corpus';
import { runStudioFlow } from './flow';
import { repoRoot } from './web-host';

function electronBinary(): { path: string | null; why: string } {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return { path: path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron'), why: '' };
  const dir = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, why: `the Electron binary is not installed (${pathFile} is missing: electron's installer downloads it from outside the npm registry, which this machine cannot reach)` };
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary, why: '' } : { path: null, why: `the Electron binary ${binary} is missing` };
}

const binary = electronBinary();
if (!binary.path) console.log(`[electron e2e] skipped: ${binary.why}`);

const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

/** Launch the app on `workspace` with its own profile (window place, recent workspaces) in `userData`. */
function launch(workspace: string, userData: string, extraArgs: string[] = []): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary.path!,
    args: [repoRoot, ...sandboxArgs, ...extraArgs],
    env: { ...process.env, NLP_STUDIO_WORKSPACE: workspace, NLP_STUDIO_USER_DATA: userData, NLP_STUDIO_E2E: '1' },
  });
}

/** The app on a fresh workspace and profile; `use` gets it, and the app, workspace and profile are gone afterwards. */
async function withApp(use: (app: ElectronApplication, page: Page, dirs: { workspace: string; userData: string }) => Promise<void>): Promise<void> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-electron-'));
  const userData = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-electron-profile-'));
  const app = await launch(workspace, userData);
  try {
    await use(app, await app.firstWindow(), { workspace, userData });
  } finally {
    await app.close().catch(() => undefined);
    await rm(workspace, { recursive: true, force: true });
    await rm(userData, { recursive: true, force: true });
  }
}

/** The application menu as labels, accelerators and ids, top level and one level down. */
const readMenu = (app: ElectronApplication) =>
  app.evaluate(({ Menu }) =>
    (Menu.getApplicationMenu()?.items ?? []).map((item) => ({
      label: item.label,
      items: (item.submenu?.items ?? []).map((sub) => ({ id: sub.id, label: sub.label, accelerator: sub.accelerator ?? null, sub: (sub.submenu?.items ?? []).map((x) => x.label) })),
    })),
  );

test('import, train, explore and export word2vec in the desktop app', async () => {
  test.skip(!binary.path, binary.why);
  await withApp((_app, page) => runStudioFlow(page, 'electron', brownNewsText()));
});

// The Electron security checklist as the running app shows it. The same rules are unit-tested without Electron in
// test/main/security.test.ts, window.test.ts and index.test.ts; this checks Electron applies them.
test('the desktop window is locked down: preferences, CSP, no Node, no popups, no navigation, no permissions', async () => {
  test.skip(!binary.path, binary.why);
  await withApp(async (app, page) => {
    await page.waitForLoadState('domcontentloaded');
    const mainView = () =>
      app.evaluate(({ BrowserWindow }) => {
        const windows = BrowserWindow.getAllWindows();
        const contents = windows[0]!.webContents as typeof windows[0]['webContents'] & { getLastWebPreferences(): Record<string, unknown> };
        const p = contents.getLastWebPreferences();
        const keys = ['contextIsolation', 'sandbox', 'nodeIntegration', 'nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag', 'disableBlinkFeatures', 'enableBlinkFeatures'];
        return { windows: windows.length, url: contents.getURL(), preferences: Object.fromEntries(keys.map((k) => [k, p[k] ?? null])) };
      });

    const before = await mainView();
    expect(before.windows).toBe(1);
    expect(before.url).toMatch(/^app:\/\/studio\//);
    expect(before.preferences).toEqual({
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
      enableBlinkFeatures: null,
    });

    // The page sees window.studio and nothing of Node or Electron.
    expect(
      await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return { require: typeof w.require, process: typeof w.process, module: typeof w.module, Buffer: typeof w.Buffer, studio: typeof w.studio };
      }),
    ).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', studio: 'object' });

    // The CSP header comes with every app:// response, and it is enforced: an injected inline script does not run.
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(
      await page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineScriptRan = true';
        document.head.append(script);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return (window as unknown as { __inlineScriptRan?: boolean }).__inlineScriptRan === true;
      }),
    ).toBe(false);

    // window.open opens nothing, not even one of our own pages.
    expect(await page.evaluate(() => [window.open('https://example.com/'), window.open('/index.html', '_blank')].every((w) => w === null))).toBe(true);

    // Navigation away is cancelled: the window still shows the app.
    for (const url of ['https://example.com/', 'file:///etc/passwd']) {
      await page.evaluate((to) => void (window.location.href = to), url);
      await page.waitForTimeout(500);
    }
    const after = await mainView();
    expect(after.windows).toBe(1);
    expect(after.url).toBe(before.url);
    expect(app.windows()).toHaveLength(1);

    // Permissions: every check answers denied, and a request is never granted.
    expect(await page.evaluate(() => navigator.permissions.query({ name: 'geolocation' }).then((s) => s.state))).toBe('denied');
    expect(await page.evaluate(() => Notification.requestPermission())).not.toBe('granted');
  });
});

test('native menus: accelerators, Go to each view, the workspace in Open Recent, and Chinese when the UI switches', async () => {
  test.skip(!binary.path, binary.why);
  await withApp(async (app, page, { workspace }) => {
    await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const menu = await readMenu(app);
    const items = menu.flatMap((m) => m.items);
    expect(items.find((i) => i.id === 'add-files')?.accelerator).toBe('CmdOrCtrl+O');
    expect(['corpora', 'train', 'runs', 'explore'].map((v, n) => items.find((i) => i.id === `go-${v}`)?.accelerator)).toEqual(['CmdOrCtrl+1', 'CmdOrCtrl+2', 'CmdOrCtrl+3', 'CmdOrCtrl+4']);
    expect(items.find((i) => i.id === 'open-recent')?.sub).toContain(path.resolve(workspace));
    // Go › Runs shows the Runs view.
    await app.evaluate(({ Menu, BrowserWindow }) => Menu.getApplicationMenu()!.getMenuItemById('go-runs')!.click(undefined, BrowserWindow.getAllWindows()[0], undefined as never));
    await expect(page.getByTestId('view-runs')).toBeVisible();
    // The user switches the UI to Chinese: the menus follow.
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(async () => (await readMenu(app)).map((m) => m.label).join(' ')).toContain('文件');
  });
});

test('the window reopens where it was left, and the dark theme follows the OS', async () => {
  test.skip(!binary.path, binary.why);
  await withApp(async (app, page, { workspace, userData }) => {
    await page.waitForLoadState('domcontentloaded');
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setBounds({ x: 60, y: 70, width: 1100, height: 720 }));
    await page.waitForTimeout(1000); // the place is saved once moves settle
    await app.close();
    const again = await launch(workspace, userData);
    try {
      const window = await again.firstWindow();
      await window.waitForLoadState('domcontentloaded');
      const bounds = await again.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getNormalBounds());
      expect([bounds.width, bounds.height]).toEqual([1100, 720]);
      // The OS turns dark: the page's colours follow.
      const background = () => window.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
      await again.evaluate(({ nativeTheme }) => void (nativeTheme.themeSource = 'light'));
      const light = await background();
      await again.evaluate(({ nativeTheme }) => void (nativeTheme.themeSource = 'dark'));
      await expect.poll(background).not.toBe(light);
    } finally {
      await again.close();
    }
  });
});

test('a second launch with a file focuses the first window, which opens the file to import it', async () => {
  test.skip(!binary.path, binary.why);
  await withApp(async (app, page, { workspace, userData }) => {
    await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const file = path.join(userData, 'opened from the file manager.txt');
    writeFileSync(file, brownNewsText().split('\n').slice(0, 200).join('\n'));
    const second = spawn(binary.path!, [repoRoot, ...sandboxArgs, file], { env: { ...process.env, NLP_STUDIO_WORKSPACE: workspace, NLP_STUDIO_USER_DATA: userData }, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code, 'the second instance quits at once').toBe(0);
    await expect(page.getByTestId('file-preview')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('file-preview')).toContainText('opened from the file manager.txt');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
