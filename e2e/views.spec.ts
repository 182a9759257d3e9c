// Every view, in English and in Chinese, in the light and the dark theme: a screenshot of each into
// test-results/screenshots/views-*.png, and axe-core's accessibility check on each with no serious or critical
// violation. The workspace is filled by the CLI first (a word2vec run and a classifier run), so each view shows
// real content; the language switch is the user's, through the UI, and survives a reload.
import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { brownNewsText, topicsCsv } from './corpus';
import { appViews as views, screenshotDir } from './flow';
import { repoRoot, startWebHost } from './web-host';
import type { WebHost } from './web-host';

let host: WebHost;
const cli = (...args: string[]) => execFileSync(process.execPath, [path.join(repoRoot, 'dist/cli/index.cjs'), ...args, '--workspace', host.workspace], { encoding: 'utf8' });
test.beforeAll(async () => {
  host = await startWebHost();
  const text = path.join(host.workspace, '..', `views-${process.pid}.txt`);
  const csv = path.join(host.workspace, '..', `views-${process.pid}.csv`);
  writeFileSync(text, brownNewsText().split('\n').slice(0, 1500).join('\n') + '\n');
  writeFileSync(csv, topicsCsv(240, 3));
  cli('train', 'word2vec', '--corpus', text, '--dim', '16', '--epochs', '1', '--min-count', '2');
  cli('train', 'classifier', '--data', csv, '--arch', 'lstm', '--emb', '8', '--hidden', '8', '--epochs', '2', '--batch', '32');
});
test.afterAll(async () => {
  await host?.close();
});

/** axe-core on the page as it is: WCAG 2.x A and AA rules; any serious or critical violation fails, named. */
async function checkAccessibility(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // Soft: every view is checked and every violation listed, not only the first view's.
  expect.soft(
    bad.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`),
  ).toEqual([]);
}


async function visitEveryView(page: Page, variant: string): Promise<void> {
  for (const { view, ready } of views) {
    await page.getByTestId(`nav-${view}`).click();
    if (view === 'runs') await page.getByTestId('run-open').first().click();
    await expect(page.getByTestId(ready).first()).toBeVisible({ timeout: 30_000 });
    if (view === 'explore') await expect.poll(async () => Number(await page.getByTestId('explorer-canvas').getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(10);
    // The CJK font comes in unicode-range slices, fetched once text needs them: let the page lay out, then wait for
    // every slice it asked for, so the picture shows the glyphs and not the fallback's empty boxes.
    await page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await document.fonts.ready;
    });
    await page.screenshot({ path: path.join(screenshotDir, `views-${variant}-${view}.png`), fullPage: true });
    await checkAccessibility(page, `${view} (${variant})`);
  }
}

test('every view in English and Chinese, light and dark: screenshots and no serious accessibility violation', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await visitEveryView(page, 'en');

  // The user switches to Chinese: the whole UI follows at once, and keeps it after a reload.
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('nav-corpora')).toContainText('语料库');
  await visitEveryView(page, 'zh-CN');
  await page.reload();
  await expect(page.getByTestId('nav-train')).toContainText('训练');

  // The dark theme, as an OS set to dark asks for.
  await page.getByTestId('language').selectOption('en');
  await page.emulateMedia({ colorScheme: 'dark' });
  await visitEveryView(page, 'en-dark');
  expect(pageErrors).toEqual([]);
});
