// The Train view's feedback from the press of Start to the end of a run: one run however often Start is clicked,
// the phases shown at once, elapsed time and progress kept across a reload and a pause/resume, Stop asking before it
// loses work, and a finished run showing its figures (no "—").
import { test, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { topicsCsv } from './corpus';
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

/** "1 min 05 s" / "42 s" → seconds. */
function seconds(text: string): number {
  const m = /(?:(\d+) h )?(?:(\d+) min )?(?:(\d+) s)?/.exec(text.trim());
  if (!m || !/\d/.test(text)) return NaN;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
const elapsed = async (page: Page) => seconds(await page.getByTestId('train-elapsed').innerText());
const barValue = async (page: Page) => Number(await page.getByTestId('train-live').getByTestId('progress-bar').first().getAttribute('aria-valuenow'));
/** Reload; again if the page came back empty (dist/ is shared: another build may be replacing it at that moment). */
async function reload(page: Page) {
  for (let attempt = 0; ; attempt++) {
    await page.reload();
    const ready = await page.getByTestId('status-engine').waitFor({ timeout: 15_000 }).then(() => true, () => false);
    if (ready || attempt === 3) break;
  }
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
}
const runCount = (page: Page) => page.evaluate(async () => ((await (window as any).studio.runs.list()) as unknown[]).length);

test('Start once, phases at once; elapsed and progress survive a reload and a pause; Stop asks; final figures shown', async ({ page }) => {
  test.setTimeout(300_000);
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `train-${name}.png`) });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await dropFiles(page, [{ name: 'topics.csv', bytes: Buffer.from(topicsCsv(450, 5)) }]);
  await page.getByTestId('import-task').selectOption('classification');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('corpus-task')).toContainText(/classification/i, { timeout: 60_000 });

  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-model').selectOption('classifier');
  await page.getByTestId('rnn-emb').fill('16');
  await page.getByTestId('rnn-hidden').fill('16');
  // Long enough to reload, pause and resume mid-run on any machine: a 45-second time budget rather than a count of
  // epochs (30 epochs took 19 s on a quiet machine — over before the reload); patience 0: no early stop.
  await page.getByTestId('training-epochs').fill('1000');
  await page.getByTestId('training-minutes').fill('0.75');
  await page.getByTestId('training-patience').fill('0');
  await page.getByTestId('training-batch').fill('16');
  await page.getByTestId('training-lr').fill('0.01');
  expect(await runCount(page)).toBe(0);

  // Every phase the view shows, as it shows it (a tiny run goes through them in well under a second).
  await page.evaluate(() => {
    const seen: string[] = ((window as any).seenPhases = []);
    const note = (value: string | null) => value && seen.at(-1) !== value && seen.push(value);
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as Element;
        if (r.type === 'attributes') (note(r.oldValue), note(el.getAttribute('data-phase')));
        for (const n of r.addedNodes) if (n instanceof Element) n.querySelectorAll('[data-phase]').forEach((p) => note(p.getAttribute('data-phase')));
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'], attributeOldValue: true });
  });
  // A double click: the first press locks Start and says what is happening before the engine has answered.
  await page.getByTestId('train-start').dblclick();
  await expect(page.getByTestId('train-start')).toBeDisabled();
  await expect.poll(() => page.evaluate(() => (window as any).seenPhases[0]), { timeout: 1_000 }).toBe('checking');
  await shot('1-starting');
  await expect(page.getByTestId('train-live')).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => Number(await page.getByTestId('chart-loss').getAttribute('data-points')), { timeout: 90_000 }).toBeGreaterThan(2);
  await expect.poll(() => elapsed(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  expect(await runCount(page), 'one run for a double click').toBe(1);
  // The engine's phases followed, in order (the first step ends them).
  const seen: string[] = await page.evaluate(() => (window as any).seenPhases);
  expect(seen.filter((p) => ['reading', 'initialising', 'compiling'].includes(p)).length, seen.join(' → ')).toBeGreaterThan(0);
  expect(seen.indexOf('checking')).toBe(0);
  await shot('2-training');

  // Reload: elapsed continues from what the run recorded, and the bar from where the job is.
  const before = { elapsed: await elapsed(page), bar: await barValue(page) };
  await reload(page);
  await page.getByTestId('nav-train').click();
  await expect(page.getByTestId('train-live')).toBeVisible();
  expect(await elapsed(page), `elapsed after the reload (was ${before.elapsed} s)`).toBeGreaterThanOrEqual(before.elapsed);
  expect(await barValue(page)).toBeGreaterThanOrEqual(before.bar);
  await shot('3-reloaded');

  // Stop asks first, saying what is lost; keeping goes on training.
  await page.getByTestId('job-cancel').click();
  await expect(page.getByTestId('job-cancel-ask')).toContainText(/cannot be resumed.*steps so far are lost/);
  await shot('4-stop-asks');
  await page.getByTestId('job-cancel-keep').click();
  await expect(page.getByTestId('job-cancel')).toBeVisible();
  await expect(page.getByTestId('train-live')).toHaveAttribute('data-status', 'running');

  // Pause, then resume: the bar does not drop back to 0 %, elapsed does not restart.
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('train-paused')).toBeVisible({ timeout: 60_000 });
  const paused = { elapsed: await elapsed(page), bar: await barValue(page) };
  expect(paused.bar).toBeGreaterThan(0);
  await shot('5-paused');
  await page.getByTestId('train-resume').click();
  await expect(page.getByTestId('train-live')).toHaveAttribute('data-status', 'running');
  expect(await barValue(page), `bar on resume (paused at ${paused.bar} %)`).toBeGreaterThanOrEqual(paused.bar - 5);
  expect(await elapsed(page)).toBeGreaterThanOrEqual(paused.elapsed);
  await shot('6-resumed');

  // Finished: the tiles show the run's final figures; each figure once (the summary below does not repeat them).
  await expect(page.getByTestId('train-summary')).toBeVisible({ timeout: 200_000 });
  for (const id of ['train-tokens-per-sec', 'train-loss', 'train-elapsed', 'train-val-loss', 'train-metric', 'train-epoch']) {
    await expect(page.getByTestId(id), id).not.toHaveText('—');
  }
  expect(await elapsed(page)).toBeGreaterThanOrEqual(paused.elapsed);
  await expect(page.getByTestId('train-summary').getByTestId('summary-tokensPerSec')).toHaveCount(0);
  await expect(page.getByTestId('train-summary').getByTestId('summary-seconds')).toHaveCount(0);
  expect(await runCount(page)).toBe(1);
  await shot('7-done');
  expect(pageErrors).toEqual([]);
});
