// Recurrent models in the browser: drop a labelled CSV, import it for classification, train a small LSTM classifier
// while its curves grow, read the confusion matrix, try it in the playground, and export the model.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { topicsCsv } from './corpus';
import { dropFiles, screenshotDir } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('import labelled data, train a classifier, read its confusion matrix, try it and export it', async ({ page }) => {
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `web-classifier-${name}.png`) });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');

  await dropFiles(page, [{ name: 'topics.csv', bytes: Buffer.from(topicsCsv(450, 11)) }]);
  await expect(page.getByTestId('file-preview')).toBeVisible();
  await page.getByTestId('import-task').selectOption('classification');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('corpus-task')).toContainText(/classification/i, { timeout: 60_000 });
  await expect(page.getByTestId('stat-documents')).toContainText('450');

  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-model').selectOption('classifier');
  // Without other labelled corpora, validation and test are random shares of this one.
  await expect(page.getByTestId('train-val-corpus')).toHaveValue('');
  await page.getByTestId('rnn-emb').fill('16');
  await page.getByTestId('rnn-hidden').fill('16');
  await page.getByTestId('training-epochs').fill('6');
  await page.getByTestId('training-batch').fill('16');
  await page.getByTestId('training-lr').fill('0.01');
  await expect(page.getByTestId('model-summary')).toBeVisible();
  await page.getByTestId('train-start').click();
  await expect.poll(async () => Number(await page.getByTestId('chart-loss').getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(2);
  await shot('1-training');
  await expect(page.getByTestId('train-summary')).toBeVisible({ timeout: 150_000 });

  await page.getByTestId('train-open-run').click();
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  await expect(page.getByTestId('per-class-table')).toBeVisible();
  const accuracy = Number((await page.getByTestId('test-accuracy').innerText()).replace(/[^0-9.]/g, ''));
  expect(accuracy, 'test accuracy (%) of a cue-word task').toBeGreaterThan(60);
  await page.getByTestId('playground-input').fill('the storm and the rain today');
  await page.getByTestId('playground-submit').click();
  await expect(page.getByTestId('playground-label')).toHaveText('weather');
  await shot('2-report');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-create').click();
  const zip = readFileSync(await (await download).path());
  expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  expect(zip.includes(Buffer.from('model/model.json'))).toBe(true);
  expect(pageErrors).toEqual([]);
});
