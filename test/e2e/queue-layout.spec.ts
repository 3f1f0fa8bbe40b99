// The queue's room and batches: with 50 files the list shows at least 9 rows at 900×600 and 6 at 720×520, the
// header stays on one line, a batch header names where the files go, a file's details open from its row, and
// cancelling 1 of 4 files leaves "Done" with the 3 stored and the cancelled one counted apart; the stored batch's
// header carries Run extraction and its run's state, all on one line at 720 px.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeFile } from '../fixtures/make-files';
import { dropPaths } from './harness';
import { checkA11y, expect, shoot, test } from './fixtures';
import { openSessionByLink, writePdfs } from './queue-helpers';

/** Item rows wholly inside the list's viewport. */
async function rowsInView(page: Page): Promise<number> {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="queue-list"]')!.getBoundingClientRect();
    return Array.from(document.querySelectorAll('[role="listitem"][data-status]')).filter((el) => {
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    }).length;
  });
}

/** Whether a batch header's actions sit inside it on one line, and how much room its title keeps. */
function fitOf(el: Element) {
  const box = el.getBoundingClientRect();
  const buttons = Array.from(el.querySelectorAll('.actions button')).map((b) => b.getBoundingClientRect());
  const title = el.querySelector('.title')!.getBoundingClientRect();
  return {
    overflow: el.scrollWidth - el.clientWidth,
    inside: buttons.every((b) => b.left >= box.left && b.right <= box.right && b.top >= box.top && b.bottom <= box.bottom),
    oneLine: new Set(buttons.map((b) => Math.round(b.top))).size === 1,
    actions: buttons.length,
    titleWidth: title.width,
  };
}

/** Pairs of buttons in an element whose boxes intersect (by their text). */
function overlapsOf(el: Element): string[] {
  const boxes = Array.from(el.querySelectorAll('button')).map((b) => ({ text: b.textContent?.trim() ?? '', r: b.getBoundingClientRect() }));
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!.r, boxes[j]!.r];
      if (a.width && b.width && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push(`${boxes[i]!.text} × ${boxes[j]!.text}`);
    }
  }
  return out;
}

test('50 files: at least 9 rows at 900×600 and 6 at 720×520, one header line, batch header and details @screenshot', async ({ app, harness }) => {
  test.setTimeout(120_000);
  await openSessionByLink(app, harness, 'March invoices');
  const paths = writePdfs(join(harness.filesDir, 'march'), 50, 'invoice');
  // Paused so the rows stay one line (queued) while the test measures.
  expect((await harness.service.invoke('queue:pause', {})).ok).toBe(true);
  await dropPaths(app, paths);
  await expect(app.locator('[data-filter="all"]')).toContainText('50');
  const header = app.locator('[data-kind="batch"]');
  await expect(header).toHaveCount(1);
  await expect(header).toContainText('→ March invoices · Acme Finance');
  await expect(header).toContainText('50 files');

  const at900 = await rowsInView(app);
  console.log('rows in view at 900×600:', at900);
  expect(at900).toBeGreaterThanOrEqual(9);
  await app.setViewportSize({ width: 720, height: 520 });
  await expect.poll(() => rowsInView(app)).toBeGreaterThanOrEqual(6);
  console.log('rows in view at 720×520:', await rowsInView(app));
  const headerBox = await app.locator('header.header').boundingBox();
  expect(headerBox!.height, 'the header is one line at 720 px').toBeLessThan(56);
  await shoot(app, 'queue-720', { dark: true });
  await app.setViewportSize({ width: 900, height: 600 });
  await shoot(app, 'queue-batch', { dark: true });

  // A click opens the row's details: the path, the session, and Copy.
  await app.locator('[role="listitem"][data-index="2"] .name').click();
  const details = app.getByTestId('item-details');
  await expect(details).toContainText('invoice-00002.pdf');
  await expect(details.locator('[data-fact="Path"]')).toHaveText(paths[2]!);
  await expect(details.locator('[data-fact="Session"]')).toHaveText(/\S/);
  await expect(details.getByRole('button', { name: 'Copy' })).toBeVisible();
  await checkA11y(app, 'queue with details');
  await shoot(app, 'queue-details', { dark: true });
  await app.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(app.locator('[role="listitem"][data-index="2"]')).toBeFocused();
});

test('counts: cancel 1 of 4 files, Done shows the 3 stored, the cancelled one has its own count; the header runs the extraction @screenshot', async ({ app, harness }) => {
  test.setTimeout(90_000);
  await openSessionByLink(app, harness, 'Counts');
  const files = ['a.pdf', 'b.pdf', 'c.pdf', 'd.pdf'].map((n) => writeFile(join(harness.filesDir, n), 'pdf'));
  expect((await harness.service.invoke('queue:pause', {})).ok).toBe(true);
  await dropPaths(app, files);
  await expect(app.locator('[role="listitem"][data-status="paused"], [role="listitem"][data-status="queued"]')).toHaveCount(4);
  await app.locator('[role="listitem"]', { hasText: 'd.pdf' }).locator('[data-action="cancel"]').click();
  await expect(app.locator('[role="listitem"][data-status="cancelled"]')).toHaveCount(1);
  expect((await harness.service.invoke('queue:resume', {})).ok).toBe(true);
  await expect(app.locator('[role="listitem"][data-status="done"]')).toHaveCount(3, { timeout: 60_000 });
  await expect(app.locator('[data-filter="done"] .n')).toHaveText('3');
  await expect(app.locator('[data-filter="cancelled"] .n')).toHaveText('1');
  await expect(app.locator('[data-kind="batch"]')).toContainText('3 stored');
  await expect(app.locator('[data-kind="batch"]')).toContainText('1 cancelled');

  // A stored session batch's header carries Run extraction; at 720 px it stays one line, every action inside it.
  const header = app.locator('[data-kind="batch"]');
  await expect(header.getByRole('button', { name: 'Run extraction' })).toBeVisible();
  await expect(app.getByTestId('stored-batch-actions')).toHaveCount(0);
  await app.setViewportSize({ width: 720, height: 520 });
  const fit = await header.evaluate(fitOf);
  expect(fit.actions, 'Open in Raydocs, Run extraction, Remove').toBe(3);
  expect(fit).toMatchObject({ overflow: 0, inside: true, oneLine: true });
  expect(fit.titleWidth, 'the destination keeps room to be read').toBeGreaterThan(100);

  // The status strip's filters (Cancelled shows now) and bulk actions never lie over each other at 720 px.
  expect(await app.getByTestId('summary').evaluate(overlapsOf), 'overlapping buttons in the status strip').toEqual([]);

  // Run it from the header: the run's state takes the button's place (and its focus), and the line holds.
  await header.getByRole('button', { name: 'Run extraction' }).click();
  const state = header.locator('[data-action="view-run"]');
  await expect(state).toBeVisible({ timeout: 30_000 });
  await expect(state).toBeFocused();
  await expect(header.locator('[data-action="run-batch"]')).toHaveCount(0);
  const withRun = await header.evaluate(fitOf);
  expect(withRun.actions).toBe(3);
  expect(withRun).toMatchObject({ overflow: 0, inside: true, oneLine: true });
  expect(withRun.titleWidth).toBeGreaterThan(100);
  await checkA11y(app, 'a stored batch header with its run at 720 px');
  await shoot(app, 'queue-batch-run', { dark: true });
});
