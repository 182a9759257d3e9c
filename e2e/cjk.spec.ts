// Chinese renders with the shipped font (@fontsource/noto-sans-sc) in Debian's Chromium, which has no CJK system
// font here: drop a small Chinese corpus, import it, and see its name and its top-words chart drawn in Noto Sans SC,
// whose woff2 slices the web host served from our own origin.
import { test, expect } from '@playwright/test';
import type { Response } from '@playwright/test';
import path from 'node:path';
import { dropFiles, screenshotDir } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

/** A few segmented Chinese sentences (space-separated words, as many Chinese corpora come), written for this test. */
const chineseCorpus = [
  '我们 今天 学习 中文 。',
  '中文 的 词语 很 有意思 。',
  '我们 喜欢 阅读 中文 书籍 。',
  '今天 的 天气 很 好 ， 我们 去 公园 。',
  '学习 语言 需要 时间 和 耐心 。',
  '他 每天 阅读 新闻 和 小说 。',
  '老师 说 我们 的 中文 进步 很 快 。',
  '这个 模型 学习 词语 的 向量 。',
].join('\n');

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('a Chinese corpus: its name and top words render in the shipped Noto Sans SC, served as woff2 from our origin', async ({ page }) => {
  const fontResponses: Response[] = [];
  page.on('response', (r) => {
    if (/\/assets\/noto-sans-sc-[^/]*\.woff2(\?|$)/.test(new URL(r.url()).pathname)) fontResponses.push(r);
  });
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  // An English UI fetches no CJK slice: the system fonts draw every Latin glyph.
  await page.evaluate(() => document.fonts.ready);
  expect(fontResponses.map((r) => r.url())).toEqual([]);

  await page.getByTestId('nav-corpora').click();
  await dropFiles(page, [{ name: '中文语料.txt', bytes: Buffer.from(chineseCorpus, 'utf8') }]);
  await expect(page.getByTestId('file-preview')).toBeVisible();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('corpus-detail')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#corpus-title')).toHaveText('中文语料.txt');
  const chart = page.getByTestId('chart-top-words');
  await expect(chart).toBeVisible();
  // The chart's accessible text lists the Chinese top words, so the canvas is drawing them.
  await expect(chart).toHaveAttribute('aria-label', /中文/);

  // The slices the page needed arrived, and the face for '中文' is loaded (check() alone is true when no face matches).
  await expect.poll(() => page.evaluate(() => document.fonts.check('16px "Noto Sans SC"', '中文'))).toBe(true);
  const loadedFaces = await page.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'Noto Sans SC' && f.status === 'loaded').length);
  expect(loadedFaces).toBeGreaterThan(0);
  expect(fontResponses.length).toBeGreaterThan(0);
  for (const r of fontResponses) {
    expect(r.status(), r.url()).toBe(200);
    expect(r.headers()['content-type']).toBe('font/woff2');
    expect(new URL(r.url()).origin).toBe(new URL(host.url).origin);
  }
  // Only the slices holding these few characters, not the whole font (about 190 files).
  expect(fontResponses.length).toBeLessThan(40);

  // Chromium itself says which font drew the title's glyphs: the shipped one, not a system font.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#corpus-title' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  // The woff2 files name themselves e.g. 'Noto Sans SC Thin SemiBold' (an instance of the variable font).
  const noto = fonts.find((f) => f.isCustomFont && f.familyName.startsWith('Noto Sans SC'));
  expect(noto, JSON.stringify(fonts)).toBeTruthy();
  // '中文语料' are its four CJK glyphs; '.txt' stays in the system font.
  expect(noto!.glyphCount).toBe(4);
  expect(fonts.some((f) => !f.isCustomFont && f.glyphCount === 4)).toBe(true);

  // The font's licence (OFL-1.1) is shipped beside it.
  const licence = await page.evaluate(async () => (await fetch('./assets/noto-sans-sc-OFL.txt')).text());
  expect(licence).toContain('SIL Open Font License, Version 1.1');

  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotDir, 'web-cjk-corpus.png') });
  expect(errors).toEqual([]);
});
