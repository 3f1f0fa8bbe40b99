// The queue by keyboard alone, with no mouse event at all: the target chosen in the picker by Tab, arrows and typing,
// a file added with the Add files button (it fails: storage refuses its PUT), a folder added through the menu's Add
// Folder handler (⇧⌘O), the list as one Tab stop with arrows and Home/End, Space pauses a file, Enter opens its
// details and Esc closes them, the folder's batch cancelled through its header and the in-page question, and the
// failed file retried with its batch's "Retry failed", then the menu's Filter (⌘F) from another view. After every key,
// focus is somewhere, never on <body>.
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { writePdfs } from './queue-helpers';

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

/** Tabs forward until `target` has focus (at most `max` presses), checking after each that focus is not lost. */
async function tabTo(page: Page, target: Locator, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await step(page, 'Tab');
  }
  await expect(target).toBeFocused();
}

test('keyboard only: choose the target, add a folder by the menu, move, pause, details, cancel the batch, retry failed, filter by the menu', async ({ app, harness }) => {
  test.setTimeout(120_000);
  // Any pointer or mouse event the page sees is counted: keyboard activation fires click, never these.
  await app.evaluate(() => {
    const w = window as unknown as { pointerEvents: number };
    w.pointerEvents = 0;
    for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'mousemove', 'wheel']) window.addEventListener(type, () => w.pointerEvents++, true);
  });
  const ws = harness.emu.seed.workspaces[0]!;
  const created = await harness.service.invoke('sessions:create', { workspaceId: ws.id, templateId: ws.templates[0]!.id, name: 'Keyboard batch' });
  if (!created.ok) throw new Error(created.error.message);

  // The picker by keyboard: Tab to the header's Choose…, Enter, Tab to the tabs, arrows to "Paste a link", type, Enter.
  const target = app.getByTestId('current-target');
  const choose = target.getByRole('button');
  await tabTo(app, choose);
  await step(app, 'Enter');
  const dialog = app.getByRole('dialog', { name: 'Where should files go?' });
  await expect(dialog).toBeVisible();
  const linkTab = dialog.getByRole('tab', { name: 'Paste a link' });
  await tabTo(app, dialog.locator('[role="tab"][aria-selected="true"]'));
  for (let i = 0; i < 4 && (await linkTab.getAttribute('aria-selected')) !== 'true'; i++) await step(app, 'ArrowRight');
  await expect(linkTab).toBeFocused();
  await tabTo(app, dialog.getByLabel('Open by ID or dashboard link'));
  await app.keyboard.type(`https://app.raydocs.com/workspaces/${ws.id}/extractions/sessions/${created.value.id}`);
  await step(app, 'Enter');
  await expect(dialog).toBeHidden();
  await expect(target).toContainText('Keyboard batch');
  // Focus went back to the button that opened the picker.
  await expect(choose).toBeFocused();

  // One file through Add files, while storage refuses every PUT (400): it fails, and is the one retried at the end.
  harness.emu.setFaults({ errorRate: 1, errorStatuses: [400], routes: ['/s3/'] });
  harness.picks.files = writePdfs(join(harness.filesDir, 'first'), 1, 'first');
  await tabTo(app, app.getByTestId('add-files').first());
  await step(app, 'Enter');
  const firstRow = app.locator('[role="listitem"][data-status]', { hasText: 'first-00000.pdf' });
  await expect(firstRow).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  // Its reason reads for a person, with storage's status and code after it, not S3's XML.
  await expect(firstRow).toContainText(/storage refused the upload \(400: \w+/i);
  await expect(firstRow).not.toContainText('<?xml');
  // The drop area that held the button is gone; focus moved to the strip's own Add files.
  await expect(app.getByTestId('summary').getByTestId('add-files')).toBeFocused();
  harness.emu.setFaults([]);

  // A folder through the menu's Add Folder (the accelerator's handler): it goes to the target the last files went to.
  const paths = writePdfs(join(harness.filesDir, 'scans'), 6, 'scan', 40_000);
  harness.picks.folder = [join(harness.filesDir, 'scans')];
  await harness.menu({ kind: 'add-folder' });
  await expect(app.locator('[role="listitem"][data-status]')).toHaveCount(paths.length + 1, { timeout: 30_000 });
  expect(await focusedKey(app), 'focus after the menu added a folder').not.toBe('<body>');

  // Tab into the list: one stop, on the first row (the first file's batch header).
  let at = await focusedKey(app);
  for (let i = 0; i < 25 && !at.startsWith('batch:'); i++) at = await step(app, 'Tab');
  expect(at).toMatch(/^batch:/);
  const failedBatch = at;
  // Down past the failed file's row to the folder's header.
  at = await step(app, 'ArrowDown');
  if (!at.startsWith('batch:')) at = await step(app, 'ArrowDown');
  expect(at, 'the folder batch header').toMatch(/^batch:/);
  const folderBatch = at;
  at = await step(app, 'End');
  const last = app.locator(`[data-key="${at}"]`);
  await expect(last).toContainText('scan-00005.pdf');
  expect(await step(app, 'Home')).toBe(failedBatch);

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
  at = await step(app, 'ArrowDown');
  if (at !== folderBatch) at = await step(app, 'ArrowDown');
  expect(at).toBe(folderBatch);
  await step(app, 'Tab');
  await step(app, 'Tab');
  await expect(app.locator(`[data-key="${folderBatch}"] [data-action="cancel-batch"]`)).toBeFocused();
  await step(app, 'Enter');
  const question = app.getByRole('alertdialog', { name: 'Cancel this batch?' });
  await expect(question).toBeVisible();
  await expect(question).toContainText('going to Keyboard batch');
  await expect(question.getByTestId('confirm-no')).toBeFocused();
  await step(app, 'Tab');
  await expect(question.getByTestId('confirm-yes')).toBeFocused();
  await step(app, 'Enter');
  await expect(question).toBeHidden();
  await expect(last).toHaveAttribute('data-status', 'cancelled', { timeout: 10_000 });
  expect(await focusedKey(app), 'focus after the batch was cancelled').not.toBe('<body>');

  // Retry the failed file with its batch's "Retry failed": Home to its header, Tab past the toggle, Enter.
  expect(await step(app, 'Home')).toBe(failedBatch);
  const retry = app.locator(`[data-key="${failedBatch}"] [data-action="retry-batch"]`);
  await tabTo(app, retry, 4);
  await step(app, 'Enter');
  // Stored, its batch folds away (a finished batch collapses): the queue's own record says done.
  const firstPath = harness.picks.files[0];
  await expect
    .poll(async () => {
      const snap = await harness.service.invoke('queue:snapshot', undefined);
      return snap.ok ? snap.value.items.find((i) => i.path === firstPath)?.state.status : null;
    }, { timeout: 30_000 })
    .toBe('done');
  await expect(app.locator(`[data-key="${failedBatch}"]`)).toContainText('1 stored');
  expect(await focusedKey(app), 'focus after Retry failed').not.toBe('<body>');
  // The cancelled files stay cancelled: Retry failed is for failures only.
  await expect(last).toHaveAttribute('data-status', 'cancelled');

  // Delete on a finished (cancelled) row removes it; focus goes to the row that was below it, not the one after.
  expect(await step(app, 'Home')).toBe(failedBatch);
  at = await step(app, 'ArrowDown');
  if (at !== folderBatch) at = await step(app, 'ArrowDown');
  const removed = await step(app, 'ArrowDown');
  await expect(app.locator(`[data-key="${removed}"]`)).toHaveAttribute('data-status', 'cancelled');
  const keys = await app.locator('[data-testid="queue-list"] [data-key]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key!));
  const next = keys[keys.indexOf(removed) + 1]!;
  expect(next, 'a row below the removed one').toBeTruthy();
  await step(app, 'Delete');
  await expect(app.locator(`[data-key="${removed}"]`)).toHaveCount(0);
  await expect.poll(() => focusedKey(app)).toBe(next);

  // Filter the Queue (⌘F) from another view: the menu's handler shows the queue and the page focuses the chosen filter.
  await app.getByRole('button', { name: 'Settings', exact: true }).focus();
  await step(app, 'Enter');
  await harness.menu({ kind: 'filter' });
  await expect(app.locator('[data-filter="all"]')).toBeFocused();

  expect(await app.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents), 'mouse or pointer events').toBe(0);
});
