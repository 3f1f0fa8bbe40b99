// Recent sessions (name, document count, status, search), the drop hover state, reveal-in-folder, and the session links
// the picker offers: one on the clipboard, one dropped on the window.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeFile } from '../fixtures/make-files';
import { dropPaths } from './harness';
import { checkA11y, expect, openNewSession, shoot, test } from './fixtures';

test('recent sessions with counts and search; the window lights up while files are dragged over it @screenshot', async ({ app, harness }) => {
  const ws = harness.emu.seed.workspaces[0]!;
  // Sessions opened before are remembered; the seeded "March invoices" is one of them.
  for (const s of ws.sessions) {
    const r = await harness.service.invoke('sessions:open', { workspaceId: ws.id, input: s.id });
    expect(r.ok).toBe(true);
  }
  const sessionId = await openNewSession(app, harness, 'Quarterly statements');
  await dropPaths(app, [writeFile(join(harness.filesDir, 'statement-q1.pdf'), 'pdf'), writeFile(join(harness.filesDir, 'statement-q2.pdf'), 'pdf')]);
  await expect(app.locator('[role="listitem"][data-status="done"]')).toHaveCount(2, { timeout: 60_000 });

  await app.getByRole('button', { name: 'Change' }).click();
  const dialog = app.getByRole('dialog', { name: 'Where should files go?' });
  const current = dialog.locator('button.session[aria-current="true"]');
  await expect(current).toContainText('Quarterly statements');
  await expect(current).toContainText('2 documents', { timeout: 10_000 });
  await expect(dialog.locator('button.session')).toHaveCount(1 + ws.sessions.length);
  await checkA11y(app, 'target picker with recent sessions');
  await shoot(app, 'target-picker-recent', { dark: true });
  await dialog.getByLabel('Search recent sessions').fill('march');
  await expect(dialog.locator('button.session')).toHaveCount(1);
  await dialog.locator('button.session').click();
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId('current-target')).toContainText('March invoices');
  // Changing the target did not move what was queued before.
  const snap = await harness.service.invoke('queue:snapshot', undefined);
  expect(snap.ok && snap.value.items.every((i) => i.target.kind === 'session' && i.target.sessionId === sessionId)).toBe(true);

  // Reveal in folder goes through the shell.
  await app.locator('[role="listitem"][data-index="0"] [data-action="reveal"]').click();
  await expect.poll(() => harness.shell.revealed).toEqual([join(harness.filesDir, 'statement-q1.pdf')]);

  // Hover state while files are dragged over the window.
  await app.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], 'new.pdf'));
    document.body.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: dt }));
    document.body.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  await expect(app.locator('.drop-overlay')).toBeVisible();
  await expect(app.locator('.drop-overlay')).toContainText('to March invoices');
  await shoot(app, 'drop-hover', { dark: true });
  await app.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], 'new.pdf'));
    document.body.dispatchEvent(new DragEvent('dragleave', { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  await expect(app.locator('.drop-overlay')).toBeHidden();
});

test('the picker is tabs; choosing "One per file" and pressing Esc leaves the target exactly as it was', async ({ app, harness }) => {
  const sessionId = await openNewSession(app, harness, 'Kept target');
  await app.getByRole('button', { name: 'Change' }).click();
  const dialog = app.getByRole('dialog', { name: 'Where should files go?' });
  // Honest label and a row that says template · documents · when, not the API's status word.
  await expect(dialog.getByRole('heading', { name: 'Sessions used on this computer' })).toBeVisible();
  const row = dialog.locator('button.session[aria-current="true"]');
  await expect(row).toContainText('Invoices · 0 documents · used just now');
  await expect(row).not.toContainText('pending');

  // WAI-ARIA tabs: one Tab stop, arrows move and select, End jumps to the last.
  const recentTab = dialog.getByRole('tab', { name: 'Recent' });
  await expect(recentTab).toHaveAttribute('aria-selected', 'true');
  await recentTab.focus();
  await app.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('tab', { name: 'Paste a link' })).toBeFocused();
  await expect(dialog.getByRole('tab', { name: 'Paste a link' })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByLabel('Open by ID or dashboard link')).toBeVisible();
  await app.keyboard.press('End');
  const perFileTab = dialog.getByRole('tab', { name: 'One per file' });
  await expect(perFileTab).toBeFocused();
  await expect(dialog.getByRole('tabpanel')).toContainText('Each file gets its own new session');
  await dialog.getByRole('radio', { name: 'Invoices' }).check();
  await checkA11y(app, 'target picker tabs');

  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId('current-target')).toContainText('Kept target');
  await expect(app.getByTestId('current-target')).not.toContainText('One session per file');
  // And files still go there: the queue's own record of the drop names the kept session.
  await dropPaths(app, [writeFile(join(harness.filesDir, 'kept.pdf'), 'pdf')]);
  await expect.poll(async () => {
    const snap = await harness.service.invoke('queue:snapshot', undefined);
    return snap.ok ? snap.value.items.map((i) => (i.target.kind === 'session' ? i.target.sessionId : i.target.kind)) : [];
  }).toEqual([sessionId]);

  // Reopened, the picker shows the unchanged target on the Recent tab.
  await app.getByRole('button', { name: 'Change' }).click();
  await expect(dialog.getByRole('tab', { name: 'Recent' })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.locator('button.session[aria-current="true"]')).toContainText('Kept target');
});

