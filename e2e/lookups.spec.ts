// Lookups use the model's own normalisation, in the browser: a word2vec run on lower-cased Brown text answers
// "President" in the neighbours box and the explorer's search; a classifier's playground marks the words it does
// not know and warns when they are most of the text.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { brownNewsText, topicsCsv } from './corpus';
import { brownNewsThird, importByDrop, screenshotDir, trainClassifier, trainWord2vec } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('a lower-cased word2vec run finds "President" in the neighbours box and the explorer', async ({ page }) => {
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `web-lookups-${name}.png`) });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');

  // A third of Brown's news category: enough for "president" to have neighbours, quick to train.
  await importByDrop(page, brownNewsThird(brownNewsText()));
  await trainWord2vec(page, { dim: 20, epochs: 3, minCount: 3 });
  await page.getByTestId('train-explore').click();

  // The neighbours box: "President" is looked up as "president".
  await page.getByTestId('neighbors-word').fill('President');
  await page.getByTestId('neighbors-submit').click();
  const items = page.getByTestId('neighbors-results-item');
  await expect(items).toHaveCount(10);
  expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-word')))).not.toContain('president');
  // A word that is not there says what was looked up.
  await page.getByTestId('neighbors-word').fill('Qqqzzxx');
  await page.getByTestId('neighbors-submit').click();
  // The error is told in the card whose button made the call, and the previous answer stays, still saying whose it is.
  const card = page.getByTestId('neighbors-card');
  await expect(card.getByTestId('error')).toContainText('"Qqqzzxx" is not in the vocabulary (looked up "qqqzzxx")');
  await expect(page.getByTestId('error')).toHaveCount(1);
  await expect(items).toHaveCount(10);
  await expect(card).toContainText('Closest to President');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotDir, 'web-lookups-0-error-in-place.png') });
  await page.getByTestId('neighbors-word').fill('President');
  await page.getByTestId('neighbors-submit').click();
  await expect(items).toHaveCount(10);

  // The explorer's search normalises the same way.
  const canvas = page.getByTestId('explorer-canvas');
  await expect.poll(async () => Number(await canvas.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(100);
  await page.getByTestId('explorer-search').fill('PRESIDENT');
  await page.getByTestId('explorer-search-submit').click();
  await expect(page.getByTestId('explorer-selected')).toHaveAttribute('data-word', 'president');
  await expect(page.getByTestId('explorer-neighbors-item').first()).toBeVisible();
  await page.getByTestId('explorer-search').fill('Qqqzzxx');
  await page.getByTestId('explorer-search-submit').click();
  await expect(page.getByTestId('explorer-search-miss')).toContainText('(looked up as “qqqzzxx”)');
  await page.getByTestId('neighbors-word').scrollIntoViewIfNeeded();
  await shot('1-neighbors');
  await page.getByTestId('explorer').scrollIntoViewIfNeeded();
  await shot('2-explorer');
  expect(pageErrors).toEqual([]);
});

test("a classifier's playground marks unknown words and warns when most of the text is unknown", async ({ page }) => {
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `web-lookups-${name}.png`) });
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await importByDrop(page, { name: 'topics.csv', bytes: Buffer.from(topicsCsv(300, 5)) }, 'classification');
  await trainClassifier(page, { emb: 8, hidden: 8, epochs: 2, batch: 32 });
  await page.getByTestId('train-open-run').click();

  // Mostly words the model never saw (typed capitalised: the corpus was lower-cased, so "Storm" is known).
  await page.getByTestId('playground-input').fill('Zorp blurfl quux Storm');
  await page.getByTestId('playground-submit').click();
  await expect(page.getByTestId('playground-label')).toBeVisible();
  const reading = page.getByTestId('input-reading');
  await expect(reading).toHaveAttribute('data-unknown', '3');
  await expect(reading).toHaveAttribute('data-tokens', '4');
  await expect(page.getByTestId('input-unknown')).toHaveText(['zorp', 'blurfl', 'quux']);
  await expect(page.getByTestId('input-unknown-warning')).toContainText('3 of 4 words are not in the model');
  await page.getByTestId('playground').scrollIntoViewIfNeeded();
  await shot('3-playground-unknown');

  // Known words: no marks, no warning.
  await page.getByTestId('playground-input').fill('The Rain and the Storm');
  await page.getByTestId('playground-submit').click();
  await expect(reading).toHaveAttribute('data-unknown', '0');
  await expect(page.getByTestId('input-unknown')).toHaveCount(0);
  await expect(page.getByTestId('input-unknown-warning')).toHaveCount(0);
});
