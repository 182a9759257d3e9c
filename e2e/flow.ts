// The user's flow, shared by the browser and the Electron e2e: drop a corpus on the window, see its stats, train
// word2vec and watch the chart gain points, query neighbours, export, and see the error for a binary file.
// Drops are synthetic DOM events carrying real File objects, in both hosts.
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import path from 'node:path';

export const screenshotDir = path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots');

/** The app's views, each with the test id that shows it is ready (Runs: once a run is opened). */
export const appViews = [
  { view: 'corpora', ready: 'corpus-detail' },
  { view: 'train', ready: 'train-start' },
  { view: 'runs', ready: 'run-detail' },
  { view: 'explore', ready: 'explorer-canvas' },
] as const;

async function shot(page: Page, host: string, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${host}-${name}.png`), fullPage: false });
}

/** Dispatch dragenter/dragover/drop on the window with files built in the page from these bytes. */
export async function dropFiles(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], item.name, { type: 'text/plain' }));
    }
    return dt;
  }, payload);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('body', type, { dataTransfer });
}

export async function runStudioFlow(page: Page, host: 'web' | 'electron', corpusText: string): Promise<void> {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  // The status bar reports the backend the engine chose.
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('status-backend')).toContainText(/wasm|cpu|tensorflow/);

  // 1. Drop a corpus: preview with the detected encoding, import, stats.
  await page.getByTestId('nav-corpora').click();
  await dropFiles(page, [{ name: 'brown-news.txt', bytes: Buffer.from(corpusText, 'utf8') }]);
  await expect(page.getByTestId('file-preview')).toBeVisible();
  await expect(page.getByTestId('preview-encoding')).toContainText(/utf-8/i);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('corpus-detail')).toBeVisible({ timeout: 60_000 });
  // Lines with no word at all (a lone quote mark) are not documents.
  const documents = corpusText.split('\n').filter((line) => /[\p{L}\p{N}]/u.test(line)).length;
  await expect(page.getByTestId('stat-documents')).toContainText(documents.toLocaleString('en-US'));
  await expect(page.getByTestId('chart-top-words')).toBeVisible();
  await shot(page, host, '1-corpus-stats');

  // 2. Train word2vec; the loss chart gains points while it runs.
  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-corpus').selectOption({ label: 'brown-news.txt' }).catch(async () => {
    // the select may already have the only corpus chosen
  });
  await page.getByTestId('w2v-dim').fill('50');
  // Enough epochs (about 1.8 M words) that training lasts several progress intervals even with the SIMD kernels.
  await page.getByTestId('w2v-epochs').fill('20');
  await page.getByTestId('w2v-minCount').fill('3');
  // Every point count the loss chart shows is recorded in the page as it changes, so "the chart grows while the run
  // goes on" holds however fast the run is (a quiet machine trains this in about two seconds, faster than polling).
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { lossPointCounts: number[] }).lossPointCounts = seen;
    new MutationObserver((records) => {
      for (const r of records) if (r.target instanceof Element && r.target.getAttribute('data-testid') === 'chart-loss') seen.push(Number(r.target.getAttribute('data-points')));
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-points'] });
  });
  await page.getByTestId('train-start').click();
  const chart = page.getByTestId('chart-loss');
  await expect(chart).toBeVisible();
  await shot(page, host, '2-training');
  await expect(page.getByTestId('train-summary')).toBeVisible({ timeout: 150_000 });
  // The chart gained points while the run went on: at least two counts above zero were shown before the last.
  const counts = await page.evaluate(() => (window as unknown as { lossPointCounts: number[] }).lossPointCounts);
  expect(new Set(counts.filter((n) => n > 0)).size, `point counts shown: ${counts.join(', ')}`).toBeGreaterThan(1);
  await expect(page.getByTestId('summary-vocabSize')).not.toHaveText('');
  const finalPoints = Number(await chart.getAttribute('data-points'));
  expect(finalPoints).toBeGreaterThan(2);
  await shot(page, host, '3-trained');

  // 3. Explore: neighbours of a frequent word.
  await page.getByTestId('train-explore').click();
  await page.getByTestId('neighbors-word').fill('president');
  await page.getByTestId('neighbors-submit').click();
  const items = page.getByTestId('neighbors-results-item');
  await expect(items).toHaveCount(10);
  const words = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-word')));
  expect(words).not.toContain('president');
  // An unknown word is a clear error, not a crash.
  await page.getByTestId('neighbors-word').fill('qqqzzzxxx');
  await page.getByTestId('neighbors-submit').click();
  await expect(page.getByTestId('error')).toContainText('qqqzzzxxx');
  await page.getByTestId('neighbors-word').fill('president');
  await page.getByTestId('neighbors-submit').click();
  await expect(items).toHaveCount(10);
  await shot(page, host, '4-explore');

  // The embedding explorer: a PCA picture of the vocabulary; searching a word selects it and lists its neighbours.
  const canvas = page.getByTestId('explorer-canvas');
  await expect.poll(async () => Number(await canvas.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(1000);
  await expect(canvas).toHaveAttribute('data-method', 'pca');
  await page.getByTestId('explorer-search').fill('president');
  await page.getByTestId('explorer-search-submit').click();
  await expect(page.getByTestId('explorer-selected')).toHaveAttribute('data-word', 'president');
  await expect(page.getByTestId('explorer-neighbors-item').first()).toBeVisible();
  await page.getByTestId('explorer').scrollIntoViewIfNeeded();
  await shot(page, host, '4b-explorer');

  // 4. Export in word2vec text format.
  await page.getByTestId('export-format').selectOption('word2vec-text');
  if (host === 'web') {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-create').click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const header = readFileSync(file, 'utf8').split('\n')[0].split(' ').map(Number);
    expect(header[1]).toBe(50);
    expect(header[0]).toBeGreaterThan(100);
  } else {
    await page.getByTestId('export-create').click();
  }
  await expect(page.getByTestId('export-result')).toBeVisible();
  await shot(page, host, '5-export');

  // 5. A binary file gets an error naming it, and no corpus is added.
  await page.getByTestId('nav-corpora').click();
  const corporaBefore = await page.getByTestId('corpus-item').count();
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 37) % 256;
  await dropFiles(page, [{ name: 'weights.bin', bytes: binary }]);
  await expect(page.getByTestId('error')).toContainText('weights.bin');
  await expect(page.getByTestId('error')).toHaveAttribute('data-error-name', 'ImportError');
  await expect(page.getByTestId('corpus-item')).toHaveCount(corporaBefore);
  await shot(page, host, '6-binary-error');

  expect(consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
}

/**
 * The steps several specs share to get a run through the UI, as a user does: drop a file on the Corpora view and
 * import it (for `task` when given), then set a few settings in the Train view and wait for the run to finish.
 */
export async function importByDrop(page: Page, file: { name: string; bytes: Buffer }, task?: 'classification' | 'tagging' | 'translation'): Promise<void> {
  await page.getByTestId('nav-corpora').click();
  await dropFiles(page, [file]);
  await expect(page.getByTestId('file-preview')).toBeVisible();
  if (task) await page.getByTestId('import-task').selectOption(task);
  await page.getByTestId('import-start').click();
  if (task) await expect(page.getByTestId('corpus-task')).toContainText(new RegExp(task, 'i'), { timeout: 60_000 });
  else await expect(page.getByTestId('corpus-detail')).toBeVisible({ timeout: 60_000 });
}

/** A third of Brown's news category: enough for common words to have neighbours, quick to train. */
export const brownNewsThird = (text: string): { name: string; bytes: Buffer } => {
  const lines = text.split('\n');
  return { name: 'brown-part.txt', bytes: Buffer.from(lines.slice(0, Math.ceil(lines.length / 3)).join('\n') + '\n') };
};

/** Train word2vec on the selected corpus with a small model, until the run's summary shows. */
export async function trainWord2vec(page: Page, settings: { dim: number; epochs: number; minCount: number }): Promise<void> {
  await page.getByTestId('nav-train').click();
  await page.getByTestId('w2v-dim').fill(String(settings.dim));
  await page.getByTestId('w2v-epochs').fill(String(settings.epochs));
  await page.getByTestId('w2v-minCount').fill(String(settings.minCount));
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-summary')).toBeVisible({ timeout: 150_000 });
}

/** Train a small recurrent classifier on the selected classification corpus, until the run's summary shows. */
export async function trainClassifier(page: Page, settings: { emb: number; hidden: number; epochs: number; batch: number }, timeout = 150_000): Promise<void> {
  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-model').selectOption('classifier');
  await page.getByTestId('rnn-emb').fill(String(settings.emb));
  await page.getByTestId('rnn-hidden').fill(String(settings.hidden));
  await page.getByTestId('training-epochs').fill(String(settings.epochs));
  await page.getByTestId('training-batch').fill(String(settings.batch));
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-summary')).toBeVisible({ timeout });
}
