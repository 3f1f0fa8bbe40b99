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
  // File rows carry data-status; the batch's header row is a listitem too, but not a file.
  await expect(app.locator('[role="listitem"][data-status]')).toHaveCount(2);
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
  await expect(app.locator('[role="listitem"][data-status]')).toHaveCount(2);
  await checkA11y(app, 'signed-out banner');
  await banner.getByRole('button', { name: 'Sign in' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in to Raydocs' })).toBeVisible();
});

test.describe('demo', () => {
  test.use({ harnessOptions: { demo: true } });
  test('the demo runs signed in under a visible Demo badge; navigate events switch views', async ({ app, harness }) => {
    await expect(app.locator('.badge.demo')).toHaveText('Demo');
    await expect(app.getByTestId('current-target')).toContainText('New files go to');
    // A tray or notification click asks the window for a view.
    harness.service.window.navigate('settings');
    await expect(app.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect.poll(() => harness.service.window.currentView()).toBe('settings');
  });
});

test('settings validate inline: 40 parallel uploads names the range and saves nothing; account first; theme and Advanced', async ({ app, harness }) => {
  const read = async () => {
    const s = await harness.service.invoke('settings:get', undefined);
    if (!s.ok) throw new Error(s.error.message);
    return s.value;
  };
  const before = await read();
  await app.getByRole('button', { name: 'Settings' }).click();
  // Account comes first and says whose token this is.
  await expect(app.locator('.settings h3').first()).toHaveText('Account');
  await expect(app.getByTestId('signed-in-as')).toContainText(harness.emu.seed.workspaces[0]!.name);
  await expect(app.getByText('Queued files wait until you sign in again.')).toBeVisible();

  const field = app.getByLabel('Parallel uploads');
  await field.fill('40');
  await field.press('Tab');
  await expect(app.getByTestId('concurrency-error')).toHaveText('Parallel uploads must be a whole number from 1 to 16. Not saved.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // Not silently dropped: the typed value stays for the person to fix, and main holds the old one.
  await expect(field).toHaveValue('40');
  await expect(app.getByText('Parallel uploads saved.')).toBeHidden();
  expect((await read()).concurrency).toBe(before.concurrency);
  await checkA11y(app, 'settings with an invalid value');

  await field.fill('3');
  await field.press('Tab');
  await expect(app.getByText('Parallel uploads saved.')).toBeVisible();
  await expect(app.getByTestId('concurrency-error')).toBeHidden();
  expect((await read()).concurrency).toBe(3);

  await app.getByLabel('Appearance').selectOption({ label: 'Dark' });
  await expect.poll(async () => (await read()).theme).toBe('dark');

  // The API URL sits under Advanced, closed until asked for.
  await expect(app.getByLabel('API URL')).toBeHidden();
  await app.getByText('Advanced', { exact: true }).click();
  await expect(app.getByLabel('API URL')).toBeVisible();
  await checkA11y(app, 'settings with Advanced open');
});

for (const size of [{ width: 900, height: 600 }, { width: 720, height: 520 }]) {
  test(`a value refused on blur moves nothing under the pointer (${size.width}×${size.height})`, async ({ app }) => {
    await app.setViewportSize(size);
    await app.getByRole('button', { name: 'Settings' }).click();
    const field = app.getByLabel('Parallel uploads');
    const speed = app.getByLabel('Upload speed limit (KB/s)');
    const below = app.getByTestId('keep-file-names');
    const boxes = async () => Promise.all([speed, below].map(async (l) => (await l.boundingBox())!.y));
    // A refused value, then a click on the next field: the check runs as the click's mousedown blurs the first one.
    for (const [bad, check] of [['40', 'concurrency-error'], ['-3', 'speed-limit-error']] as const) {
      const target = check === 'concurrency-error' ? field : speed;
      const next = check === 'concurrency-error' ? speed : below;
      const before = await boxes();
      await target.fill(bad);
      await next.click();
      await expect(app.getByTestId(check)).toBeVisible();
      await expect(next).toBeFocused();
      expect(await boxes(), `the controls below ${check} stay where they were`).toEqual(before);
    }
    // And back: the help returns in the same room.
    const before = await boxes();
    await field.fill('4');
    await speed.click();
    await expect(app.getByTestId('concurrency-error')).toBeHidden();
    expect(await boxes()).toEqual(before);
  });
}
