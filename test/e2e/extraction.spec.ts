// Issue 10 in the window: drop 3 files → stored → "Run extraction on 3 documents" where the files are → parsing →
// completed; the result's fields with their source pages; Download Excel writes a real workbook; a failed run says so.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { defaultVariants } from '../emulator/index';
import { writeFile } from '../fixtures/make-files';
import { dropPaths } from './harness';
import { checkA11y, expect, openNewSession, shoot, test } from './fixtures';

/** The seeded Invoices template's fields (test/emulator/seed.ts), by group. */
const INVOICE_FIELDS = { invoice: ['invoice_number', 'total', 'due_date'], supplier: ['name', 'vat_id'] };
const FIELD_NAMES = Object.values(INVOICE_FIELDS).flat();

test.describe('a run to a readable result', () => {
  // Slow parsing a little, so the run is seen waiting on it.
  test.use({ harnessOptions: { emulator: { parsing: { stepMs: 1200 } } } });

  test('drop 3 files, run where they are, see it parse and complete, read the fields, download Excel @screenshot', async ({ app, harness }) => {
    test.setTimeout(120_000);
    await openNewSession(app, harness, 'Q1 supplier invoices');
    const files = ['invoice-0042.pdf', 'invoice-0043.pdf', 'credit-note-7.pdf'].map((n) => writeFile(join(harness.filesDir, n), 'pdf'));
    await dropPaths(app, files);
    await expect(app.locator('[role="listitem"][data-status="done"]')).toHaveCount(3, { timeout: 60_000 });

    // The batch's header offers the run right there; its state there opens the result in the documents view.
    const header = app.locator('[data-kind="batch"]');
    const run = header.getByRole('button', { name: 'Run extraction' });
    await expect(run).not.toHaveAttribute('aria-disabled', 'true', { timeout: 15_000 });
    await expect(header.getByRole('button', { name: 'Open in Raydocs' })).toBeVisible();
    await expect(app.getByTestId('stored-batch-actions'), 'no run strip takes the list\'s room').toHaveCount(0);
    await checkA11y(app, 'queue with a batch ready to run');
    await run.click();
    await expect(app.getByTestId('announcer')).toContainText('Extraction started on 3 documents');

    // The run's life, live: its state takes the button's place in the header and opens the documents view, where
    // the documents' parsing is counted, then it completes.
    const state = header.locator('[data-action="view-run"]');
    await expect(state).toHaveAttribute('data-run-status', /^(created|parsing_pending)$/, { timeout: 30_000 });
    await state.click();
    const status = app.getByTestId('result-view').getByTestId('extraction-result');
    await expect(status).toHaveAttribute('data-run-status', 'parsing_pending', { timeout: 30_000 });
    await expect(app.getByTestId('run-parsing')).toContainText(/Parsing \d of 3 documents/);
    await expect(status).toHaveAttribute('data-run-status', 'completed', { timeout: 60_000 });
    await expect(status).toContainText('Extraction complete');
    await expect(app.getByTestId('announcer')).toContainText('Extraction complete');

    // The result, readable: title, document count, each template field with a value and a source page.
    const view = app.getByTestId('result-view');
    await expect(view).toBeVisible();
    await expect(view.getByRole('heading', { level: 3 })).not.toHaveText(/^(Untitled result|Extraction)$/);
    await expect(view).toContainText('3 documents');
    const table = view.getByRole('table', { name: /Extracted fields/ });
    await expect(table.getByTestId('result-field')).toHaveCount(FIELD_NAMES.length, { timeout: 15_000 });
    for (const [group, fields] of Object.entries(INVOICE_FIELDS)) {
      await expect(table.getByRole('rowheader', { name: group, exact: true })).toBeVisible();
      for (const f of fields) {
        const row = table.locator(`[data-testid="result-field"][data-field="${f}"]`);
        await expect(row.getByTestId('result-page')).toHaveText(/^p\. \d+$/);
        await expect(row.locator('td.value')).not.toHaveText('—');
      }
    }
    await expect(view.getByTestId('run-history-item')).toHaveCount(1);
    await checkA11y(app, 'result view');
    await shoot(app, 'result', { dark: true });

    // Download Excel: main asks where (the harness answers), streams the workbook there, and the window says where.
    await view.getByRole('button', { name: 'Download Excel' }).click();
    await expect(view.getByTestId('result-note')).toContainText('Saved', { timeout: 30_000 });
    expect(harness.shell.saveAsked).toHaveLength(1);
    const asked = harness.shell.saveAsked[0]!;
    expect(asked.kind).toBe('file');
    const saved = join(harness.shell.saveDir, asked.kind === 'file' ? asked.defaultName : '');
    expect(saved.endsWith('.xlsx')).toBe(true);
    expect(existsSync(saved)).toBe(true);
    await expect(view.getByTestId('result-note')).toContainText(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const text: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => text.push(String(cell.text)))));
    for (const f of FIELD_NAMES) expect(text.some((t) => t.includes(f)), `field ${f} in the workbook`).toBe(true);

    // Open in Raydocs: the session's dashboard page, through main's external opener.
    await view.getByRole('button', { name: 'Open in Raydocs' }).click();
    await expect.poll(() => harness.shell.opened.at(-1)).toMatch(/^https:\/\/app\.raydocs\.com\/extractions\/sessions\//);

    // A clicked run notification (main's navigate event naming the result) opens that result from another view.
    const resultId = await view.getAttribute('data-result-id');
    await app.getByRole('button', { name: 'Queue', exact: true }).click();
    await expect(view).toBeHidden();
    await app.evaluate((id) => window.__raydocsDeliver('navigate', { view: 'documents', resultId: id }), resultId);
    await expect(app.getByTestId('result-view')).toHaveAttribute('data-result-id', resultId!);
  });
});

