// The training curves as people read them: TensorBoard's smoothing (raw faint behind), a log loss axis, ratios on
// 0–100 % unless zoomed, human metric names with units, and the settings kept per browser across a reload.
import { test, expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import path from 'node:path';
import { metricNames } from '../renderer/src/models/metric-names';
import { dropFiles, screenshotDir } from './flow';
import { cueWordsCsv } from './corpus';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

/** Any camelCase metric key as the engine spells it (`valLoss`, `tokensPerSec`, `macroF1`), as a whole word. */
const camelKeys = metricNames.flatMap(({ key }) => [key, `val${key[0].toUpperCase()}${key.slice(1)}`]).filter((k) => /[A-Z]/.test(k));
const rawKeys = new RegExp(`\\b(${camelKeys.join('|')})\\b`);
async function expectNoRawKeys(page: Page): Promise<void> {
  // The visible text and the charts' accessible descriptions and axis titles.
  const texts = await page.locator('main').evaluate((main) => [
    (main as HTMLElement).innerText,
    ...[...main.querySelectorAll('[aria-label], [data-y-title]')].map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('data-y-title') ?? ''}`),
  ]);
  const found = texts.flatMap((text) => [...text.matchAll(new RegExp(rawKeys, 'g'))].map((m) => text.slice(Math.max(0, m.index - 40), m.index + 40)));
  expect(found, 'metric keys shown raw, in context').toEqual([]);
}
const num = async (chart: Locator, attribute: string) => Number(await chart.getAttribute(attribute));

/** Two topics told apart by one cue word among shared filler words. */
const sportOrWeatherCsv = () =>
  cueWordsCsv({
    cues: { weather: ['rain', 'storm', 'sunny', 'wind'], sport: ['goal', 'match', 'team', 'coach'] },
    filler: ['the', 'a', 'today', 'was', 'very', 'and', 'we', 'saw'],
    rows: 240,
    fillerWords: 5,
    cuesPerRow: 1,
    seed: 5,
  });

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('curves: smoothing, log scale, 0–100 % ratios with zoom, human labels; kept across a reload', async ({ page }) => {
  // The view scrolls inside its own pane: bring the controls and the curves into sight first.
  const shot = async (name: string) => {
    await page.getByTestId('chart-controls').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, `web-charts-${name}.png`) });
  };
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');

  await dropFiles(page, [{ name: 'topics.csv', bytes: Buffer.from(sportOrWeatherCsv()) }]);
  await page.getByTestId('import-task').selectOption('classification');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('stat-documents')).toContainText('240', { timeout: 60_000 });

  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-model').selectOption('classifier');
  await page.getByTestId('rnn-emb').fill('8');
  await page.getByTestId('rnn-hidden').fill('8');
  await page.getByTestId('training-epochs').fill('3');
  await page.getByTestId('training-batch').fill('8');
  await page.getByTestId('training-lr').fill('0.01');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-summary')).toBeVisible({ timeout: 150_000 });

  const loss = page.getByTestId('chart-loss');
  const ratios = page.getByTestId('chart-metrics');
  await expect(loss).toHaveAttribute('data-y-title', 'Loss (nats)');
  await expect(loss).toHaveAttribute('aria-label', /curves Loss, Validation loss$/);
  await expect(ratios).toHaveAttribute('data-y-title', 'Accuracy · Macro F1 (%)');
  await expect(page.getByTestId('chart-lr')).toHaveAttribute('data-y-title', 'Learning rate');

  // TensorBoard's default 0.6: loss and validation loss each drawn raw (faint) and smoothed.
  await expect(page.getByTestId('chart-smoothing-value')).toHaveText('0.60');
  await expect(loss).toHaveAttribute('data-datasets', '4');
  const smoothedLast = await num(loss, 'data-last');
  await shot('1-smoothed');

  await page.getByTestId('chart-smoothing').fill('0');
  await expect(page.getByTestId('chart-smoothing-value')).toHaveText('0.00');
  await expect(loss).toHaveAttribute('data-datasets', '2');
  const rawLast = await num(loss, 'data-last');
  expect(rawLast, 'the last raw loss differs from the smoothed one').not.toBeCloseTo(smoothedLast, 6);

  await page.getByTestId('chart-smoothing').fill('0.95');
  await expect(page.getByTestId('chart-smoothing-value')).toHaveText('0.95');
  await expect(loss).toHaveAttribute('data-datasets', '4');
  const verySmooth = await num(loss, 'data-last');
  // The loss falls: the heavier the smoothing, the more the last value lags above the raw one.
  expect(verySmooth).toBeGreaterThan(smoothedLast);
  expect(smoothedLast).toBeGreaterThan(rawLast);

  // Ratios on 0–1 (0–100 %) until zoomed to the data.
  await expect(ratios).toHaveAttribute('data-y-min', '0');
  await expect(ratios).toHaveAttribute('data-y-max', '1');
  await page.getByTestId('chart-zoom').check();
  await expect.poll(async () => (await num(ratios, 'data-y-min')) > 0 || (await num(ratios, 'data-y-max')) < 1).toBe(true);

  await page.locator('label', { has: page.getByTestId('chart-scale-log') }).click();
  await expect(loss).toHaveAttribute('data-scale', 'log');
  await expect(ratios).toHaveAttribute('data-scale', 'linear'); // the switch is for loss-like curves only
  await expectNoRawKeys(page);
  await shot('2-log-zoomed');

  // The settings are the browser's: after a reload the run's page shows the same.
  await page.getByTestId('train-open-run').click();
  await page.reload();
  await expect(page.getByTestId('chart-smoothing-value')).toHaveText('0.95');
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-scale', 'log');
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-datasets', '4');
  await expect(page.getByTestId('chart-zoom')).toBeChecked();
  await expect.poll(() => num(page.getByTestId('chart-loss'), 'data-points')).toBeGreaterThan(2);
  await expectNoRawKeys(page);
  await shot('3-run-detail');
  expect(pageErrors).toEqual([]);
});
