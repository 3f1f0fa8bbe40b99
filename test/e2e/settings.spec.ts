// Settings (concurrency, upload speed limit, notifications, launch at login, API URL, sign out), keyboard navigation and the signed-out banner.
import { join } from 'node:path';
import { writeFile } from '../fixtures/make-files';
import { dropPaths } from './harness';
import { checkA11y, expect, openNewSession, shoot, test } from './fixtures';

test('settings change through the bridge; sign out shows onboarding @screenshot', async ({ app, harness }) => {
  await app.getByRole('button', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await app.getByLabel('Parallel uploads').fill('2');
  await app.getByLabel('Parallel uploads').press('Tab');
  await expect(app.getByText('Parallel uploads saved.')).toBeVisible();
  expect((await harness.service.invoke('settings:get', undefined)).ok && (await harness.service.invoke('settings:get', undefined))).toMatchObject({ value: { concurrency: 2 } });
  await app.getByLabel('Upload speed limit (KB/s)').fill('512');
  await app.getByLabel('Upload speed limit (KB/s)').press('Tab');
  await expect(app.getByText('Upload speed limit saved.')).toBeVisible();
  await expect.poll(async () => {
    const s = await harness.service.invoke('settings:get', undefined);
    return s.ok && s.value.bandwidthLimitBps;
  }).toBe(512 * 1024);
  await app.getByLabel('Start Raydocs Uploader when I log in').check();
  await expect.poll(async () => {
    const s = await harness.service.invoke('settings:get', undefined);
    return s.ok && s.value.launchAtLogin;
  }).toBe(true);
  await checkA11y(app, 'settings');
  await shoot(app, 'settings', { dark: true });

  await app.getByRole('button', { name: 'Sign out' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in to Raydocs' })).toBeVisible();
});

test('keyboard: tabs, target picker and queue rows are reachable with visible focus', async ({ app, harness }) => {
  await openNewSession(app, harness, 'Keyboard test');
  await dropPaths(app, [writeFile(join(harness.filesDir, 'one.pdf'), 'pdf'), writeFile(join(harness.filesDir, 'two.png'), 'png')]);
  await expect(app.locator('[role="listitem"]')).toHaveCount(2);
  // Settled rows: a row whose state changes under the keyboard swaps its buttons (pause → remove) and drops the focus.
  await expect(app.locator('[role="listitem"][data-status="done"]')).toHaveCount(2, { timeout: 30_000 });

  // Closing the picker gave focus back to the button that opened it; Tab goes on to the view tabs and back.
  await expect(app.getByRole('button', { name: 'Change' })).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Queue' })).toBeFocused();
  await app.keyboard.press('Shift+Tab');
  await expect(app.getByRole('button', { name: 'Change' })).toBeFocused();
  const outline = await app.getByRole('button', { name: 'Change' }).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('dialog')).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog')).toBeHidden();
  await expect(app.getByRole('button', { name: 'Change' })).toBeFocused();

  // Rows: focus the first, arrow down moves to the second.
  await app.locator('[role="listitem"][data-index="0"]').focus();
  await app.keyboard.press('ArrowDown');
  await expect(app.locator('[role="listitem"][data-index="1"]')).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(app.locator('[role="listitem"][data-index="1"] button').first()).toBeFocused();

  // Signed out with items in the queue: a banner, not the onboarding screen, until the person chooses to sign in.
  await harness.service.invoke('auth:sign-out', undefined);
  const banner = app.getByTestId('signed-out-banner');
  await expect(banner).toBeVisible();
  await expect(app.locator('[role="listitem"]')).toHaveCount(2);
  await checkA11y(app, 'signed-out banner');
  await banner.getByRole('button', { name: 'Sign in' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in to Raydocs' })).toBeVisible();
});

test.describe('demo', () => {
  test.use({ harnessOptions: { demo: true } });
  test('the demo runs signed in under a visible Demo badge; navigate events switch views', async ({ app, harness }) => {
    await expect(app.locator('.badge.demo')).toHaveText('Demo');
    await expect(app.getByTestId('current-target')).toContainText('Uploading to');
    // A tray or notification click asks the window for a view.
    harness.service.window.navigate('settings');
    await expect(app.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect.poll(() => harness.service.window.currentView()).toBe('settings');
  });
});
