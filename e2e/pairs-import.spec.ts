// Sentence pairs in the browser: the translation import form against `nlp-studio serve`.
import { test } from '@playwright/test';
import path from 'node:path';
import { screenshotDir } from './flow';
import { runPairsImport } from './pairs-import';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('drop sentence pairs, see their issues, filter them out and import; aligned files offered as one pair', async ({ page }) => {
  await page.goto(host.url);
  await runPairsImport(page, (name) => page.screenshot({ path: path.join(screenshotDir, `web-pairs-${name}.png`) }));
});
