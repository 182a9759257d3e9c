import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const script = path.join(import.meta.dirname, '..', '..', 'scripts', 'start.mjs');

function plan(env: Record<string, string | undefined>): { mode: string; electron: string | null; why: string | null } {
  const base: Record<string, string | undefined> = { ...process.env, NLP_STUDIO_START_DRY_RUN: '1', DISPLAY: undefined, WAYLAND_DISPLAY: undefined, ELECTRON_OVERRIDE_DIST_PATH: undefined };
  const out = execFileSync(process.execPath, [script], { env: { ...base, ...env } as NodeJS.ProcessEnv, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

test('start.mjs picks the desktop app only when the Electron binary exists and a display is there', { skip: process.platform === 'win32' || process.platform === 'darwin' }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-electron-'));
  try {
    const missing = plan({ ELECTRON_OVERRIDE_DIST_PATH: dir });
    assert.equal(missing.mode, 'web');
    assert.equal(missing.electron, null);
    assert.match(missing.why!, /not installed.*npx install-electron/s);
    await writeFile(path.join(dir, 'electron'), '');
    assert.equal(plan({ ELECTRON_OVERRIDE_DIST_PATH: dir, DISPLAY: ':0' }).mode, 'electron');
    const headless = plan({ ELECTRON_OVERRIDE_DIST_PATH: dir });
    assert.equal(headless.mode, 'web');
    assert.match(headless.why!, /no display/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
