// The keytar SecretStore against a real Secret Service (gnome-keyring in a D-Bus session), as CI runs it.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeytarStore, KEYCHAIN_SERVICE, keychainAccountFor } from '../../electron/core/secret-store';

const run = promisify(execFile);
const hasBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const inCi = process.env.CI === 'true';

// The keychain must be tested in CI: there a missing bus is a broken CI set-up, not a reason to skip.
if (!hasBus && inCi) {
  describe('keychain (real Secret Service)', () => {
    it('needs a D-Bus session in CI', () => {
      throw new Error(
        'CI=true but DBUS_SESSION_BUS_ADDRESS is unset: run the tests inside `dbus-run-session` with an unlocked gnome-keyring (see .ci/run).',
      );
    });
  });
}

/** Reads the entry with libsecret's own tool, so the test does not only trust keytar reading itself back. */
async function secretToolLookup(account: string): Promise<string | null> {
  try {
    const { stdout } = await run('secret-tool', ['lookup', 'service', KEYCHAIN_SERVICE, 'account', account]);
    return stdout;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'secret-tool-missing';
    return null; // exit 1: no such item
  }
}

// Skipped only outside CI on a machine without a D-Bus session (e.g. a bare container): there is no keyring to test against.
describe.skipIf(!hasBus)('keychain (real Secret Service)', () => {
  const account = `test-${randomUUID()}`;
  const store = createKeytarStore({ account });

  afterAll(async () => {
    await store.delete().catch(() => undefined);
  });

  it('stores, reads, replaces and deletes the token', async () => {
    expect(await store.get()).toBeNull();

    await store.set('rd_live_first-token');
    expect(await store.get()).toBe('rd_live_first-token');
    const viaTool = await secretToolLookup(account);
    if (viaTool !== 'secret-tool-missing') expect(viaTool).toBe('rd_live_first-token');

    await store.set('rd_live_second-token');
    expect(await store.get()).toBe('rd_live_second-token');

    expect(await store.delete()).toBe(true);
    expect(await store.get()).toBeNull();
    expect(await store.delete()).toBe(false);
    const goneViaTool = await secretToolLookup(account);
    if (goneViaTool !== 'secret-tool-missing') expect(goneViaTool).toBeNull();
  });

  it('keeps tokens for different API origins apart', async () => {
    const prod = createKeytarStore({ account: `${account}-${keychainAccountFor('https://api.raydocs.com')}` });
    const local = createKeytarStore({ account: `${account}-${keychainAccountFor('http://127.0.0.1:8787/')}` });
    try {
      await prod.set('prod-token');
      await local.set('local-token');
      expect(await prod.get()).toBe('prod-token');
      expect(await local.get()).toBe('local-token');
      await local.delete();
      expect(await prod.get()).toBe('prod-token');
    } finally {
      await prod.delete();
      await local.delete();
    }
  });

  it('refuses an empty token without touching the keychain', async () => {
    await expect(store.set('  ')).rejects.toThrow(/empty token/);
    expect(await store.get()).toBeNull();
  });
});
