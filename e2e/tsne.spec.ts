// t-SNE in the embedding explorer: a word2vec run on Brown news text, then t-SNE picked from the method selector. While
// the layout is computed in the engine's worker thread, a progress bar with Cancel replaces the picture's caption and
// the old picture stays; Cancel goes back to it; a second try ends with the t-SNE picture.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { brownNewsText } from './corpus';
import { brownNewsThird, importByDrop, screenshotDir, trainWord2vec } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('t-SNE: progress bar in place of the caption, Cancel keeps the old picture, then the t-SNE picture', async ({ page }) => {
  test.setTimeout(420_000);
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `tsne-${name}.png`) });
  const pageErrors: string[] = [];
  let step = 'start';
  page.on('pageerror', (e) => pageErrors.push(`${step}: ${e.message} ${e.stack ?? ''}`.slice(0, 1500)));
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');

  await importByDrop(page, brownNewsThird(brownNewsText()));
  step = 'train';
  await trainWord2vec(page, { dim: 20, epochs: 3, minCount: 3 });
  step = 'explore';
  await page.getByTestId('train-explore').click();

  const explorer = page.getByTestId('explorer');
  const canvas = page.getByTestId('explorer-canvas');
  step = 'limit';
  await page.getByTestId('explorer-limit').selectOption('1000');
  await expect(canvas).toHaveAttribute('data-method', 'pca', { timeout: 60_000 });
  await expect.poll(async () => Number(await canvas.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(100);
  const points = Number(await canvas.getAttribute('data-points'));
  await explorer.scrollIntoViewIfNeeded();
  const caption = explorer.locator('.summary');
  await expect(caption).toContainText('PCA 2-D');

  step = 'pick t-SNE';
  // Beyond t-SNE's limit the point counts are not offered.
  await page.getByTestId('explorer-method').selectOption('tsne');
  await expect(page.getByTestId('explorer-limit').locator('option[value="10000"]')).toBeDisabled();
  await expect(page.getByTestId('explorer-perplexity')).toHaveValue('30');
  await expect(page.getByTestId('explorer-iterations')).toHaveValue('1000');

  // The first try is cancelled: the bar goes, the PCA picture and its caption come back, the selector with them.
  const progress = page.getByTestId('explorer-progress');
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(caption).toHaveCount(0);
  await expect(progress).toContainText(/t-SNE of [\d,]+ words \(2-D\)/);
  step = 'cancel';
  await page.getByTestId('explorer-cancel').click();
  await expect(progress).toHaveCount(0, { timeout: 15_000 });
  await expect(caption).toContainText('PCA 2-D');
  await expect(page.getByTestId('explorer-method')).toHaveValue('pca');
  await expect(canvas).toHaveAttribute('data-method', 'pca');
  await expect(explorer.getByRole('alert')).toHaveCount(0);

  step = 'again';
  // Again, with 500 iterations: the bar advances while the old picture stays drawn.
  await page.getByTestId('explorer-method').selectOption('tsne');
  await page.getByTestId('explorer-iterations').selectOption('500');
  await expect(progress).toBeVisible({ timeout: 30_000 });
  const bar = progress.getByRole('progressbar');
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 120_000 }).toBeGreaterThan(30);
  await expect(progress).toContainText('optimising the layout');
  await expect(canvas).toHaveAttribute('data-method', 'pca');
  expect(Number(await canvas.getAttribute('data-points'))).toBe(points);
  await shot('progress');

  step = 'wait picture';
  await expect(progress).toHaveCount(0, { timeout: 300_000 });
  step = 'picture';
  await expect(canvas).toHaveAttribute('data-method', 'tsne');
  await expect(caption).toContainText(`${points.toLocaleString('en-US')} most frequent words · t-SNE 2-D`);
  expect(Number(await canvas.getAttribute('data-points'))).toBe(points);
  await page.waitForTimeout(800); // the canvas animates into the new layout
  await shot('picture');
  // Only the explorer's part is this spec's to judge (import and training have their own specs).
  expect(pageErrors.filter((e) => !/^(start|train|explore):/.test(e))).toEqual([]);
});
