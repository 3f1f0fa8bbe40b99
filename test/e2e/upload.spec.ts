// Scenarios 2 and 3: create a session, drop 3 files and a folder (an unsupported file is refused with its reason),
// every accepted file is stored (upload is storage-only), the documents view shows them unparsed, and an extraction
// parses them and runs to a titled result, which the queue rows follow.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFile } from '../fixtures/make-files';
import { defaultAutoParse } from '../emulator/index';
import { dropPaths } from './harness';
import { checkA11y, expect, expectNotClipped, openNewSession, shoot, test } from './fixtures';

test('new session, drop files and a folder, all stored, documents and extraction @screenshot', async ({ app, harness }) => {
  test.setTimeout(120_000);
  const dir = harness.filesDir;
  const a = writeFile(join(dir, 'invoice-0042.pdf'), 'pdf');
  const b = writeFile(join(dir, 'receipt-scan.png'), 'png');
  const fake = writeFile(join(dir, 'setup.pdf'), 'exe');
  const folder = join(dir, 'supplier-docs');
  mkdirSync(folder);
  writeFile(join(folder, 'contract.docx'), 'docx');
  writeFile(join(folder, 'delivery-note.jpeg'), 'jpeg');

  // Target picker: workspace first, then a new session from a template.
  await app.getByRole('button', { name: 'Choose…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Where should files go?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Workspace')).toHaveValue('1');
  await dialog.getByRole('tab', { name: 'Recent' }).click();
  await expect(dialog.getByText('No recent sessions in this workspace')).toBeVisible();
  await dialog.getByRole('tab', { name: 'New session' }).click();
  await dialog.getByRole('radio', { name: 'Invoices' }).check();
  await dialog.getByLabel('Name').fill('E2E supplier batch');
  await checkA11y(app, 'target picker');
  await shoot(app, 'target-picker', { dark: true });
  await dialog.getByRole('button', { name: 'Create session' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId('current-target')).toContainText('E2E supplier batch');
  await checkA11y(app, 'empty queue');
  await shoot(app, 'queue-empty', { dark: true });

  await dropPaths(app, [a, b, fake, folder]);
  const report = app.getByTestId('intake-report');
  await expect(report).toContainText('4 files queued');
  // The notice is short: the refused file and its reason are behind the "1 refused" chip.
  const chip = report.getByTestId('refused-chip');
  await expect(chip).toHaveText('1 refused');
  await expect(report.getByText('setup.pdf')).toBeHidden();
  await chip.click();
  await expect(chip).toHaveAttribute('aria-expanded', 'true');
  const refused = report.getByRole('list', { name: 'Refused files' });
  await expect(refused.getByText('setup.pdf')).toBeVisible();
  // A person's sentence first, the technical detail after it.
  await expect(refused.locator('.reason')).toHaveText('This is a Windows program, not a PDF (it starts with MZ)');
  await checkA11y(app, 'queue with intake report');
  await chip.click();
  await expect(refused).toBeHidden();

  // Every accepted file is stored: that is the end of the upload, nothing waits for parsing. File rows carry
  // data-status; the batch's header row is a listitem too, but not a file.
  const rows = app.locator('[role="listitem"][data-status]');
  await expect(rows).toHaveCount(4);
  await expect(app.locator('[role="listitem"][data-status="done"]')).toHaveCount(4, { timeout: 60_000 });
  await expect(app.locator('[role="listitem"][data-status="done"]').filter({ hasText: 'Stored in E2E supplier batch' })).toHaveCount(4);
  if (!defaultAutoParse()) await expect(rows.filter({ hasText: /Pars/ })).toHaveCount(0);
  await expect(app.getByTestId('announcer')).toContainText('Batch finished: 4 uploaded');
  await expectNotClipped(app, '.header .brand, .tabs, .summary .actions');
  await shoot(app, 'queue-done', { dark: true });

  // Filters.
  await app.locator('[data-filter="attention"]').click();
  await expect(app.getByText('Nothing needs your attention.')).toBeVisible();
  await app.locator('[data-filter="all"]').click();

  // Documents view: the session's documents, stored and not parsed until a run; the run parses them and completes.
  await app.getByRole('button', { name: 'Documents', exact: true }).click();
  await expect(app.getByTestId('document-row')).toHaveCount(4);
  if (!defaultAutoParse()) await expect(app.locator('[data-testid="document-row"][data-status="Stored, not parsed yet"]')).toHaveCount(4);
  await checkA11y(app, 'documents');
  await app.getByTestId('run-extraction').click();
  await expect(app.getByTestId('extraction-result')).toContainText('Extraction complete', { timeout: 60_000 });
  await expect(app.locator('[data-testid="document-row"][data-status="Parsed"]')).toHaveCount(4, { timeout: 30_000 });
  await shoot(app, 'documents', { dark: true });
  await app.getByRole('button', { name: 'Open in dashboard' }).click();
  await expect.poll(() => harness.shell.opened.length).toBe(1);
  expect(harness.shell.opened[0]).toMatch(/^https:\/\/app\.raydocs\.com\/extractions\/sessions\//);
  // The queue rows show the parse beside "stored" once the run started it.
  await app.getByRole('button', { name: 'Queue' }).click();
  await expect(app.locator('[role="listitem"][data-status="done"]').filter({ hasText: 'Parsed' })).toHaveCount(4, { timeout: 30_000 });
});

test('one session per file: 5 files make 5 sessions named after them, listed in the window and in recents', async ({ app, harness }) => {
  test.setTimeout(90_000);
  await app.getByRole('button', { name: 'Choose…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Where should files go?' });
  await dialog.getByLabel('Workspace').selectOption({ label: 'Legal' });
  await dialog.getByRole('tab', { name: 'One per file' }).click();
  // Legal has 17 templates: two pages.
  await expect(dialog.getByText('Page 1 of 2')).toBeVisible();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect(dialog.getByText('Page 2 of 2')).toBeVisible();
  await dialog.getByRole('button', { name: 'Previous' }).click();
  await dialog.getByRole('radio', { name: 'Contracts' }).check();
  await expect(dialog.getByLabel(/Run the extraction automatically/)).toBeChecked();
  await dialog.getByRole('button', { name: 'Use one session per file' }).click();
  await expect(app.getByTestId('current-target')).toContainText('One session per file · Contracts');
  await expect(app.getByTestId('current-target')).toContainText('Legal');

  const names = ['nda-acme.pdf', 'nda-beta.docx', 'lease-2024.pdf', 'invoice-77.png', 'scan-3.jpeg'];
  const files = names.map((n) => writeFile(join(harness.filesDir, n), n.endsWith('.docx') ? 'docx' : n.endsWith('.png') ? 'png' : n.endsWith('.jpeg') ? 'jpeg' : 'pdf'));
  // The keyboard-reachable picker: "Add files…" opens the system dialog (here the fake shell returns the files).
  harness.picks.files = files;
  await app.getByTestId('add-files').focus();
  await app.keyboard.press('Enter');
  await expect(app.locator('[role="listitem"][data-status="done"]')).toHaveCount(5, { timeout: 60_000 });
  const snapshot = await harness.service.invoke('queue:snapshot', undefined);
  if (!snapshot.ok) throw new Error(snapshot.error.message);
  const sessions = new Set(snapshot.value.items.map((i) => (i.state.status === 'done' ? i.state.sessionId : '')));
  expect(sessions.size).toBe(5);

  // Each session is named after its file (batch create calls them all "Pending…"), listed in the window, and recent.
  await app.getByRole('button', { name: 'Documents', exact: true }).click();
  const listed = app.getByTestId('per-file-session');
  await expect(listed).toHaveCount(5);
  for (const n of names) await expect(listed.filter({ hasText: n })).toHaveCount(1);
  await checkA11y(app, 'sessions made one per file');
  const legal = harness.emu.seed.workspaces.find((w) => w.name === 'Legal')!;
  const recent = await harness.service.invoke('sessions:recent', { workspaceId: legal.id });
  if (!recent.ok) throw new Error(recent.error.message);
  expect(recent.value.filter((r) => sessions.has(r.id)).map((r) => r.name).sort()).toEqual([...names].sort());
  for (const item of snapshot.value.items) {
    if (item.state.status !== 'done') continue;
    const res = await fetch(`${harness.emu.url}/extractions/sessions/${item.state.sessionId}`, { headers: { authorization: `Bearer ${harness.emu.token}`, accept: 'application/json' } });
    const body = (await res.json()) as { data?: { name: string }; name?: string };
    expect((body.data ?? body).name).toBe(item.name);
  }
});

test('a folder with nothing Raydocs takes says so, and each refusal reads for a person first', async ({ app, harness }) => {
  await openNewSession(app, harness, 'Nothing supported');
  const folder = join(harness.filesDir, 'spreadsheets');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'budget.xlsx'), 'PK not a document');
  writeFileSync(join(folder, 'empty.pdf'), '');
  writeFileSync(join(folder, '.DS_Store'), 'junk');
  await dropPaths(app, [folder]);
  const report = app.getByTestId('intake-report');
  await expect(report.getByTestId('intake-text')).toHaveText('Nothing to upload: none of these is a PDF, Word, PowerPoint or image file (2 refused, 1 hidden or system file skipped)');
  await report.getByTestId('refused-chip').press('Enter');
  const refused = report.getByRole('list', { name: 'Refused files' });
  await expect(refused.locator('li', { hasText: 'empty.pdf' }).locator('.reason')).toHaveText('This file is empty, so there is nothing to upload (0 bytes)');
  await expect(refused.locator('li', { hasText: 'budget.xlsx' }).locator('.reason')).toHaveText(/^Raydocs does not take this kind of file: it takes PDF, Word, PowerPoint and image files \(\.xlsx; accepted: \.pdf, /);
  // Nothing was queued, and the notice stays until dismissed: it is the only record of what happened.
  await expect(app.locator('[role="listitem"][data-status]')).toHaveCount(0);
  await checkA11y(app, 'a drop with nothing supported');
});