test.describe('while uploads to the session run', () => {
  test.use({ harnessOptions: { engine: { bandwidthLimitBps: 400_000 } } });

  test('the run button is disabled and says why, then runs on every document', async ({ app, harness }) => {
    test.setTimeout(90_000);
    await openNewSession(app, harness, 'Big scans');
    const big = join(harness.filesDir, 'big-scan.pdf');
    writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2_000_000), Buffer.from('\n%%EOF\n')]));
    await dropPaths(app, [writeFile(join(harness.filesDir, 'small.pdf'), 'pdf'), big]);
    // The small file is stored first: the header offers the run, waiting (and saying so) for the big one.
    const run = app.locator('[data-kind="batch"]').getByRole('button', { name: 'Run extraction' });
    await expect(run).toHaveAttribute('aria-disabled', 'true', { timeout: 30_000 });
    await expect(run).toHaveAccessibleDescription('Waiting for 1 upload to finish');
    // A click while it waits starts nothing (a run on 1 document would then refuse the one on 2 below). Forced:
    // Playwright waits for an aria-disabled button to be enabled before clicking it, as it does for a disabled one.
    await run.click({ force: true });
    await expect(run).toHaveAttribute('aria-disabled', 'true');
    await expect(run).not.toHaveAttribute('aria-disabled', 'true', { timeout: 60_000 });
    await expect(run).not.toHaveAttribute('aria-describedby', /./);
    // The documents view counts the session's documents on its own button.
    await app.getByRole('button', { name: 'Documents', exact: true }).click();
    await expect(app.getByRole('button', { name: 'Run extraction on 2 documents' })).toBeEnabled({ timeout: 15_000 });
    await expect(app.getByTestId('run-hint')).toHaveCount(0);
    await app.getByRole('button', { name: 'Queue', exact: true }).click();
    await run.click();
    await expect(app.getByTestId('announcer')).toContainText('Extraction started on 2 documents');
  });
});

