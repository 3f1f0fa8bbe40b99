// Scenarios 4 and 6: the emulator goes away mid-upload and comes back (the queue finishes by itself), and pause-all / resume-all.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dropPaths } from './harness';
import { checkA11y, expect, openNewSession, shoot, test } from './fixtures';

/** PDFs of `size` bytes with unique content. */
function bigPdfs(dir: string, names: string[], size: number): string[] {
  return names.map((n) => {
    const p = join(dir, n);
    writeFileSync(p, Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size), Buffer.from('\n%%EOF\n')]));
    return p;
  });
}

test.describe('outage', () => {
  // Slow enough that uploads are still running after the checks of the uploading queue, even on a loaded machine;
  // the limit is lifted once the outage is over (it only paces bytes: it does not wake the queue).
  test.use({ harnessOptions: { engine: { bandwidthLimitBps: 200_000 } } });

  test('offline banner while the emulator is down; the queue finishes by itself @screenshot', async ({ app, harness }) => {
    test.setTimeout(120_000);
    await openNewSession(app, harness, 'Outage test');
    const files = bigPdfs(harness.filesDir, ['q1-report.pdf', 'q2-report.pdf', 'q3-report.pdf', 'q4-report.pdf'], 2_000_000);
    await dropPaths(app, files);
    await expect(app.locator('[role="listitem"][data-status="uploading"]').first()).toBeVisible({ timeout: 20_000 });
    await expect(app.locator('[role="listitem"][data-status="uploading"]').first()).toContainText(/KB\/s|MB\/s/, { timeout: 10_000 });
    await checkA11y(app, 'queue uploading');
    await shoot(app, 'queue-uploading', { dark: true });

    // A long outage, ended by the test once the banner has been checked, so timing cannot hide it.
    harness.emu.outage(120);
    const banner = app.getByTestId('offline-banner');
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(banner.getByRole('button', { name: 'Retry now' })).toBeVisible();
    await checkA11y(app, 'offline banner');
    await shoot(app, 'offline', { dark: true });
    await banner.getByRole('button', { name: 'Retry now' }).click();
    await expect(banner).toBeVisible();
    harness.emu.outage(0);
    expect((await harness.service.invoke('settings:set', { bandwidthLimitBps: 0 })).ok).toBe(true);

    await expect(banner).toBeHidden({ timeout: 40_000 });
    await expect(app.locator('[role="listitem"][data-status="done"]')).toHaveCount(4, { timeout: 60_000 });
    // Exactly once: one link per file, and no attach request repeated (the server would shrug a repeat off).
    expect(harness.emu.inspect().attachments.every((a) => a.count === 1 && a.duplicates === 0)).toBe(true);
  });
});

test.describe('pause', () => {
  test.use({ harnessOptions: { engine: { bandwidthLimitBps: 300_000, concurrency: 2 } } });

  test('pause-all stops uploads; resume-all finishes them @screenshot', async ({ app, harness }) => {
    test.setTimeout(120_000);
    await openNewSession(app, harness, 'Pause test');
    const files = bigPdfs(harness.filesDir, ['a.pdf', 'b.pdf', 'c.pdf', 'd.pdf', 'e.pdf'], 400_000);
    await dropPaths(app, files);
    await expect(app.locator('[role="listitem"][data-status="uploading"]').first()).toBeVisible({ timeout: 20_000 });

    await app.getByTestId('pause-all').click();
    await expect(app.getByTestId('resume-all')).toBeVisible();
    await expect(app.locator('[role="listitem"][data-status="uploading"]')).toHaveCount(0, { timeout: 10_000 });
    await expect(app.locator('[role="listitem"][data-status="paused"]').first()).toBeVisible();
    const uploadsWhilePaused = harness.emu.inspect().uploads;
    await app.waitForTimeout(1500);
    expect(harness.emu.inspect().uploads).toBe(uploadsWhilePaused);
    await checkA11y(app, 'paused queue');
    await shoot(app, 'queue-paused', { dark: true });

    await app.getByTestId('resume-all').click();
    await expect(app.getByTestId('pause-all')).toBeVisible();
    await expect(app.locator('[role="listitem"][data-status="done"]')).toHaveCount(5, { timeout: 60_000 });
  });
});
