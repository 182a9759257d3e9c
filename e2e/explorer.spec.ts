// The embedding explorer as the Embedding Projector: colour by a word list and by a loaded label table, isolate a
// word and its k neighbours (and back), labels that never overlap (checked on the boxes the canvas placed, before
// and after zooming), search with the model's normalisation. A word2vec run on lower-cased Brown news text.
import { test, expect } from '@playwright/test';
import type { Locator } from '@playwright/test';
import path from 'node:path';
import { brownNewsText } from './corpus';
import { brownNewsThird, importByDrop, screenshotDir, trainWord2vec } from './flow';
import { startWebHost } from './web-host';
import type { WebHost } from './web-host';

let host: WebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.close();
});

type Box = [word: string, left: number, top: number, width: number, height: number];

/** The labels the canvas drew last, after checking no two of them overlap. */
async function labels(canvas: Locator): Promise<Box[]> {
  const boxes = JSON.parse((await canvas.getAttribute('data-labels')) ?? '[]') as Box[];
  // Coordinates come rounded to 0.1 px: touching boxes may seem to overlap by that much.
  const eps = 0.2;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = a[1] + a[3] - eps > b[1] && b[1] + b[3] - eps > a[1] && a[2] + a[4] - eps > b[2] && b[2] + b[4] - eps > a[2];
      expect(overlap, `labels "${a[0]}" and "${b[0]}" overlap`).toBe(false);
    }
  }
  return boxes;
}

const words = (boxes: Box[]) => boxes.map((b) => b[0]);

test('explorer: colour by a word list and a label table, isolate k neighbours, labels without overlap', async ({ page }) => {
  test.setTimeout(360_000); // a shared 2-core machine: training alone may take two minutes
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `explorer-${name}.png`) });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');

  await importByDrop(page, brownNewsThird(brownNewsText()));
  await trainWord2vec(page, { dim: 20, epochs: 3, minCount: 3 });
  await page.getByTestId('train-explore').click();

  const canvas = page.getByTestId('explorer-canvas');
  await expect.poll(async () => Number(await canvas.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(100);
  const all = Number(await canvas.getAttribute('data-points'));
  await page.getByTestId('explorer').scrollIntoViewIfNeeded();

  // Labels: many, none overlapping; the most frequent words among them.
  await expect.poll(async () => (await labels(canvas)).length).toBeGreaterThan(10);
  const first = await labels(canvas);
  expect(words(first)).toContain('the');

  // Zoomed in: labels are placed again, still without overlap, and more words get one.
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let k = 0; k < 4; k++) await page.mouse.wheel(0, -300);
  await expect.poll(async () => JSON.stringify(words(await labels(canvas)))).not.toBe(JSON.stringify(words(first)));
  await labels(canvas);
  await shot('1-labels-zoomed');
  await page.getByTestId('explorer-reset').click();

  // Colour by a word list: the words found are counted, the one not drawn is named, and the listed words are labelled.
  await page.getByTestId('explorer-colour-mode').selectOption('list');
  await page.getByTestId('explorer-word-list').fill('President, Mrs, city\nstate Qqqzzxx');
  const listLegend = page.getByTestId('explorer-list-legend');
  await expect(listLegend).toHaveAttribute('data-found', '4');
  await expect(listLegend).toHaveAttribute('data-missing', '1');
  await expect(page.getByTestId('explorer-list-missing')).toContainText('Qqqzzxx');
  await expect.poll(async () => words(await labels(canvas))).toEqual(expect.arrayContaining(['president', 'mrs', 'city', 'state']));
  await shot('2-word-list');

  // Colour by a label table (word<TAB>label): one legend row per label, with counts.
  await page.getByTestId('explorer-colour-mode').selectOption('label');
  const tsv = 'word\tkind\nMonday\tday\nTuesday\tday\nFriday\tday\njanuary\tmonth\nMay\tmonth\nhouse\tplace\ncity\tplace\nstate\tplace\n';
  await page.getByTestId('explorer-label-file').setInputFiles({ name: 'kinds.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(tsv) });
  const items = page.getByTestId('explorer-label-legend-item');
  await expect(items.first()).toBeVisible();
  const legend = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
  expect(legend).toEqual(expect.arrayContaining(['day', 'month', 'place', 'no label']));
  await shot('3-label-column');

  // Isolate: find "President" (the model is lower-cased) and show it with its k = 5 neighbours only.
  await page.getByTestId('explorer-colour-mode').selectOption('frequency');
  await page.getByTestId('explorer-search').fill('President');
  await page.getByTestId('explorer-search-submit').click();
  await expect(page.getByTestId('explorer-selected')).toHaveAttribute('data-word', 'president');
  await expect.poll(async () => words(await labels(canvas))).toContain('president');
  await page.getByTestId('explorer-k').fill('5');
  await page.getByTestId('explorer-k').press('Enter');
  const neighbours = page.getByTestId('explorer-neighbors-item');
  await expect(neighbours).toHaveCount(5);
  const drawn = async () => (await neighbours.evaluateAll((els) => els.filter((e) => !e.classList.contains('faded')).length)) + 1;
  await page.getByTestId('explorer-isolate').click();
  await expect(page.getByTestId('explorer-isolated')).toBeVisible();
  await expect(canvas).toHaveAttribute('data-points', String(await drawn()));
  // Every isolated point is labelled, the selected word among them, none overlapping.
  const isolatedWords = [page.getByTestId('explorer-selected'), ...(await neighbours.all())];
  const expected = await Promise.all(isolatedWords.map((l) => l.getAttribute('data-word')));
  await expect.poll(async () => words(await labels(canvas)).sort()).toEqual(expected.sort());
  await shot('4-isolated');

  // k = 8: the isolated view follows.
  await page.getByTestId('explorer-k').fill('8');
  await page.getByTestId('explorer-k').press('Enter');
  await expect(neighbours).toHaveCount(8);
  await expect(canvas).toHaveAttribute('data-points', String(await drawn()));

  // And back to every point.
  await page.getByTestId('explorer-show-all').click();
  await expect(canvas).toHaveAttribute('data-points', String(all));
  await expect(page.getByTestId('explorer-isolated')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
