// The engine's own words in the Chinese UI: what the engine says — why a dropped file is refused, the error that
// names a file and line, the device in the status bar, the progress lines of a training, its data warnings — is shown in Chinese
// (renderer/src/i18n/engine-text.ts matches the engine's English against its templates), while the names in it
// (files, numbers) stay as they are. A screenshot of the training in Chinese: test-results/screenshots/engine-text-*.png.
import { test, expect } from '@playwright/test';
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

const han = /\p{Script=Han}/u;

test('the engine speaks Chinese in the Chinese UI: refusals, file-and-line errors, progress, warnings', async ({ page }) => {
  test.setTimeout(180_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // The device the engine computes on, in the status bar ("CPU（WebAssembly SIMD，2 个线程）").
  await expect(page.getByTestId('status-device')).toContainText(han);

  // A binary file dropped anywhere: the engine's reason, in Chinese, naming the file.
  await dropFiles(page, [{ name: 'blob.dat', bytes: Buffer.from(Uint8Array.from({ length: 2000 }, (_, i) => (i * 131 + 7) % 256)) }]);
  const refused = page.getByTestId('drop-status');
  await expect(refused).toContainText('blob.dat');
  await expect(refused).toContainText(han);
  await expect(refused).not.toContainText('holds binary data');
  await refused.getByTestId('error-dismiss').click();

  // A CSV whose fourth row has no label: the import error names the file and the row, in Chinese.
  const lines = topicsCsv(40, 7).trimEnd().split('\n');
  lines[4] = lines[4].replace(/,[^,]*$/, ',');
  await page.getByTestId('nav-corpora').click();
  await dropFiles(page, [{ name: 'unlabelled-row.csv', bytes: Buffer.from(lines.join('\n') + '\n') }]);
  await expect(page.getByTestId('file-preview')).toBeVisible();
  await page.getByTestId('import-task').selectOption('classification');
  await page.getByTestId('import-start').click();
  const error = page.getByTestId('error-message').first();
  await expect(error).toContainText('unlabelled-row.csv', { timeout: 60_000 });
  await expect(error).toContainText(/第 \d+ 行/);
  await expect(error).not.toContainText('has no label');
  await page.screenshot({ path: path.join(screenshotDir, 'engine-text-import-error.png') });
  await page.getByTestId('remove-file').click();

  // A small classification corpus, trained: the job's progress line is the engine's, in Chinese.
  await dropFiles(page, [{ name: 'topics.csv', bytes: Buffer.from(topicsCsv(90, 3)) }]);
  await expect(page.getByTestId('file-preview')).toBeVisible();
  await page.getByTestId('import-task').selectOption('classification');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('corpus-detail')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-model').selectOption('classifier');
  await page.getByTestId('rnn-emb').fill('8');
  await page.getByTestId('rnn-hidden').fill('8');
  await page.getByTestId('training-epochs').fill('150');
  await page.getByTestId('training-patience').fill('0');
  await page.getByTestId('training-batch').fill('128');
  await page.getByTestId('train-start').click();
  const progress = page.getByTestId('progress-message');
  // Each line the engine sends while training reads in Chinese (the phases, then the epochs).
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        const text = (await progress.textContent())?.trim() ?? '';
        if (text) seen.add(text);
        return [...seen].filter((line) => /epoch/i.test(line)).length === 0 && [...seen].some((line) => /轮/.test(line));
      },
      { timeout: 90_000, intervals: [100] },
    )
    .toBe(true);
  const untranslated = [...seen].filter((line) => !han.test(line));
  expect(untranslated, `progress lines without Chinese: ${untranslated.join(' | ')}`).toEqual([]);
  await page.screenshot({ path: path.join(screenshotDir, 'engine-text-training.png') });
  // The data checks warn that the training split (72 documents) is smaller than a batch (128), in Chinese.
  await expect(page.getByTestId('train-warning').first()).toContainText(han);
  await expect(page.getByTestId('train-summary')).toBeVisible({ timeout: 120_000 });
  expect(pageErrors).toEqual([]);
});
