// Watched folders from Settings: main's dialog picks the folder, a file saved there is uploaded by itself, pause shows.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFile } from '../fixtures/make-files';
import { checkA11y, expect, openNewSession, test } from './fixtures';

test('watch a folder from Settings: a file saved there is stored by itself; pause and remove', async ({ app, harness }) => {
  const sessionId = await openNewSession(app, harness, 'Scanner inbox');
  const folder = join(harness.filesDir, 'Scans');
  mkdirSync(folder);
  harness.picks.folder = [folder];
  await app.getByRole('button', { name: 'Settings' }).click();
  const section = app.getByTestId('watched-folders');
  await expect(section.getByText('No folder is watched.')).toBeVisible();
  await expect(section.getByText('New files go into Scanner inbox.')).toBeVisible();
  await section.getByLabel('Include subfolders').check();
  // A settle time outside its range says the range and adds nothing.
  await section.getByLabel('Settle time (s)').fill('0');
  await section.getByRole('button', { name: 'Watch a folder…' }).click();
  await expect(section.getByText('The settle time must be from 0.5 to 600 seconds. Nothing was added.')).toBeVisible();
  expect(await harness.service.invoke('watches:list', undefined)).toMatchObject({ ok: true, value: [] });
  await section.getByLabel('Settle time (s)').fill('1');
  await section.getByRole('button', { name: 'Watch a folder…' }).click();
  await expect(section.getByText('Scans: watching')).toBeVisible({ timeout: 15_000 });
  // The list says how the watch was set up, not only where it sends files.
  await expect(section.getByText('with subfolders · leaves files in place · waits 1 s for a file to settle')).toBeVisible();
  // The page shows the folder's name, never its path.
  expect(await section.textContent()).not.toContain(harness.filesDir);

  writeFile(join(folder, 'scan-001.pdf'), 'pdf');
  await expect(section.getByText('last: scan-001.pdf')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => harness.emu.inspect().attachments.filter((a) => a.sessionId === sessionId).length, { timeout: 10_000 }).toBe(1);
  await checkA11y(app, 'settings with a watched folder');

  await section.getByRole('button', { name: 'Pause' }).click();
  await expect(section.getByText('Scans: paused')).toBeVisible();
  await section.getByRole('button', { name: 'Remove Scans' }).click();
  await expect(section.getByText('No folder is watched.')).toBeVisible();
});
