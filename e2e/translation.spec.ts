// Translation in the browser: drop a TSV of sentence pairs, import it as a translation corpus, train a tiny Seq2Seq
// with attention while the per-epoch translations and the live attention heatmap update, translate a typed
// sentence from the latest checkpoint while it trains, and again from the finished run.
import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import path from 'node:path';
import { dropFiles, screenshotDir } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

/**
 * A toy language: each English word has a made-up translation, and the sentence is said backwards
 * ("red cat sees" → "ve gato roja"). Word-for-word, but only attention that looks at the far end gets it right.
 */
const DICTIONARY: Record<string, string> = {
  red: 'roja', blue: 'azul', green: 'verde', cat: 'gato', dog: 'perro', bird: 'pajaro', fish: 'pez', eats: 'come',
  sees: 've', big: 'grande', small: 'chico', the: 'el', runs: 'corre', sleeps: 'duerme', house: 'casa', tree: 'arbol',
};
const translate = (sentence: string) => sentence.split(' ').map((w) => DICTIONARY[w]).reverse().join(' ');

function pairsTsv(count: number): string {
  const words = Object.keys(DICTIONARY);
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16) % n;
  const seen = new Set<string>();
  const lines: string[] = [];
  while (lines.length < count) {
    const source = Array.from({ length: 3 + rnd(4) }, () => words[rnd(words.length)]).join(' ');
    if (seen.has(source)) continue;
    seen.add(source);
    lines.push(`${source}\t${translate(source)}`);
  }
  return lines.join('\n') + '\n';
}

