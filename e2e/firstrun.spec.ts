// The first-run guide, end to end in the browser: an empty workspace shows the guide; the "word vectors" chapter
// imports its Brown-corpus sample and fills the Train view with its preset; Start trains it to completion; the
// chapter's note of what to look at is shown. With corpora, the guide hides behind a Samples button.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { screenshotDir } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('empty workspace → guide → word vectors → preset → Start → run completes → what to look at', async ({ page }) => {
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `firstrun-${name}.png`) });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');

  // The empty Corpora view opens on the guide, every chapter with its data's credit.
  const guide = page.getByTestId('first-run-guide');
  await expect(guide).toBeVisible();
  await expect(page.getByTestId('guide-chapter-word-vectors')).toContainText('Word vectors');
  await expect(page.getByTestId('guide-chapter-recurrent-classifier')).toContainText('brown-genres-2k.csv');
  await expect(page.getByTestId('guide-chapter-translation')).toContainText('Tatoeba');
  await expect(page.getByTestId('guide-chapter-word-vectors').getByTestId('guide-credit')).toContainText(/Brown Corpus.*redistribution permitted/);
  await shot('1-guide');

  await page.getByTestId('guide-take-word-vectors').click();
  // The Train view, its form holding the chapter's corpus and preset (not the defaults: dim 100, 5 epochs).
  await expect(page.getByTestId('view-train')).toBeVisible();
  await expect(page.getByTestId('train-model')).toHaveValue('word2vec');
  await expect(page.getByTestId('train-corpus').locator('option:checked')).toHaveText(/Sample: Word vectors/);
  await expect(page.getByTestId('w2v-dim')).toHaveValue('50');
  await expect(page.getByTestId('w2v-epochs')).toHaveValue('15');
  await expect(page.getByTestId('w2v-minCount')).toHaveValue('3');
  await expect(page.getByTestId('sample-note-start')).toBeVisible();
  await shot('2-preset');

  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('sample-note-look')).toContainText(/Explore/);
  await expect(page.getByTestId('train-summary')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('sample-note').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('sample-note-look')).toBeVisible();
  await shot('3-done');

  // The corpus is in the workspace: the guide now waits behind the Samples button, and comes back from it.
  await page.getByTestId('sample-note-dismiss').click();
  await expect(page.getByTestId('sample-note')).toHaveCount(0);
  await page.getByTestId('nav-corpora').click();
  await expect(page.getByTestId('corpus-list')).toContainText('Sample: Word vectors');
  await expect(guide).toHaveCount(0);
  await page.getByTestId('show-samples').click();
  await expect(guide).toBeVisible();
  await shot('4-samples-button');
  await page.getByTestId('guide-hide').click();
  await expect(guide).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
