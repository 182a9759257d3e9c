// Runs compared as in TensorBoard's HParams view: two small classifiers that differ in one setting and a word2vec
// run, trained by the CLI into the web host's workspace; the table highlights the differing setting, sorts, lists
// validation accuracy; the accuracy chart overlays the classifiers only and says why word2vec is left out; a
// confusion cell's examples show their probabilities and sort by confidence.
import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brownNewsText, topicsCsv } from './corpus';
import { screenshotDir } from './flow';
import { repoRoot, startWebHost } from './web-host';
import type { WebHost } from './web-host';

const cli = (host: WebHost, ...args: string[]) =>
  JSON.parse(execFileSync(process.execPath, [path.join(repoRoot, 'dist/cli/index.cjs'), ...args, '--workspace', host.workspace, '--json'], { encoding: 'utf8' }).trim().split('\n').at(-1)!) as {
    runId: string;
    corpusId: string;
  };

let host: WebHost;
const runs = { small: '', large: '', vectors: '' };
test.beforeAll(async () => {
  host = await startWebHost();
  const csv = path.join(host.workspace, 'topics.csv');
  writeFileSync(csv, topicsCsv(300, 3));
  const { corpusId } = cli(host, 'import', csv, '--task', 'classification');
  // The same classifier but for its hidden size (and so its results).
  const neural = ['--data', corpusId, '--arch', 'gru', '--emb', '8', '--epochs', '2', '--batch', '16', '--lr', '0.01'];
  runs.small = cli(host, 'train', 'classifier', ...neural, '--hidden', '4').runId;
  runs.large = cli(host, 'train', 'classifier', ...neural, '--hidden', '16').runId;
  const text = path.join(host.workspace, 'news.txt');
  writeFileSync(text, brownNewsText().split('\n').slice(0, 800).join('\n'));
  runs.vectors = cli(host, 'train', 'word2vec', '--corpus', text, '--dim', '10', '--epochs', '1', '--min-count', '2').runId;
});
test.afterAll(async () => {
  await host?.close();
});

/** The run ids of the comparison table's rows, top to bottom. */
const rowOrder = (page: Page) => page.getByTestId('compare-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run')));