test('a session link on the clipboard is offered in "Paste a link", and opened only when chosen', async ({ app, harness }) => {
  await openNewSession(app, harness, 'Before the clipboard');
  const ws = harness.emu.seed.workspaces[0]!;
  const copied = await harness.service.invoke('sessions:create', { workspaceId: ws.id, templateId: ws.templates[0]!.id, name: 'Copied session' });
  if (!copied.ok) throw new Error(copied.error.message);
  // Main reads the clipboard; any other text there is never offered.
  harness.shell.clipboard = 'a note, not a link';
  await app.getByRole('button', { name: 'Change' }).click();
  const dialog = app.getByRole('dialog', { name: 'Where should files go?' });
  await dialog.getByRole('tab', { name: 'Paste a link' }).click();
  await expect(dialog.getByLabel('Open by ID or dashboard link')).toBeVisible();
  await expect(dialog.getByTestId('clipboard-offer')).toHaveCount(0);
  await app.keyboard.press('Escape');

  harness.shell.clipboard = `https://app.raydocs.com/workspaces/${ws.id}/extractions/sessions/${copied.value.id}\n`;
  await app.getByRole('button', { name: 'Change' }).click();
  await dialog.getByRole('tab', { name: 'Paste a link' }).click();
  const offer = dialog.getByTestId('clipboard-offer');
  await expect(offer).toContainText('A session link is on your clipboard.');
  // Offered is not chosen: the target is still the one before.
  await expect(app.getByTestId('current-target')).toContainText('Before the clipboard');
  await offer.getByRole('button', { name: 'Use the copied link' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId('current-target')).toContainText('Copied session');
});

/** Drags a link over the window and drops it, as a dashboard tab's address bar does: true when the drag was taken. */
async function dropLink(page: Page, url: string): Promise<boolean> {
  return page.evaluate((link) => {
    const dt = new DataTransfer();
    dt.setData('text/uri-list', link);
    dt.setData('text/plain', link);
    const fire = (type: string) => document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    // dispatchEvent answers false when a listener took the event (preventDefault): a browser drops only then.
    const taken = !fire('dragenter') && !fire('dragover');
    fire('drop');
    return taken;
  }, url);
}

test('a dashboard link dropped on the window offers that session; the target changes once it is opened', async ({ app, harness }) => {
  await openNewSession(app, harness, 'Before the drop');
  const ws = harness.emu.seed.workspaces[0]!;
  const dropped = await harness.service.invoke('sessions:create', { workspaceId: ws.id, templateId: ws.templates[0]!.id, name: 'Dropped session' });
  if (!dropped.ok) throw new Error(dropped.error.message);
  const link = `https://app.raydocs.com/workspaces/${ws.id}/extractions/sessions/${dropped.value.id}`;

  // A link to anything else is no session: the drop does nothing.
  await dropLink(app, 'https://example.org/some/page');
  const dialog = app.getByRole('dialog', { name: 'Where should files go?' });
  await expect(app.locator('.drop-overlay')).toBeHidden();
  await expect(dialog).toBeHidden();

  expect(await dropLink(app, link), 'the window takes a link drag, so a real drop fires').toBe(true);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('tab', { name: 'Paste a link' })).toHaveAttribute('aria-selected', 'true');
  const offer = dialog.getByTestId('dropped-offer');
  const use = offer.getByRole('button', { name: 'Open the dropped session' });
  await expect(use).toBeFocused();
  await checkA11y(app, 'target picker offering a dropped link');
  // Esc leaves the target as it was, and the offer does not outlive its dialog.
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId('current-target')).toContainText('Before the drop');
  await app.getByRole('button', { name: 'Change' }).click();
  await dialog.getByRole('tab', { name: 'Paste a link' }).click();
  await expect(dialog.getByTestId('dropped-offer')).toHaveCount(0);
  await app.keyboard.press('Escape');

  await dropLink(app, link);
  await app.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId('current-target')).toContainText('Dropped session');
  // Main opened it (and checked the id again): it is the session files now go to.
  await dropPaths(app, [writeFile(join(harness.filesDir, 'after-drop.pdf'), 'pdf')]);
  await expect.poll(async () => {
    const snap = await harness.service.invoke('queue:snapshot', undefined);
    return snap.ok ? snap.value.items.map((i) => (i.target.kind === 'session' ? i.target.sessionId : i.target.kind)) : [];
  }).toEqual([dropped.value.id]);
});
