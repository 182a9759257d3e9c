// The engine crash banner in the browser: start a training, kill the engine process from outside (SIGKILL, as the
// OS's out-of-memory killer would), and see the banner name the run, say it was saved, show the engine's last lines;
// the app stays usable (other views, the run list), and the run resumes from its checkpoint.
import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { dropFiles, screenshotDir } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

/** Two labels told apart by a cue word: a small classifier learns it, and one epoch takes a moment. */
function labelledCsv(): string {
  const filler = ['the', 'a', 'today', 'was', 'very', 'and', 'we', 'saw', 'big', 'new', 'old', 'red'];
  let seed = 5;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16) % n;
  const rows = ['text,label'];
  for (let i = 0; i < 600; i++) {
    const label = i % 2 ? 'rain' : 'sun';
    const words = Array.from({ length: 10 }, () => filler[rnd(filler.length)]);
    words.splice(rnd(words.length), 0, label === 'rain' ? 'storm' : 'bright');
    rows.push(`"${words.join(' ')}",${label}`);
  }
  return rows.join('\n') + '\n';
}

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('an engine killed mid-training: a banner with the run and the log, the app usable, the run resumable', async ({ page }) => {
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `web-crash-${name}.png`) });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');

  await dropFiles(page, [{ name: 'weather.csv', bytes: Buffer.from(labelledCsv()) }]);
  await page.getByTestId('import-task').selectOption('classification');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('stat-documents')).toContainText('600', { timeout: 60_000 });

  // A training long enough to be killed in the middle, after its first checkpoint (every epoch end).
  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-model').selectOption('classifier');
  await page.getByTestId('rnn-emb').fill('16');
  await page.getByTestId('rnn-hidden').fill('16');
  await page.getByTestId('training-epochs').fill('500');
  await page.getByTestId('training-batch').fill('16');
  await page.getByTestId('training-patience').fill('0'); // no early stop: it must still be training when killed
  await page.getByTestId('train-name').fill('weather classifier');
  await page.getByTestId('train-start').click();
  const runId = await expect
    .poll(async () => (await page.evaluate(() => (window as any).studio.jobs.list()))[0]?.runId ?? null, { timeout: 60_000 })
    .not.toBeNull()
    .then(async () => (await page.evaluate(() => (window as any).studio.jobs.list()))[0].runId as string);
  await expect.poll(() => existsSync(path.join(host.workspace, 'runs', runId, 'checkpoints', 'last.json')), { timeout: 120_000 }).toBe(true);

  // Kill the engine process from outside (its pid from app.diagnostics), while the run trains.
  expect((await page.evaluate(() => (window as any).studio.jobs.list())).map((j: { runId: string }) => j.runId)).toEqual([runId]);
  const { pid } = await page.evaluate(() => (window as any).studio.app.diagnostics());
  process.kill(pid, 'SIGKILL');

  const banner = page.getByTestId('engine-banner');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('engine-banner-title')).toContainText('was restarted', { timeout: 60_000 });
  await expect(page.getByTestId('engine-banner-error')).toContainText('SIGKILL');
  const job = page.getByTestId('engine-banner-job');
  await expect(job).toHaveCount(1);
  await expect(job).toHaveAttribute('data-run-id', runId);
  await expect(job).toContainText('weather classifier');
  // The new engine found the run left "running" by a dead process and made it resumable from its checkpoint.
  await expect(job).toHaveAttribute('data-run-status', /^(paused|interrupted)$/);
  await expect(job).toContainText('saved at its last checkpoint');
  await page.getByTestId('engine-banner-log').locator('summary').click();
  const log = page.getByTestId('engine-banner-log').locator('pre');
  await expect(log).toContainText('[engine] ready: pid');
  await expect(log).toContainText(`(run ${runId})`);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  // The Train view does not repeat the crash as an error of its own: it shows the run interrupted, resumable.
  await expect(page.getByTestId('train-live')).toHaveAttribute('data-status', 'interrupted');
  await expect(page.getByTestId('train-resume')).toBeVisible();
  await expect(page.locator('[data-testid="error"][data-error-name="EngineCrashedError"]')).toHaveCount(0);
  await shot('1-banner');

  // The app stays usable: other views, the run list (with the run's new status), a corpus's details.
  await page.getByTestId('nav-runs').click();
  const row = page.locator(`[data-testid="run-item"][data-id="${runId}"]`);
  await expect(row).toHaveAttribute('data-status', /^(paused|interrupted)$/);
  await page.getByTestId('nav-corpora').click();
  await expect(page.getByTestId('stat-documents')).toContainText('600');
  await expect(banner).toBeVisible(); // until dismissed

  // Open run, then Resume: training continues from the checkpoint in the new engine.
  await page.getByTestId('engine-banner-open').click();
  await expect(page.getByTestId('run-detail')).toHaveAttribute('data-id', runId);
  await page.getByTestId('engine-banner-resume').click();
  await expect(banner).toBeHidden();
  await expect.poll(async () => (await page.evaluate(() => (window as any).studio.jobs.list())).map((j: { runId: string }) => j.runId), { timeout: 30_000 }).toEqual([runId]);
  await expect(page.getByTestId('chart-loss')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('chart-loss').getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(0);
  await shot('2-resumed');
  const running = await page.evaluate(() => (window as any).studio.jobs.list());
  await page.evaluate((jobId) => (window as any).studio.jobs.cancel({ jobId }), running[0].jobId);
  expect(pageErrors).toEqual([]);
});
