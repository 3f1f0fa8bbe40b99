// Scenario 1: a bad token is refused with a message that says what to do; a good one signs in at once.
import { checkA11y, expect, shoot, test } from './fixtures';

test.use({ harnessOptions: { signedIn: false } });

test('onboarding: a bad token, then a good one @screenshot', async ({ app, harness }) => {
  await expect(app.getByRole('heading', { name: 'Sign in to Raydocs' })).toBeVisible();
  await expect(app.getByTestId('what-it-does')).toContainText('sends the documents you drop here to your Raydocs sessions');
  await expect(app.getByRole('list', { name: 'Abilities the token needs' }).getByRole('listitem')).toHaveText([/workspaces-read/, /templates-read/, /sessions-read/, /sessions-write/]);
  await checkA11y(app, 'onboarding');
  await shoot(app, 'onboarding', { dark: true });

  await app.getByLabel('Personal Access Token').fill('rd_live_this_is_not_valid');
  // Show/hide: the token can be checked before it is sent.
  await expect(app.getByLabel('Personal Access Token')).toHaveAttribute('type', 'password');
  await app.getByRole('button', { name: 'Show' }).click();
  await expect(app.getByLabel('Personal Access Token')).toHaveAttribute('type', 'text');
  await app.getByRole('button', { name: 'Hide' }).click();
  await expect(app.getByLabel('Personal Access Token')).toHaveAttribute('type', 'password');
  await app.getByRole('button', { name: 'Sign in' }).click();
  const status = app.locator('#token-status');
  await expect(status).toContainText(/refused this token|did not accept/);
  await expect(app.getByLabel('Personal Access Token')).toHaveAttribute('aria-invalid', 'true');
  await shoot(app, 'onboarding-bad-token');

  await app.getByRole('button', { name: 'Create a token' }).click();
  await expect.poll(() => harness.shell.opened).toEqual(['https://app.raydocs.com/settings/access-tokens']);

  await app.getByLabel('Personal Access Token').fill(harness.emu.token);
  await app.getByRole('button', { name: 'Sign in' }).click();
  // Onboarding gives way to the main screen, with the target picker one click away.
  await expect(app.getByRole('heading', { name: 'Drop files or folders anywhere in this window' })).toBeVisible();
  await expect(app.getByTestId('current-target')).toContainText('Choose…');
  await expect(app.locator('.badge.demo')).toHaveCount(0);
});

test('onboarding: a token without workspaces-read names the missing ability', async ({ app, harness }) => {
  const limited = harness.emu.createToken({ abilities: ['sessions-read', 'sessions-write'] });
  await app.getByLabel('Personal Access Token').fill(limited);
  await app.getByRole('button', { name: 'Sign in' }).click();
  await expect(app.locator('#token-status')).toContainText('workspaces-read');
});

test.describe('without a keychain', () => {
  test.use({ harnessOptions: { signedIn: false, keychain: 'unavailable' } });
  test('the notice offers to keep the token in memory for this run @screenshot', async ({ app, harness }) => {
    await expect(app.getByText("Your token can't be saved on this computer.")).toBeVisible();
    // Plain words first; the technical reason only behind Details.
    const details = app.locator('.notice details');
    await expect(details.locator('p')).toBeHidden();
    await details.getByText('Details').click();
    await expect(details.locator('p')).not.toBeEmpty();
    await app.getByLabel('Personal Access Token').fill(harness.emu.token);
    await expect(app.getByRole('button', { name: 'Sign in' })).toBeDisabled();
    await app.getByLabel(/Keep the token in memory for this run only/).check();
    await checkA11y(app, 'onboarding without keychain');
    await shoot(app, 'onboarding-no-keychain');
    await app.getByRole('button', { name: 'Sign in' }).click();
    await expect(app.getByRole('heading', { name: 'Drop files or folders anywhere in this window' })).toBeVisible();
  });
});
