// Issue 12, "every control reachable by keyboard and labelled", checked with the keyboard itself rather than by
// axe-core's reading of the DOM: in every view (Corpora, Train, Runs with a run open, Explore with vectors) Tab walks
// from the top of the page until focus wraps; every visible, enabled control must be reached, each one reached must
// have an accessible name (Chromium's own, through the DevTools accessibility tree) and must look different when
// focused from the keyboard (:focus-visible). Then one task done with the keyboard alone: the navigation, a run,
// the language, and the delete question (focus goes into it, Escape closes it and gives focus back to its button).
// A screenshot per view with a control focused: test-results/screenshots/keyboard-*.png.
import { test, expect } from '@playwright/test';
import type { CDPSession, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { brownNewsText } from './corpus';
import { appViews as views, screenshotDir } from './flow';
import { repoRoot, startWebHost } from './web-host';
import type { WebHost } from './web-host';

let host: WebHost;
const cli = (...args: string[]) => execFileSync(process.execPath, [path.join(repoRoot, 'dist/cli/index.cjs'), ...args, '--workspace', host.workspace], { encoding: 'utf8' });
test.beforeAll(async () => {
  host = await startWebHost();
  const text = path.join(host.workspace, '..', `keyboard-${process.pid}.txt`);
  writeFileSync(text, brownNewsText().split('\n').slice(0, 1500).join('\n') + '\n');
  cli('train', 'word2vec', '--corpus', text, '--dim', '16', '--epochs', '1', '--min-count', '2');
});
test.afterAll(async () => {
  await host?.close();
});

declare global {
  interface Window {
    kbDescribe(el: Element): string;
    kbFocusStyle(el: Element): string;
  }
}

/**
 * Page helpers, installed before the app loads: what a control is called in failures (its test id, else its tag
 * and text), and the style that shows focus (outline, box-shadow ring, border colour).
 */
async function installHelpers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.kbDescribe = (el) =>
      el instanceof HTMLElement && el.dataset.testid
        ? `[${el.dataset.testid}]`
        : `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent || el.getAttribute('placeholder') || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
    window.kbFocusStyle = (el) => {
      const s = getComputedStyle(el);
      return [s.outlineStyle === 'none' ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, s.boxShadow, s.borderColor].join(' | ');
    };
  });
}

/** Everything a keyboard user must be able to reach: visible, enabled, not taken out of the order on purpose. */
const INTERACTIVE = 'button, a[href], input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"]), [role=button], [role=link], [role=checkbox], [role=tab], [contenteditable=""], [contenteditable=true]';


interface Stop {
  key: string;
  what: string;
  name: string;
  focused: string;
}

/** Chromium's accessible name of the focused element. */
async function focusedName(cdp: CDPSession): Promise<string> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
  if (!result.objectId) return '';
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
  await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  const node = nodes.find((n) => !n.ignored) ?? nodes[0];
  return String(node?.name?.value ?? '').trim();
}

/**
 * Tab from the top of the page until focus wraps (back on the body or on the first control) or `bound` presses:
 * each stop with its name and its focused style. Every control met is tagged data-kb=<n> for the checks after.
 */
async function walk(page: Page, cdp: CDPSession, shot: string, bound = 400): Promise<Stop[]> {
  await page.evaluate(() => {
    document.querySelectorAll('[data-kb]').forEach((el) => el.removeAttribute('data-kb'));
  });
  await fromTheTop(page);
  const stops: Stop[] = [];
  let shotTaken = false;
  for (let press = 0; press < bound; press++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(
      (n) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body || el === document.documentElement) return null;
        const seen = el.getAttribute('data-kb');
        if (!seen) el.setAttribute('data-kb', String(n));
        return { key: seen ?? String(n), again: seen !== null, inMain: !!el.closest('main'), what: window.kbDescribe(el), focused: window.kbFocusStyle(el) };
      },
      press,
    );
    if (!at || at.again) break;
    stops.push({ key: at.key, what: at.what, name: await focusedName(cdp), focused: at.focused });
    // The view's first own control, focused from the keyboard, in the picture.
    if (at.inMain && !shotTaken) {
      shotTaken = true;
      await page.screenshot({ path: path.join(screenshotDir, `keyboard-${shot}.png`) });
    }
  }
  return stops;
}

/** The view's controls a keyboard user must reach but Tab did not. A radio group is one stop (its chosen radio). */
async function unreached(page: Page): Promise<string[]> {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll<HTMLElement>(selector)]
        .filter((el) => !el.hasAttribute('data-kb'))
        .filter((el) => el.checkVisibility({ checkVisibilityCSS: true, checkOpacity: false }) && el.getClientRects().length > 0)
        .filter((el) => !(el as HTMLButtonElement).disabled && !el.closest('[inert], fieldset:disabled'))
        .filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio' && el.name && document.querySelector(`input[type=radio][name="${CSS.escape(el.name)}"][data-kb]`)))
        .map((el) => window.kbDescribe(el)),
    INTERACTIVE,
  );
}

/** Stops whose look does not change when focused: each control's style is read again with nothing focused. */
async function invisibleFocus(page: Page, stops: Stop[]): Promise<string[]> {
  const unfocused = await page.evaluate(
    (keys) => {
      (document.activeElement as HTMLElement | null)?.blur();
      return keys.map((key) => {
        const el = document.querySelector(`[data-kb="${key}"]`);
        return el ? window.kbFocusStyle(el) : null;
      });
    },
    stops.map((s) => s.key),
  );
  return stops.filter((s, i) => unfocused[i] !== null && unfocused[i] === s.focused).map((s) => `${s.what} (${s.focused})`);
}


test('every view: Tab reaches every control, each named, each showing focus', async ({ page }) => {
  await installHelpers(page);
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Accessibility.enable');
  for (const { view, ready } of views) {
    await page.getByTestId(`nav-${view}`).click();
    if (view === 'runs') await page.getByTestId('run-open').first().click();
    await expect(page.getByTestId(ready).first()).toBeVisible({ timeout: 30_000 });
    if (view === 'explore') await expect.poll(async () => Number(await page.getByTestId('explorer-canvas').getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(10);
    await page.evaluate(() => document.fonts.ready);
    const stops = await walk(page, cdp, view);
    expect(stops.length, `${view}: Tab met no control`).toBeGreaterThan(3);
    test.info().annotations.push({ type: view, description: `${stops.length} stops: ${stops.map((s) => s.name).join(' · ')}` });
    // Soft: every view is checked and every finding listed.
    expect.soft(await unreached(page), `${view}: controls Tab never reached`).toEqual([]);
    expect.soft(stops.filter((s) => !s.name).map((s) => s.what), `${view}: controls without an accessible name`).toEqual([]);
    expect.soft(await invisibleFocus(page, stops), `${view}: controls whose focus does not show`).toEqual([]);
  }
});

/** Put the keyboard's starting point at the very top of the page: the next Tab goes to the first control. */
async function fromTheTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    const start = document.createElement('div');
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
    start.addEventListener('blur', () => start.remove(), { once: true });
  });
}

/** Tab (at most `bound` times) until the control with this test id has focus. */
async function tabTo(page: Page, testid: string, bound = 200): Promise<void> {
  for (let press = 0; press < bound; press++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)) === testid) return;
  }
  throw new Error(`Tab never reached [data-testid=${testid}]`);
}

test('a task with the keyboard alone: open a run, switch the language, ask to delete and take it back with Escape', async ({ page }) => {
  await installHelpers(page);
  await page.goto(host.url);
  await expect(page.getByTestId('status-engine')).toHaveAttribute('data-state', 'ready');
  await fromTheTop(page);

  // The navigation, then a run from the list.
  await tabTo(page, 'nav-runs');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nav-runs')).toHaveAttribute('aria-current', 'page');
  await tabTo(page, 'run-open');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-detail')).toBeVisible();

  // The language: the select in the sidebar, changed with the arrow keys.
  await fromTheTop(page);
  await tabTo(page, 'language');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('nav-runs')).toContainText('运行记录');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The delete question: focus moves into it (on the safe answer), Escape closes it and focus is back on Delete.
  await tabTo(page, 'run-delete');
  await page.keyboard.press('Enter');
  const keep = page.getByTestId('cancel-delete');
  await expect(keep).toBeFocused();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'keyboard-delete-question.png') });
  await page.keyboard.press('Escape');
  await expect(keep).toHaveCount(0);
  await expect(page.getByTestId('run-delete')).toBeFocused();
  await expect(page.getByTestId('run-detail')).toBeVisible();
});
