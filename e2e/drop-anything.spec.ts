// Drop anything anywhere: a file dropped on any view is imported as what it is (file.identify). A classifier is
// trained and its embedding layer explored; its exported zip, dropped on the Corpora view, comes back as a model run
// shown in Runs; a small .vec dropped on the Runs view becomes a vectors run opened in Explore; random bytes are
// refused naming the file. The overlay says what each kind of file becomes.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { topicsCsv } from './corpus';
import { dropFiles, importByDrop, screenshotDir, trainClassifier } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

/** A fastText-style .vec: a header, then 30 words × 4 dimensions in two clear groups (seeded). */
function smallVec(): string {
  const lines = ['30 4'];
  for (let i = 0; i < 30; i++) {
    const group = i % 2 === 0 ? [1, 0.2, 0, 0] : [0, 0, 1, 0.3];
    lines.push([`w${i}`, ...group.map((g, k) => (g + Math.sin(i * 3 + k) * 0.05).toFixed(4))].join(' '));
  }
  return lines.join('\n') + '\n';
}

test('drop a model zip, a .vec and a binary file anywhere; explore a classifier’s embeddings', async ({ page }) => {
  test.setTimeout(420_000);
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `drop-${name}.png`) });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');

  // The overlay while files are over the window.
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: await page.evaluateHandle(() => { const dt = new DataTransfer(); dt.items.add(new File(['x'], 'x.zip')); return dt; }) });
  await expect(page.getByTestId('drop-overlay')).toContainText('A model .zip exported by NLP Studio');
  await shot('1-overlay');
  await page.dispatchEvent('body', 'drop', { dataTransfer: await page.evaluateHandle(() => new DataTransfer()) });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);

  // A .vec dropped on the Runs view: a vectors run, opened in Explore.
  await page.getByTestId('nav-runs').click();
  await dropFiles(page, [{ name: 'tiny.vec', bytes: Buffer.from(smallVec()) }]);
  await expect(page).toHaveURL(/#\/explore\/r-/, { timeout: 60_000 });
  await expect(page.getByTestId('explore-vocab-size')).toHaveText('30');
  await page.getByTestId('neighbors-word').fill('w0');
  await page.getByTestId('neighbors-submit').click();
  // Even-numbered words share a direction: w0's nearest neighbours are all even.
  const words = await page.getByTestId('neighbors-results-item').evaluateAll((items) => items.slice(0, 5).map((i) => i.getAttribute('data-word')));
  expect(words.every((w) => Number(w!.slice(1)) % 2 === 0), words.join()).toBe(true);
  await shot('2-vectors-explored');

  // Random bytes: refused, naming the file.
  await dropFiles(page, [{ name: 'blob.dat', bytes: Buffer.from(Uint8Array.from({ length: 2000 }, (_, i) => (i * 131 + 7) % 256)) }]);
  await expect(page.getByTestId('drop-status')).toContainText('blob.dat holds binary data');
  await shot('3-unknown');
  await page.getByTestId('drop-status').getByTestId('error-dismiss').click();
  await expect(page.getByTestId('drop-status')).toHaveCount(0);

  // A labelled CSV dropped goes to the corpus import, as before; a tiny classifier on it.
  await importByDrop(page, { name: 'topics.csv', bytes: Buffer.from(topicsCsv(160, 5)) }, 'classification');
  await trainClassifier(page, { emb: 8, hidden: 8, epochs: 2, batch: 16 }, 240_000);
  await page.getByTestId('train-open-run').click();
  const classifierId = await page.getByTestId('run-detail').getAttribute('data-id');

  // Its embedding layer in Explore, from the run's own link.
  await page.getByTestId('run-explore-embeddings').click();
  await expect(page.getByTestId('explore-layer')).toContainText('embedding');
  await expect(page.getByTestId('explore-run')).toHaveValue(classifierId!);
  await expect(page.getByTestId('explore-run').locator('option:checked')).toContainText('· embedding');
  await page.getByTestId('neighbors-word').fill('rain');
  await page.getByTestId('neighbors-submit').click();
  await expect(page.getByTestId('neighbors-results-item')).toHaveCount(10);
  await shot('4-classifier-embeddings');

  // Export it, then drop the zip on the Corpora view: a model run, shown in Runs.
  await page.getByTestId('nav-runs').click();
  await page.locator(`[data-testid="run-item"][data-id="${classifierId}"]`).getByTestId('run-open').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-create').click();
  const zip = readFileSync(await (await download).path());
  await page.getByTestId('nav-corpora').click();
  await dropFiles(page, [{ name: 'topics-classifier.zip', bytes: zip }]);
  await expect(page.getByTestId('run-detail')).toContainText('(imported)', { timeout: 60_000 });
  await expect(page).toHaveURL(/#\/runs\/r-/);
  expect(await page.getByTestId('run-detail').getAttribute('data-id')).not.toBe(classifierId);
  await expect(page.getByTestId('file-preview')).toHaveCount(0); // not offered to the corpus import
  await shot('5-model-imported');

  expect(pageErrors).toEqual([]);
});