test('compare runs: settings and results side by side, differences marked, sortable; only comparable curves overlaid; a confusion cell sorted by confidence', async ({ page }) => {
  test.setTimeout(120_000);
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `compare-${name}.png`) });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('nav-runs').click();
  await expect(page.getByTestId('run-item')).toHaveCount(3);
  for (const id of [runs.small, runs.large, runs.vectors]) await page.locator(`[data-testid=run-item][data-id="${id}"]`).getByTestId('run-compare-toggle').check();

  const table = page.getByTestId('compare-table');
  await expect(page.getByTestId('compare-row')).toHaveCount(3);
  const column = (id: string) => table.locator(`[data-testid=compare-column][data-column="${id}"]`);
  const cell = (run: string, id: string) => table.locator(`[data-testid=compare-row][data-run="${run}"] td[data-column="${id}"]`);
  // The setting the classifiers differ in is marked; one they share is not (word2vec, which has neither, does not count).
  await expect(column('setting:arch.hidden')).toHaveAttribute('data-differs', 'true');
  await expect(cell(runs.small, 'setting:arch.hidden')).toHaveText('4');
  await expect(cell(runs.large, 'setting:arch.hidden')).toHaveText('16');
  await expect(cell(runs.vectors, 'setting:arch.hidden')).toHaveText('—');
  await expect(column('setting:arch.cell')).toHaveAttribute('data-differs', 'false');
  await expect(column('setting:model')).toHaveAttribute('data-differs', 'true');
  // Every recorded metric, validation accuracy included, and the test figures, under their names.
  await expect(column('metric:classifier/valAccuracy')).toContainText('Validation accuracy');
  await expect(column('test:classifier/accuracy')).toContainText('Test accuracy');
  await expect(cell(runs.large, 'metric:classifier/valAccuracy')).toHaveText(/^\d+%$/);
  await expect(column('metric:word2vec/wordsPerSec')).toBeAttached();
  // Word2vec's loss has its own column: not the classifiers' measure.
  await expect(column('metric:classifier/loss')).toContainText('Loss · classifier');
  await expect(cell(runs.vectors, 'metric:classifier/loss')).toHaveText('—');
  await expect(cell(runs.vectors, 'metric:word2vec/loss')).toHaveText(/^\d/);
  await page.getByTestId('runs-compare').scrollIntoViewIfNeeded();
  await shot('1-table');

  // Sort by hidden size: ascending, then descending; word2vec (no value) last both ways.
  await column('setting:arch.hidden').getByRole('button').click();
  expect(await rowOrder(page)).toEqual([runs.small, runs.large, runs.vectors]);
  await column('setting:arch.hidden').getByRole('button').click();
  expect(await rowOrder(page)).toEqual([runs.large, runs.small, runs.vectors]);
  await expect(column('setting:arch.hidden')).toHaveAttribute('aria-sort', 'descending');
  // By validation accuracy, best first: the values read in order.
  await column('metric:classifier/valAccuracy').getByRole('button').click();
  const accuracies = await table.locator('td[data-column="metric:classifier/valAccuracy"]').allInnerTexts();
  const numbers = accuracies.filter((t) => t !== '—').map((t) => Number(t.replace('%', '')));
  expect(numbers).toHaveLength(2);
  expect(numbers[0]).toBeGreaterThanOrEqual(numbers[1]);
  expect(accuracies.at(-1)).toBe('—');

  // The classifiers' validation accuracy overlaid: word2vec is left out, and the page says why.
  const metric = page.getByTestId('compare-metric');
  await metric.selectOption('classifier/valAccuracy');
  const chart = page.getByTestId('compare-chart');
  // The runs' names as the comparison shows them (the two classifiers share a name: their ids' ends tell them apart).
  const name = async (id: string) => (await table.locator(`[data-testid=compare-row][data-run="${id}"] th`).innerText()).trim();
  expect(await name(runs.small)).not.toBe(await name(runs.large));
  await expect(chart).toHaveAttribute('aria-label', new RegExp(`${await name(runs.small)}.*${await name(runs.large)}`));
  expect(await chart.getAttribute('aria-label')).not.toContain(await name(runs.vectors));
  await expect(page.getByTestId('compare-chart-caption')).toHaveText('Validation accuracy of 2 Text classifier (RNN) runs');
  await expect(page.getByTestId('compare-excluded-run')).toHaveCount(1);
  await expect(page.locator(`[data-testid=compare-excluded-run][data-run="${runs.vectors}"]`)).toContainText('word2vec run: it records no validation accuracy');
  await page.getByTestId('compare-chart').scrollIntoViewIfNeeded();
  await shot('2-accuracy-chart');
  // Word2vec's loss is its own chart: the classifiers' loss is not the same measure.
  await metric.selectOption('word2vec/loss');
  await expect(page.getByTestId('compare-excluded-run')).toHaveCount(2);
  await expect(page.locator(`[data-testid=compare-excluded-run][data-run="${runs.small}"]`)).toContainText('its loss is not the same measure');
  expect(await chart.getAttribute('aria-label')).not.toContain(await name(runs.small));

  // The two classifiers alone, only differences: the columns they share go (cell, seed), the hidden size stays.
  await page.locator(`[data-testid=run-item][data-id="${runs.vectors}"]`).getByTestId('run-compare-toggle').uncheck();
  await expect(page.getByTestId('compare-row')).toHaveCount(2);
  await expect(column('setting:training.seed')).toBeVisible();
  await page.getByTestId('compare-only-differences').check();
  await expect(column('setting:training.seed')).toHaveCount(0);
  await expect(column('setting:arch.cell')).toHaveCount(0);
  await expect(column('setting:arch.hidden')).toBeVisible();
  await expect(column('setting:arch.hidden')).toHaveAttribute('data-differs', 'true');
  await page.getByTestId('runs-compare').scrollIntoViewIfNeeded();
  await shot('3-only-differences');

  // A confusion cell of the larger classifier: its examples with probabilities, sorted by confidence both ways.
  await page.locator(`[data-testid=run-item][data-id="${runs.large}"]`).getByTestId('run-open').click();
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  const counts = await page.getByTestId('confusion-cell').allInnerTexts();
  const fullest = counts.map(Number).reduce((best, n, i, all) => (n > all[best] ? i : best), 0);
  expect(Number(counts[fullest])).toBeGreaterThanOrEqual(2);
  await page.getByTestId('confusion-cell').nth(fullest).click();
  const examples = page.getByTestId('confusion-example');
  await expect(examples.first()).toBeVisible();
  const confidences = () => examples.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-confidence'))));
  const mostFirst = await confidences();
  expect(mostFirst.length).toBeGreaterThanOrEqual(2);
  expect(mostFirst).toEqual([...mostFirst].sort((a, b) => b - a));
  await expect(examples.first()).toContainText(/\d+%/);
  await page.getByTestId('confusion-sort').selectOption('unsure');
  await expect.poll(confidences).toEqual([...mostFirst].sort((a, b) => a - b));
  await page.getByTestId('confusion-sort').selectOption('true-low');
  const truth = await examples.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-true-probability'))));
  expect(truth).toEqual([...truth].sort((a, b) => a - b));
  await page.getByTestId('confusion-examples').scrollIntoViewIfNeeded();
  await shot('4-confusion-drilldown');

  // A report written before probabilities were kept (misclassified examples, text only) still shows its examples.
  const reportFile = path.join(host.workspace, 'runs', runs.small, 'report.json');
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { confusion: { examples: { actual: string; predicted: string; text: string }[] } };
  report.confusion.examples = report.confusion.examples.filter((e) => e.actual !== e.predicted).map(({ actual, predicted, text }) => ({ actual, predicted, text }));
  expect(report.confusion.examples.length, 'the 4-unit classifier makes mistakes').toBeGreaterThan(0);
  writeFileSync(reportFile, JSON.stringify(report));
  const mistake = report.confusion.examples[0];
  await page.locator(`[data-testid=run-item][data-id="${runs.small}"]`).getByTestId('run-open').click();
  await page.locator(`[data-testid=confusion-cell][data-actual="${mistake.actual}"][data-predicted="${mistake.predicted}"]`).click();
  await expect(examples.first()).toHaveText(mistake.text);
  await expect(page.getByTestId('confusion-sort')).toHaveCount(0);
  await page.locator(`[data-testid=confusion-cell][data-actual="${mistake.actual}"][data-predicted="${mistake.actual}"]`).click();
  await expect(page.getByTestId('confusion-examples')).toContainText('kept misclassified examples only');
  expect(pageErrors).toEqual([]);
});
