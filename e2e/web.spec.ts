// The whole flow in Debian's Chromium against `nlp-studio serve`.
import { test, expect } from '@playwright/test';
import { brownNewsText } from './corpus';
import { runStudioFlow } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('without the token the web host answers 401', async ({ request }) => {
  const bare = new URL(host.url);
  bare.search = '';
  const response = await request.get(bare.toString());
  expect(response.status()).toBe(401);
});

test('import, train, explore and export word2vec in the browser', async ({ page }) => {
  await page.goto(host.url);
  await runStudioFlow(page, 'web', brownNewsText());
});