/** How many tokens of `hypothesis` match `reference` position by position (a lenient sign that it learned). */
const overlap = (hypothesis: string, reference: string) => {
  const h = hypothesis.split(/\s+/);
  return reference.split(/\s+/).filter((w, i) => h[i] === w).length;
};

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('import sentence pairs, train a translator, watch its translations and attention, translate a typed sentence', async ({ page }) => {
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `web-translation-${name}.png`) });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');

  // 1. Drop the pairs and import them as a translation corpus.
  await dropFiles(page, [{ name: 'reversed-eng-toy.tsv', bytes: Buffer.from(pairsTsv(300)) }]);
  await expect(page.getByTestId('file-preview')).toBeVisible();
  await page.getByTestId('import-task').selectOption('translation');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('corpus-task')).toHaveAttribute('data-task', 'translation', { timeout: 60_000 });
  await shot('1-corpus');

  // 2. "Train on it…" picks a model that learns from this corpus: the translator.
  await page.getByTestId('corpus-train').click();
  await expect(page.getByTestId('train-model')).toHaveValue('translator');
  await page.getByTestId('seq2seq-emb').fill('32');
  await page.getByTestId('seq2seq-hidden').fill('64');
  await page.getByTestId('training-epochs').fill('20');
  await page.getByTestId('training-batch').fill('16');
  await page.getByTestId('training-lr').fill('0.01');
  await page.getByTestId('training-patience').fill('0');
  // A field outside the schema's bounds (read from it) blocks the start with the schema's limit.
  await page.getByTestId('seq2seq-layers').fill('9');
  await expect(page.getByTestId('train-start')).toBeDisabled();
  await expect(page.getByText('At most 4')).toBeVisible();
  await page.getByTestId('seq2seq-layers').fill('1');
  await expect(page.getByTestId('model-summary')).toBeVisible();
  await expect(page.locator('[data-testid="summary-layer"][data-name="decoder/attention"]')).toBeVisible();
  await page.getByTestId('train-start').click();

  // 3. While it trains: the translations panel gains an epoch after each, the attention heatmap follows.
  const panel = page.getByTestId('translations-panel');
  await expect.poll(async () => Number(await panel.getAttribute('data-epochs')), { timeout: 90_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('translation-row').first()).toBeVisible();
  const live = page.getByTestId('attention-heatmap');
  await expect(live).toBeVisible();
  const firstEpoch = Number(await live.getAttribute('data-epoch'));
  expect(Number(await live.getAttribute('data-cols'))).toBeGreaterThanOrEqual(3);
  expect(Number(await live.getAttribute('data-rows'))).toBeGreaterThanOrEqual(1);

  // Translate a typed sentence from the latest checkpoint while training goes on.
  await page.getByTestId('translate-input').fill('the red cat sees a zebra');
  await page.getByTestId('translate-beam').fill('3');
  await page.getByTestId('translate-submit').click();
  await expect(page.getByTestId('translate-output')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('translate-unknown')).toHaveText(['a', 'zebra']);
  await expect(page.getByTestId('translate-attention')).toHaveAttribute('data-cols', '6');
  await expect(page.getByTestId('train-live')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('translate-output').scrollIntoViewIfNeeded();
  await shot('2-training');

  // The heatmap is redrawn for later epochs, and its cells read out on hover.
  await expect.poll(async () => Number(await live.getAttribute('data-epoch')), { timeout: 90_000 }).toBeGreaterThan(firstEpoch);
  await live.locator('rect').first().hover();
  await expect(page.getByTestId('attention-tooltip')).toContainText(/← .+: \d\.\d\d/);

  // 4. Finished: BLEU on the curve and in the summary, translations that improved over the epochs.
  await expect(page.getByTestId('train-summary')).toBeVisible({ timeout: 150_000 });
  expect(Number(await page.getByTestId('chart-metrics').getAttribute('data-points'))).toBeGreaterThan(0);
  await expect(page.getByTestId('summary-testBleu')).toBeVisible();
  expect(Number(await panel.getAttribute('data-epochs'))).toBeGreaterThanOrEqual(5);
  const last = await panel.locator('[data-testid="translations-epoch"][data-latest="true"]').getAttribute('data-epoch');
  const scoreOf = async (epoch: string) => {
    const rows = page.locator(`[data-testid="translation-row"][data-epoch="${epoch}"]`);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('.reference')!.textContent!, tr.querySelector('.hypothesis')!.textContent!]));
    return cells.reduce((n, [ref, hyp]) => n + overlap(hyp.replace('✓', '').trim(), ref.trim()), 0);
  };
  await page.locator('[data-testid="translations-epoch"][data-epoch="1"] summary').click();
  expect(await scoreOf(last!), 'words in place after the last epoch vs the first').toBeGreaterThan(await scoreOf('1'));
  await panel.scrollIntoViewIfNeeded();
  await shot('3-translations');

  // 5. The run: translate a sentence of the toy language from its best weights; the result is the reversal.
  await page.getByTestId('train-open-run').click();
  await expect(page.getByTestId('run-detail')).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('config-attention')).toContainText('bahdanau');
  await expect(page.getByTestId('config-optimizer.lr')).toContainText('0.01');
  await page.getByTestId('translate-input').fill('the big dog');
  await page.getByTestId('translate-beam').fill('4');
  await page.getByTestId('translate-submit').click();
  const text = page.getByTestId('translate-text');
  await expect(text).not.toBeEmpty();
  expect(overlap(await text.innerText(), translate('the big dog')), `"${await text.innerText()}" for "${translate('the big dog')}"`).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('translate-attention')).toHaveAttribute('data-cols', '3');
  await focusHeatmap(page);
  await page.getByTestId('translate-attention').scrollIntoViewIfNeeded();
  await shot('4-run');
  expect(pageErrors).toEqual([]);
});

/** The typed sentence's heatmap is keyboard accessible: focus it, move with the arrows, read the cell. */
async function focusHeatmap(page: Page): Promise<void> {
  const grid = page.getByTestId('translate-attention').getByRole('grid');
  await grid.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('attention-tooltip')).toContainText(/^.+ ← .+: \d\.\d\d$/);
  await expect(grid).toHaveAttribute('aria-activedescendant', /-1-1$/);
}