test.describe('a failed run', () => {
  // Raydocs documents no failure field: the emulator gives its words only under this reading.
  test.use({ harnessOptions: { emulator: { variants: [...defaultVariants(), 'run-failure-reason'] } } });

  test('shows its state and the server\'s words', async ({ app, harness }) => {
    test.setTimeout(90_000);
    harness.emu.setFaults({ runFailRate: 1 });
    await openNewSession(app, harness, 'Doomed batch');
    await dropPaths(app, [writeFile(join(harness.filesDir, 'scan-1.pdf'), 'pdf'), writeFile(join(harness.filesDir, 'scan-2.pdf'), 'pdf')]);
    await expect(app.locator('[role="listitem"][data-status="done"]')).toHaveCount(2, { timeout: 60_000 });

    await app.getByRole('button', { name: 'Documents', exact: true }).click();
    await app.getByRole('button', { name: 'Run extraction on 2 documents' }).click();
    const view = app.getByTestId('result-view');
    await expect(view.getByTestId('extraction-result')).toHaveAttribute('data-run-status', 'failed', { timeout: 60_000 });
    await expect(view.getByTestId('extraction-result')).toContainText('Extraction failed');
    await expect(view.getByTestId('run-failure')).toHaveText(/\S/);
    await expect(view.getByTestId('run-failure')).not.toContainText('Raydocs did not say why');
    await expect(view.getByRole('button', { name: 'Download Excel' })).toBeDisabled();
    await expect(view.getByRole('table')).toHaveCount(0);
    await expect(app.getByTestId('announcer')).toContainText('Extraction failed');
    await checkA11y(app, 'failed run');
  });
});

test('one session per file: each file\'s run and title, then all results in one spreadsheet', async ({ app, harness }) => {
  test.setTimeout(120_000);
  await app.getByRole('button', { name: 'Choose…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Where should files go?' });
  await dialog.getByRole('tab', { name: 'One per file' }).click();
  await dialog.getByRole('radio', { name: 'Invoices' }).check();
  await expect(dialog.getByLabel(/Run the extraction automatically/)).toBeChecked();
  await dialog.getByRole('button', { name: 'Use one session per file' }).click();
  const names = ['inv-a.pdf', 'inv-b.pdf', 'inv-c.pdf'];
  await dropPaths(app, names.map((n) => writeFile(join(harness.filesDir, n), 'pdf')));
  await expect(app.locator('[role="listitem"][data-status="done"]')).toHaveCount(3, { timeout: 60_000 });

  // The batch's header names where the files went and lists those sessions: "Show sessions" opens that batch's list.
  const header = app.locator('[data-kind="batch"]');
  await expect(header).toContainText('→ 3 new sessions (Invoices)');
  await checkA11y(app, 'a one-session-per-file batch header');
  await header.getByRole('button', { name: 'Show sessions' }).click();
  await expect(app.getByRole('heading', { name: 'Sessions made one per file' })).toBeVisible();
  await expect(app.getByTestId('per-file-all')).toBeVisible();

  // Each file's session runs by itself (auto_extract): its row shows the run's state, then the result's title.
  const rows = app.getByTestId('per-file-session');
  await expect(rows).toHaveCount(3);
  await expect(app.locator('[data-testid="per-file-session"][data-run-status="completed"]')).toHaveCount(3, { timeout: 90_000 });
  for (const n of names) await expect(rows.filter({ hasText: n })).toContainText('Extraction complete');
  await expect(rows.first().locator('.what .muted')).not.toHaveText('Invoices');

  await rows.filter({ hasText: 'inv-a.pdf' }).getByRole('button', { name: 'View result: inv-a.pdf' }).click();
  await expect(app.getByTestId('result-view').getByTestId('result-field')).toHaveCount(FIELD_NAMES.length);
  await checkA11y(app, 'one session per file with a result');

  // Download all: one workbook from the batch export (or one per session into a folder), saved where main asked.
  await app.getByRole('button', { name: 'Download all as one spreadsheet' }).click();
  await expect(app.getByTestId('result-note')).toContainText('Saved', { timeout: 30_000 });
  expect(harness.shell.saveAsked).toHaveLength(1);
  const asked = harness.shell.saveAsked[0]!;
  const paths = asked.kind === 'file' ? [join(harness.shell.saveDir, asked.defaultName)] : readdirSync(harness.shell.saveDir).map((f) => join(harness.shell.saveDir, f));
  expect(paths.length).toBeGreaterThan(0);
  const text: string[] = [];
  for (const p of paths) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(p);
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => text.push(String(cell.text)))));
  }
  for (const f of FIELD_NAMES) expect(text.some((t) => t.includes(f)), `field ${f} in the workbook`).toBe(true);
});
