// The queue by keyboard alone: a folder added through the menu's Add Folder handler (⇧⌘O), the list as one Tab stop
// with arrows and Home/End, Space pauses a file, Enter opens its details and Esc closes them, the batch is cancelled
// through its header and the in-page question, a cancelled file retried from its row, and the menu's Filter (⌘F)
// focuses the filters from another view; focus never falls to <body>.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openSessionByLink, writePdfs } from './queue-helpers';

test.use({ harnessOptions: { engine: { bandwidthLimitBps: 4_000, concurrency: 1 } } });

async function focusedKey(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '<body>';
    return (el as HTMLElement).dataset.key ?? (el as HTMLElement).dataset.testid ?? el.tagName.toLowerCase();
  });
}

async function step(page: Page, key: string): Promise<string> {
  await page.keyboard.press(key);
  const at = await focusedKey(page);
  expect(at, `focus after ${key}`).not.toBe('<body>');
  return at;
}

test('keyboard only: add a folder by the menu, move, pause, details, cancel the batch, retry, filter by the menu', async ({ app, harness }) => {
  test.setTimeout(120_000);
  // Setting the target is the picker's own spec; here it only gives the menu a target.
  await openSessionByLink(app, harness, 'Keyboard batch');
  // One file through the Add files button first: main's menu adds to the last target files went to.
  harness.picks.files = writePdfs(join(harness.filesDir, 'first'), 1, 'first');
  await app.getByTestId('add-files').focus();
  await step(app, 'Enter');
  // Stored before the folder comes, so its batch is finished and folds under the newer one (on a loaded machine the
  // row can still be uploading here, and an open batch puts its file row between the two headers).
  await expect(app.locator('[role="listitem"][data-status="done"]')).toHaveCount(1, { timeout: 30_000 });
  const paths = writePdfs(join(harness.filesDir, 'scans'), 6, 'scan', 40_000);
  harness.picks.folder = [join(harness.filesDir, 'scans')];
  await harness.menu({ kind: 'add-folder' });
  // The folder's rows (the first file's row folds away with its finished batch).
  await expect(app.locator('[role="listitem"][data-status]', { hasText: 'scan-' })).toHaveCount(paths.length, { timeout: 30_000 });

  // Tab into the list: one stop, on the first row (the first file's batch, folded now that it is done).
  await app.getByTestId('add-folder').focus();
  let at = await focusedKey(app);
  for (let i = 0; i < 12 && !at.startsWith('batch:'); i++) at = await step(app, 'Tab');
  expect(at).toMatch(/^batch:/);
  const top = at;
  at = await step(app, 'ArrowDown');
  expect(at, 'the folder batch header').toMatch(/^batch:/);
  const folderBatch = at;
  at = await step(app, 'End');
  const last = app.locator(`[data-key="${at}"]`);
  await expect(last).toContainText('scan-00005.pdf');
  expect(await step(app, 'Home')).toBe(top);

  // Space pauses the focused file (the last one, still queued behind the others on a slow link).
  expect(await step(app, 'End')).toBe(await last.getAttribute('data-key'));
  await step(app, ' ');
  await expect(last).toHaveAttribute('data-status', 'paused');

  // Enter opens its details; Esc closes them and focus is back on the row.
  await step(app, 'Enter');
  await expect(app.getByTestId('item-details')).toContainText('scan-00005.pdf');
  await step(app, 'Escape');
  await expect(app.getByTestId('item-details')).toBeHidden();
  await expect(last).toBeFocused();

  // Cancel the folder's batch from its header: Tab past the fold toggle to Cancel, the question, Tab to the yes.
  await step(app, 'Home');
  expect(await step(app, 'ArrowDown')).toBe(folderBatch);
  await step(app, 'Tab');
  await step(app, 'Tab');
  await expect(app.locator(`[data-key="${folderBatch}"] [data-action="cancel-batch"]`)).toBeFocused();
  await step(app, 'Enter');
  const dialog = app.getByRole('alertdialog', { name: 'Cancel this batch?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('going to Keyboard batch');
  await expect(dialog.getByTestId('confirm-no')).toBeFocused();
  await step(app, 'Tab');
  await expect(dialog.getByTestId('confirm-yes')).toBeFocused();
  await step(app, 'Enter');
  await expect(dialog).toBeHidden();
  await expect(last).toHaveAttribute('data-status', 'cancelled', { timeout: 10_000 });
  expect(await focusedKey(app)).not.toBe('<body>');

  // Retry a cancelled file from its row: to the row, Tab to its Retry, Enter.
  at = await step(app, 'End');
  const row = app.locator(`[data-key="${at}"]`);
  await expect(row).toHaveAttribute('data-status', 'cancelled');
  await step(app, 'Tab');
  await expect(row.locator('[data-action="retry"]')).toBeFocused();
  await step(app, 'Enter');
  await expect(row).not.toHaveAttribute('data-status', 'cancelled', { timeout: 10_000 });

  // Filter the Queue (⌘F): the menu's handler shows the queue and the page focuses the chosen filter.
  await app.getByRole('button', { name: 'Settings', exact: true }).focus();
  await step(app, 'Enter');
  await harness.menu({ kind: 'filter' });
  await expect(app.locator('[data-filter="all"]')).toBeFocused();
});
