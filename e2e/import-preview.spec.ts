// Import preview in the browser: a dropped file's task is guessed and preselected with its reason, the token preview
// shows how the first lines are split and strikes through what is dropped, following the punctuation option; the
// Train view shows the same preview for the imported corpus.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { dropFiles, screenshotDir } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

const QUESTIONS = ['text,label', 'Is it raining?,question', 'It is raining.,statement', 'Where is the station?,question', 'The station is near.,statement', 'Why now?,question', 'Now is fine.,statement'].join('\n') + '\n';
const BROWN = 'The/at Fulton/np-tl County/nn-tl Grand/jj-tl Jury/nn-tl said/vbd Friday/nr ./.\nIt/pps was/bedz fine/jj ./.\n';
const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text, 'utf8') });

test('the guessed task with its reason, a token preview that follows the punctuation option, and the preview before training', async ({ page }) => {
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `import-preview-${name}.png`) });
  // The view scrolls inside its own pane: bring the preview to the bottom of the window, the options above it.
  const showPreview = () => page.getByTestId('token-preview').first().evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const pageErrors: string[] = [];
  let step = 'start';
  page.on('pageerror', (e) => pageErrors.push(`${step}: ${e.message}`));
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('nav-corpora').click();

  step = '1. A CSV';
  // 1. A CSV with a label column: classification is guessed, preselected and explained; punctuation is kept.
  await dropFiles(page, [file('questions.csv', QUESTIONS)]);
  const guess = page.getByTestId('task-guess');
  await expect(guess).toHaveAttribute('data-task', 'classification');
  await expect(guess).toContainText('Guessed task: Classification');
  await expect(guess).toContainText('"label" column');
  await expect(page.getByTestId('preview-task')).toHaveText('classification');
  await expect(page.getByTestId('import-task')).toHaveValue('classification');
  await expect(page.getByTestId('import-punctuation')).toBeChecked();
  const lines = page.getByTestId('token-preview-line');
  await expect(lines).toHaveCount(5);
  await expect(lines.first().getByTestId('token-chip')).toHaveText(['is', 'it', 'raining', '?']);
  await expect(page.getByTestId('token-dropped')).toHaveCount(0);
  await expect(page.getByTestId('token-preview-summary')).toHaveText('Nothing is dropped from these lines.');
  await showPreview();
  await shot('1-guessed-kept');

  step = '2. Punctuation off';
  // 2. Punctuation off: the `?` and `.` are struck through, counted, and gone from the tokens.
  await page.getByTestId('import-punctuation').uncheck();
  await expect(lines.first().getByTestId('token-chip')).toHaveText(['is', 'it', 'raining']);
  await expect(lines.first().getByTestId('token-dropped')).toHaveText(['?']);
  await expect(page.getByTestId('token-preview-summary')).toContainText('5 characters dropped');
  await expect(page.getByTestId('token-preview-summary')).toContainText('? ×3');
  await expect(page.getByTestId('import-tokenizer')).toHaveValue('words');
  await showPreview();
  await shot('2-punctuation-dropped');

  step = 'Another task';
  // Another task takes its own default (plain text drops punctuation); the guess offers the way back.
  await page.getByTestId('import-task').selectOption('translation');
  await expect(page.getByTestId('import-punctuation')).toBeChecked();
  await page.getByTestId('import-task').selectOption('text');
  await expect(page.getByTestId('import-punctuation')).not.toBeChecked();
  await expect(page.getByTestId('task-offer')).toContainText('Guessed task: Classification');
  await page.getByTestId('task-offer-accept').click();
  await expect(page.getByTestId('import-task')).toHaveValue('classification');
  await expect(page.getByTestId('import-punctuation')).toBeChecked();
  await expect(page.getByTestId('token-dropped')).toHaveCount(0);

  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('corpus-task')).toContainText(/classification/i, { timeout: 60_000 });

  step = '3. Before training';
  // 3. Before training: the corpus's own preview, folded with a summary; the `?` was kept.
  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-model').selectOption('classifier');
  const trainPreview = page.getByTestId('train-token-preview');
  await expect(trainPreview).toContainText('nothing dropped from the first lines');
  await trainPreview.locator('summary').click();
  await expect(trainPreview.getByTestId('token-preview-line').first().getByTestId('token-chip')).toHaveText(['is', 'it', 'raining', '?']);
  await trainPreview.scrollIntoViewIfNeeded();
  await shot('3-train');

  step = '4. Brown';
  // 4. Brown word/TAG text: tagging is guessed with an example; its tokens are the file's own.
  await page.getByTestId('nav-corpora').click();
  await dropFiles(page, [file('ca01.txt', BROWN)]);
  await expect(page.getByTestId('task-guess')).toHaveAttribute('data-task', 'tagging');
  await expect(page.getByTestId('task-guess')).toContainText('The/at Fulton/np-tl');
  await expect(page.getByTestId('import-task')).toHaveValue('tagging');
  await expect(page.getByTestId('token-preview-note')).toContainText('Tagging keeps the file’s own tokens');
  await expect(page.getByTestId('token-preview-line').first().getByTestId('token-chip').last()).toHaveText('.');
  await expect(page.getByTestId('token-dropped')).toHaveCount(0);
  await showPreview();
  await shot('4-tagging');
  expect(pageErrors).toEqual([]);
});
