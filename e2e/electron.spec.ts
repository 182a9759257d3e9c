// The same flow in the Electron app, with Playwright's (experimental) Electron launcher. Runs where the Electron
// binary is installed; elsewhere it is skipped and says why. The binary comes from electron's own installer,
// which downloads from outside the npm registry, so it is absent on offline machines and in this project's CI.
import { test, _electron as electron } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
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

test('import, train, explore and export word2vec in the desktop app', async () => {
  test.skip(!binary.path, binary.why);
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-electron-'));
  const app = await electron.launch({
    executablePath: binary.path!,
    args: [repoRoot, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, NLP_STUDIO_WORKSPACE: workspace, NLP_STUDIO_E2E: '1' },
  });
  try {
    const page = await app.firstWindow();
    await runStudioFlow(page, 'electron', brownNewsText());
  } finally {
    await app.close();
    await rm(workspace, { recursive: true, force: true });
  }
});
