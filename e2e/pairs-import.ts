// Translation imports in the import form: a dropped TSV of sentence pairs is guessed (preselected) as translation, the pairs are
// checked before importing (issues listed, "Filter them out", "Cancel"), the direction can be swapped, aligned files
// of different lengths are refused, and two dropped aligned files (dev.en + dev.fr) are offered as one pair.
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { dropFiles } from './flow';

const PAIRS = ['Go.\tVa !', 'Hello!\tBonjour !', 'Hello!\tBonjour !', '\tVide.', 'Thank you.\tMerci.', 'See you tomorrow.\tÀ demain.', 'Who is it?\tQui est-ce ?'].join('\n') + '\n';
const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text, 'utf8') });

export async function runPairsImport(page: Page, shot: (name: string) => Promise<unknown>): Promise<void> {
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('nav-corpora').click();

  // 1. A TSV of pairs: translation is guessed and preselected; its check lists a duplicate and an empty side and blocks the import.
  await dropFiles(page, [file('tatoeba-eng-fra.tsv', PAIRS)]);
  await expect(page.getByTestId('task-guess')).toContainText(/two tab-separated sentences/);
  await expect(page.getByTestId('import-task')).toHaveValue('translation');
  await expect(page.getByTestId('import-tokenizer')).toHaveValue('words+punct');
  await expect(page.getByTestId('pair-direction')).toHaveText('eng → fra');
  const issues = page.getByTestId('pair-issue');
  await expect(issues).toHaveCount(2);
  await expect(page.getByTestId('pair-issues')).toContainText('line 3 of tatoeba-eng-fra.tsv');
  await expect(page.getByTestId('pair-issues')).toContainText('line 4 of tatoeba-eng-fra.tsv');
  await expect(page.getByTestId('tatoeba-credit')).toBeVisible();
  await expect(page.getByTestId('import-start')).toBeDisabled();
  await shot('1-issues');

  // Swapping turns the direction (the check runs again), and back.
  await page.getByTestId('import-swap').check();
  await expect(page.getByTestId('pair-direction')).toHaveText('fra → eng');
  await page.getByTestId('import-swap').uncheck();
  await expect(page.getByTestId('pair-direction')).toHaveText('eng → fra');

  // Filter them out: the import goes on with the 5 good pairs; the corpus says what was left out.
  await page.getByTestId('pairs-filter').click();
  await expect(page.getByTestId('import-start')).toHaveText('Import 5 pairs');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('corpus-task')).toHaveText('translation', { timeout: 60_000 });
  await expect(page.getByTestId('stat-pairs')).toHaveText('5');
  await expect(page.getByTestId('stat-left-out')).toHaveText('2');
  await shot('2-corpus');

  // 2. Aligned files of different lengths (the task is still translation): refused, no filtering; Cancel clears them.
  await dropFiles(page, [file('train.en', 'One.\nTwo.\nThree.\n'), file('train.fr', 'Un.\nDeux.\n')]);
  await expect(page.getByTestId('pair-issue')).toHaveAttribute('data-kind', 'lineCounts');
  await expect(page.getByTestId('pair-issues')).toContainText('train.en has 3 lines and train.fr has 2 lines');
  await expect(page.getByTestId('pairs-filter')).toHaveCount(0);
  await expect(page.getByTestId('import-start')).toBeDisabled();
  await shot('3-aligned-mismatch');
  await page.getByTestId('pairs-cancel').click();
  await expect(page.getByTestId('file-preview')).toHaveCount(0);

  // 3. Aligned files that match, dropped on a cleared form: offered as one en → fr pair, imported.
  await dropFiles(page, [file('dev.en', 'Good night.\nThanks!\n'), file('dev.fr', 'Bonne nuit.\nMerci !\n')]);
  await expect(page.getByTestId('task-offer')).toContainText(/aligned translation files/);
  await page.getByTestId('task-offer-accept').click();
  await expect(page.getByTestId('pair-direction')).toHaveText('en → fr');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('stat-pairs')).toHaveText('2', { timeout: 60_000 });
}
