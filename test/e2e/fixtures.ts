// Playwright fixtures: a fresh harness per test, a page bound to it, screenshots in both themes, and an axe check.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { IPC_CHANNELS } from '../../shared/ipc-channels';
import { bindService, startHarness, type Harness, type HarnessOptions } from './harness';

export const SCREENSHOT_DIR = join(process.cwd(), 'docs', 'screenshots');

interface Fixtures {
  harnessOptions: HarnessOptions;
  harness: Harness;
  app: Page;
}

export const test = base.extend<Fixtures>({
  harnessOptions: [{}, { option: true }],
  harness: async ({ harnessOptions }, use) => {
    const h = await startHarness(harnessOptions);
    await use(h);
    await h.close();
  },
  app: async ({ browser, harness }, use, testInfo) => {
    const context = await browser.newContext({ viewport: { width: 900, height: 600 }, colorScheme: 'light', baseURL: testInfo.project.use.baseURL });
    const unbind = await bindService(context, harness.service, IPC_CHANNELS);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto('/');
    await use(page);
    unbind();
    await context.close();
    // CSP violations and uncaught errors show up here: the app must run clean under its strict CSP.
    expect(errors.filter((e) => !e.includes('favicon')), 'page errors').toEqual([]);
  },
});

export { expect };

/**
 * Nothing is cut off: no horizontal page overflow, and any element that clips its text (overflow hidden, ellipsis)
 * while it overflows carries the full text in a title. Runs at the 900×600 window of every scenario.
 */
export async function expectNothingClipped(page: Page): Promise<void> {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`page is ${document.documentElement.scrollWidth}px wide`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el);
      if (style.overflowX !== 'hidden' && style.overflowX !== 'clip') continue;
      if (el.scrollWidth <= el.clientWidth + 1 || !el.innerText?.trim()) continue;
      if (el.closest('[title]') || el.closest('[aria-hidden="true"]') || el.closest('.visually-hidden')) continue;
      out.push(`${el.tagName.toLowerCase()}.${el.className}: "${el.innerText.slice(0, 50)}"`);
    }
    return out;
  });
  expect(problems, 'text cut off').toEqual([]);
}

/**
 * Checks nothing is clipped, then, under `npm run screenshots` only (RAYDOCS_SCREENSHOTS=1), saves
 * docs/screenshots/NAME-light.png and, with `dark`, NAME-dark.png too: a test run neither spends the time on pictures
 * nor rewrites the committed ones (the auto-parse pass would otherwise replace them with its own reading's).
 */
export async function shoot(page: Page, name: string, opts: { dark?: boolean } = {}): Promise<void> {
  await expectNothingClipped(page);
  if (process.env.RAYDOCS_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-light.png`), animations: 'disabled', caret: 'hide' });
  if (opts.dark) {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-dark.png`), animations: 'disabled', caret: 'hide' });
    await page.emulateMedia({ colorScheme: 'light' });
  }
}

/** Fails on serious or critical axe violations, in both themes (contrast differs). */
export async function checkA11y(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
    expect(bad, `axe violations on ${screen} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Nothing important is cut off: the element's content fits its box (no horizontal clipping of text). */
export async function expectNotClipped(page: Page, selector: string): Promise<void> {
  const clipped = await page.$$eval(selector, (els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => (el as HTMLElement).innerText.slice(0, 60)),
  );
  expect(clipped, `clipped text in ${selector}`).toEqual([]);
}

/** Creates a session through the service and opens it in the UI with "Open by ID or dashboard link". */
export async function openNewSession(page: Page, harness: Harness, name: string): Promise<string> {
  const ws = harness.emu.seed.workspaces[0]!;
  const created = await harness.service.invoke('sessions:create', { workspaceId: ws.id, templateId: ws.templates[0]!.id, name });
  if (!created.ok) throw new Error(created.error.message);
  await page.getByTestId('current-target').getByRole('button').click();
  const dialog = page.getByRole('dialog', { name: 'Where should files go?' });
  await dialog.getByRole('tab', { name: 'Paste a link' }).click();
  await dialog.getByLabel('Open by ID or dashboard link').fill(`https://app.raydocs.com/workspaces/${ws.id}/extractions/sessions/${created.value.id}`);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-target')).toContainText(name);
  return created.value.id;
}
