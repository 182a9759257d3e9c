// Training that goes wrong says so in the browser: a word2vec run with too high a learning rate stops with
// "Training diverged" and what to try (instead of completing with NaN vectors), and the data checks' warnings
// (here: min-count dropping words) appear in the Train view when a run starts.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { dropFiles, screenshotDir } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

/** 300 lines over eight words, and one word ("rare") used once. */
function smallCorpus(): string {
  const words = ['king', 'queen', 'man', 'woman', 'apple', 'pear', 'dog', 'cat'];
  const lines = Array.from({ length: 300 }, (_, i) => Array.from({ length: 10 }, (_, j) => words[(i * 7 + j * 3 + (i >> 2)) % words.length]).join(' '));
  lines[0] += ' rare';
  return lines.join('\n') + '\n';
}

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('a diverging word2vec run stops with the message and suggestions; data warnings are shown', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('nav-corpora').click();
  await dropFiles(page, [{ name: 'words.txt', bytes: Buffer.from(smallCorpus()) }]);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('corpus-detail')).toBeVisible({ timeout: 60_000 });

  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-model').selectOption('word2vec');
  await page.getByTestId('w2v-dim').fill('100');
  await page.getByTestId('w2v-epochs').fill('20');
  await page.getByTestId('w2v-minCount').fill('2');
  await page.getByTestId('w2v-alpha').fill('1');
  await page.getByTestId('train-start').click();

  await expect(page.getByTestId('train-warning')).toContainText('min-count 2 keeps 8 of the 9 distinct words');
  const error = page.getByTestId('error');
  await expect(error).toHaveAttribute('data-error-name', 'DivergedError', { timeout: 60_000 });
  await expect(error).toContainText('Training diverged');
  await expect(page.getByTestId('error-message')).toContainText(/the training loss (became NaN|became infinite|exploded).*lower alpha/);
  await page.screenshot({ path: path.join(screenshotDir, 'web-diverged.png') });

  // The run is failed, not completed, and kept no vectors.
  const runs = await page.evaluate(() => (window as any).studio.runs.list());
  expect(runs).toHaveLength(1);
  expect(runs[0].status).toBe('failed');
  expect(runs[0].error.name).toBe('DivergedError');
});
