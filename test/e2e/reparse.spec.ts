// Scenario 5: an extraction run parses the stored documents and they fail to parse; the queue rows (still stored,
// never failed uploads) and the documents view say so, and reparse (from a row and from the documents view) brings
// them to "parsed".
import { join } from 'node:path';
import { writeFile } from '../fixtures/make-files';
import { dropPaths } from './harness';
import { checkA11y, expect, openNewSession, shoot, test } from './fixtures';

test('a failed parse, then reparse @screenshot', async ({ app, harness }) => {
  test.setTimeout(120_000);
  await openNewSession(app, harness, 'Reparse test');
  harness.emu.setParsing({ failRate: 1 });
  const first = writeFile(join(harness.filesDir, 'blurry-scan.pdf'), 'pdf');
  const second = writeFile(join(harness.filesDir, 'faded-fax.pdf'), 'pdf');
  await dropPaths(app, [first, second]);
  await expect(app.locator('[role="listitem"][data-status="done"]')).toHaveCount(2, { timeout: 60_000 });

  // Parsing starts with a run (upload is storage-only); this one cannot parse either document.
  await app.getByRole('button', { name: 'Documents', exact: true }).click();
  await app.getByTestId('run-extraction').click();
  const doc = app.getByTestId('document-row').filter({ hasText: 'faded-fax.pdf' });
  await expect(app.getByTestId('document-row')).toHaveCount(2);
  await expect(doc).toHaveAttribute('data-status', 'Parse failed', { timeout: 30_000 });
  await checkA11y(app, 'documents with a failed parse');
  await shoot(app, 'documents-parse-failed', { dark: true });

  // The queue: both rows are stored, with the parse failure beside it and reparse; nothing needs the upload again.
  await app.getByRole('button', { name: 'Queue' }).click();
  const rows = app.locator('[role="listitem"][data-status="done"]');
  await expect(rows.filter({ hasText: 'Parse failed' })).toHaveCount(2, { timeout: 30_000 });
  await expect(rows.first()).toContainText('Stored in Reparse test');
  await app.locator('[data-filter="attention"]').click();
  await expect(app.getByText('Nothing needs your attention.')).toBeVisible();
  await app.locator('[data-filter="all"]').click();
  await checkA11y(app, 'queue with failed parses');
  await shoot(app, 'queue-parse-failed', { dark: true });

  // Reparse from the queue row: the row stays stored and follows the new parse until it is parsed.
  harness.emu.setParsing({ failRate: 0 });
  const firstRow = app.locator('[role="listitem"]', { hasText: 'blurry-scan.pdf' });
  await firstRow.locator('[data-action="reparse"]').click();
  await expect(firstRow).toContainText('Parsed', { timeout: 60_000 });
  await expect(firstRow).toHaveAttribute('data-status', 'done');

  // Reparse from the documents view.
  await app.getByRole('button', { name: 'Documents', exact: true }).click();
  await doc.getByRole('button', { name: 'Reparse' }).click();
  await expect(doc).toHaveAttribute('data-status', 'Parsed', { timeout: 60_000 });
});
