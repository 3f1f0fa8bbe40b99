// Scenario 5: a document fails to parse; the queue and the documents view say so, and reparse brings it to "parsed".
import { join } from 'node:path';
import { writeFile } from '../fixtures/make-files';
import { dropPaths } from './harness';
import { checkA11y, expect, openNewSession, shoot, test } from './fixtures';

test('a failed parse, then reparse @screenshot', async ({ app, harness }) => {
  test.setTimeout(120_000);
  await openNewSession(app, harness, 'Reparse test');
  harness.emu.setParsing({ failRate: 1 });
  const ok = writeFile(join(harness.filesDir, 'blurry-scan.pdf'), 'pdf');
  await dropPaths(app, [ok]);

  const row = app.locator('[role="listitem"]').first();
  await expect(row).toContainText('Parse failed', { timeout: 60_000 });
  await app.locator('[data-filter="attention"]').click();
  await expect(app.locator('[role="listitem"]')).toHaveCount(1);
  await shoot(app, 'queue-parse-failed', { dark: true });
  await app.locator('[data-filter="all"]').click();

  harness.emu.setParsing({ failRate: 0 });
  await app.getByRole('button', { name: 'Documents' }).click();
  const doc = app.getByTestId('document-row');
  await expect(doc).toHaveCount(1);
  await expect(doc).toHaveAttribute('data-status', 'Parse failed', { timeout: 30_000 });
  await expect(doc).toContainText('blurry-scan.pdf');
  await checkA11y(app, 'documents with a failed parse');
  await shoot(app, 'documents-parse-failed', { dark: true });

  await doc.getByRole('button', { name: 'Reparse' }).click();
  await expect(doc).toHaveAttribute('data-status', 'Parsed', { timeout: 60_000 });
});
