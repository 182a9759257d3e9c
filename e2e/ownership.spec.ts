// One workspace, two processes: while the CLI trains a run in the workspace the web host serves, the browser shows
// who owns the run, cannot delete it, and is refused (with the owner named) when it tries to delete its corpus.
import { test, expect } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { brownNewsText } from './corpus';
import { screenshotDir } from './flow';
import { repoRoot, startWebHost } from './web-host';
import type { WebHost } from './web-host';

const cliEntry = path.join(repoRoot, 'dist/cli/index.cjs');

let host: WebHost;
let trainer: ChildProcess | null = null;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  trainer?.kill('SIGKILL');
  await host?.close();
});

test('a run trained by the CLI is shown as owned, cannot be deleted, and its corpus is kept', async ({ page }) => {
  // A corpus imported by the CLI into the web host's workspace.
  const text = brownNewsText().split('\n').slice(0, 2000).join('\n');
  const file = path.join(host.workspace, '..', `ownership-${process.pid}.txt`);
  writeFileSync(file, text);
  const imported = JSON.parse(execFileSync(process.execPath, [cliEntry, 'import', file, '--workspace', host.workspace, '--json'], { encoding: 'utf8' }).trim().split('\n').at(-1)!) as { corpusId: string };

  // The CLI trains on it for far longer than the test lasts; the test kills it at the end.
  trainer = spawn(process.execPath, [cliEntry, 'train', 'word2vec', '--corpus', imported.corpusId, '--epochs', '1000', '--dim', '20', '--min-count', '1', '--workspace', host.workspace], { stdio: ['ignore', 'ignore', 'pipe'] });
  let trainerErrors = '';
  trainer.stderr!.on('data', (chunk: Buffer) => (trainerErrors += chunk.toString()));
  trainer.once('exit', (code) => code !== null && code !== 0 && console.error(`the CLI training exited with ${code}: ${trainerErrors}`));

  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('nav-runs').click();
  // The list shows what was there when it loaded: refresh until the CLI's run appears.
  const item = page.getByTestId('run-item').first();
  await expect(async () => {
    await page.getByTestId('runs-refresh').click();
    await expect(item).toHaveAttribute('data-status', 'running', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await item.getByTestId('run-open').click();

  // The run says which process holds it; Delete is disabled while it trains.
  await expect(page.getByTestId('run-owner')).toContainText(`pid ${trainer.pid}`);
  await expect(page.getByTestId('run-delete')).toBeDisabled();
  await page.screenshot({ path: path.join(screenshotDir, 'web-ownership-run.png') });

  // Deleting the corpus it trains on is refused by the engine, naming the CLI process.
  await page.getByTestId('nav-corpora').click();
  await page.getByTestId('corpus-item').first().click();
  await page.getByTestId('corpus-delete').click();
  await page.getByTestId('confirm-delete').click();
  // Told beside the Delete button that was pressed, in the corpus's own panel.
  const refusal = page.getByTestId('corpus-detail').getByTestId('error');
  await expect(refusal).toHaveAttribute('data-error-name', 'InUseError');
  await expect(refusal.getByTestId('error-message')).toContainText(`pid ${trainer.pid}`);
  await page.screenshot({ path: path.join(screenshotDir, 'web-ownership-corpus.png') });
  await expect(page.getByTestId('corpus-item')).toHaveCount(1);

  // Once the CLI is gone (killed: a crash), its lock is seen as stale and the run no longer counts as running.
  trainer.kill('SIGKILL');
  await new Promise((resolve) => trainer!.once('exit', resolve));
  await page.getByTestId('nav-runs').click();
  await expect(async () => {
    await page.getByTestId('runs-refresh').click();
    await expect(page.getByTestId('run-item').first()).not.toHaveAttribute('data-status', 'running', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
});
