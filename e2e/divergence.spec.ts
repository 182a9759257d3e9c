// Training that goes wrong says so in the browser: a word2vec run with too high a learning rate stops with
// "Training diverged" and what to try (instead of completing with NaN vectors), and the data checks' warnings
// (here: min-count dropping words) appear in the Train view when a run starts.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { dropFiles, screenshotDir } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

/** 300 lines over eight words, and one word ("rare") used once. */
function smallCorpus(): string {
  const words = ['king', 'queen', 'man', 'woman', 'apple', 'pear', 'dog', 'cat'];
  const lines = Array.from({ length: 300 }, (_, i) => Array.from({ length: 10 }, (_, j) => words[(i * 7 + j * 3 + (i >> 2)) % words.length]).join(' '));
  lines[0] += ' rare';
  return lines.join('\n') + '\n';
}

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('a diverging word2vec run stops with the message and suggestions; data warnings are shown', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('nav-corpora').click();
  await dropFiles(page, [{ name: 'words.txt', bytes: Buffer.from(smallCorpus()) }]);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('corpus-detail')).toBeVisible({ timeout: 60_000 });

  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-model').selectOption('word2vec');
  await page.getByTestId('w2v-dim').fill('100');
  await page.getByTestId('w2v-epochs').fill('20');
  await page.getByTestId('w2v-minCount').fill('2');
  await page.getByTestId('w2v-alpha').fill('1');
  await page.getByTestId('train-start').click();

  await expect(page.getByTestId('train-warning')).toContainText('min-count 2 keeps 8 of the 9 distinct words');
  const error = page.getByTestId('error');
  await expect(error).toHaveAttribute('data-error-name', 'DivergedError', { timeout: 60_000 });
  await expect(error).toContainText('Training diverged');
  await expect(page.getByTestId('error-message')).toContainText(/the training loss (became NaN|became infinite|exploded).*lower alpha/);
  await page.screenshot({ path: path.join(screenshotDir, 'web-diverged.png') });

  // The run is failed, not completed, and kept no vectors.
  const runs = await page.evaluate(() => (window as any).studio.runs.list());
  expect(runs).toHaveLength(1);
  expect(runs[0].status).toBe('failed');
  expect(runs[0].error.name).toBe('DivergedError');
});

/** Reviews told apart by their words; 120 rows: six steps an epoch at batch 16. */
function reviewsCsv(): string {
  return ['text,label', ...Array.from({ length: 120 }, (_, i) => `${i % 2 ? 'good lovely' : 'bad boring'} film ${i % 9},${i % 2 ? 'pos' : 'neg'}`)].join('\n') + '\n';
}

test('a diverged classifier is resumed from the UI at a lower learning rate and completes; the run shows the change', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('nav-corpora').click();
  await dropFiles(page, [{ name: 'reviews.csv', bytes: Buffer.from(reviewsCsv()) }]);
  await page.getByTestId('import-task').selectOption('classification');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('stat-documents')).toContainText('120', { timeout: 60_000 });

  // AdamW's decay at lr·decay = 10 multiplies the weights by −9 a step: they overflow float32 within ~40 steps.
  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-model').selectOption('classifier');
  await page.getByTestId('rnn-emb').fill('8');
  await page.getByTestId('rnn-hidden').fill('8');
  await page.getByTestId('training-epochs').fill('30');
  await page.getByTestId('training-batch').fill('16');
  await page.getByTestId('training-patience').fill('0');
  await page.getByTestId('training-optimizer').selectOption('adamw');
  await page.getByTestId('training-lr').fill('10');
  await page.getByTestId('training-weightDecay').fill('1');
  await page.getByTestId('train-start').click();

  await expect(page.getByTestId('error')).toHaveAttribute('data-error-name', 'DivergedError', { timeout: 60_000 });
  // Resume is offered, its learning rate prefilled at a tenth of the one that diverged.
  const lr = page.getByTestId('resume-lr');
  await expect(lr).toHaveValue('1', { timeout: 30_000 });
  await expect(page.getByTestId('train-diverged-hint')).toContainText('last finite checkpoint (step');
  await lr.fill('20');
  await expect(page.getByTestId('resume-lr-problem')).toContainText('At most 10');
  await expect(page.getByTestId('train-resume')).toBeDisabled();
  await lr.fill('0.01');
  await expect(page.getByTestId('resume-lr-note')).toContainText('was 10');
  await page.screenshot({ path: path.join(screenshotDir, 'web-diverged-resume.png') });
  await page.getByTestId('train-resume').click();
  await expect(page.getByTestId('train-live')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });

  // (The web host is shared with the test above: its word2vec run is listed too.)
  const runs = (await page.evaluate(() => (window as any).studio.runs.list())).filter((r: { spec: { model: string } }) => r.spec.model === 'classifier');
  expect(runs).toHaveLength(1);
  expect(runs[0].status).toBe('completed');
  expect(Number.isFinite(runs[0].summary.loss)).toBe(true);
  expect(runs[0].resumes).toEqual([expect.objectContaining({ changed: { 'optimizer.lr': [10, 0.01] } })]);

  // The Runs view: the configuration shows the rate trained with now, the history what changed and when.
  await page.getByTestId('nav-runs').click();
  await page.locator(`[data-testid="run-item"][data-id="${runs[0].id}"]`).getByTestId('run-open').click();
  await expect(page.getByTestId('run-detail')).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('config-optimizer.lr')).toContainText('0.01');
  await expect(page.getByTestId('run-resume-entry')).toHaveCount(1);
  await expect(page.getByTestId('resume-change-optimizer.lr')).toContainText('optimizer.lr: 10 → 0.01');
  await page.getByTestId('run-resumes').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotDir, 'web-resumed-run.png'), fullPage: true });
});
