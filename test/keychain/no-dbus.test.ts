// Without a D-Bus session the keychain fails with a clear KeychainUnavailableError, and nothing reaches the disk.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainAccountFor, keychainAccountForProfile, KeychainUnavailableError, toKeychainError } from '../../electron/core/secret-store';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => join(e.parentPath, e.name));
}

/** An environment with no way to reach (or autolaunch) a session bus. */
function envWithoutBus(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'DBUS_SESSION_BUS_ADDRESS' || k === 'DISPLAY' || k === 'WAYLAND_DISPLAY' || k.startsWith('XDG_')) continue;
    env[k] = v;
  }
  return { ...env, HOME: home, XDG_DATA_HOME: join(home, '.local/share'), XDG_CONFIG_HOME: join(home, '.config') };
}

describe('keychain without D-Bus', () => {
  let home = '';
  afterEach(async () => {
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('says what to install and writes nothing to HOME', async () => {
    home = await mkdtemp(join(tmpdir(), 'raydocs-nodbus-'));
    const token = `rd_live_${Date.now()}_never-on-disk`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/keychain/fixtures/store-token.ts', token], {
      cwd: root,
      env: envWithoutBus(home),
    });
    const outcome = JSON.parse(stdout) as Record<string, { ok: boolean; name: string; isKeychainUnavailable: boolean; message: string }>;
    for (const op of ['set', 'get']) {
      expect(outcome[op]?.ok).toBe(false);
      expect(outcome[op]?.isKeychainUnavailable).toBe(true);
      expect(outcome[op]?.name).toBe('KeychainUnavailableError');
      expect(outcome[op]?.message).toMatch(/D-Bus/);
      expect(outcome[op]?.message).toMatch(/gnome-keyring/);
      expect(outcome[op]?.message).toMatch(/libsecret/);
      expect(outcome[op]?.message).toMatch(/desktop session/);
      expect(outcome[op]?.message).not.toContain(token);
    }
    // No fallback file of any kind: the temp HOME holds no file (GLib may leave an empty ~/.cache directory).
    const files = await listFiles(home);
    expect(files).toEqual([]);
    for (const f of files) expect(await readFile(f, 'utf8')).not.toContain(token);
  });
});

describe('keychain error mapping', () => {
  it('turns libsecret failures into KeychainUnavailableError with a reason and a hint', () => {
    const cases: Array<[string, RegExp]> = [
      ['Cannot autolaunch D-Bus without X11 $DISPLAY', /no D-Bus session/],
      ['The name org.freedesktop.secrets was not provided by any .service files', /no Secret Service/],
      ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', /locked or has no default collection/],
    ];
    for (const [raw, reason] of cases) {
      const e = toKeychainError('set', new Error(raw), 'linux');
      expect(e).toBeInstanceOf(KeychainUnavailableError);
      expect(e.operation).toBe('set');
      expect(e.reason).toMatch(reason);
      expect(e.message).toMatch(/apt-get install gnome-keyring libsecret-1-0/);
      expect(e.message).toMatch(/not saved anywhere/);
    }
    expect(toKeychainError('get', new Error('x'), 'darwin').hint).toMatch(/Keychain/);
  });

  it('names keychain accounts by API origin, production as "default"', () => {
    expect(keychainAccountFor('https://api.raydocs.com')).toBe('default');
    expect(keychainAccountFor('https://api.raydocs.com/')).toBe('default');
    expect(keychainAccountFor('http://127.0.0.1:8787/api')).toBe('http://127.0.0.1:8787');
  });

  it('gives a named CLI profile an account of its own, and leaves the default profile (the app\'s) as it was', () => {
    expect(keychainAccountForProfile(null, 'https://api.raydocs.com')).toBe('default');
    expect(keychainAccountForProfile(null, 'http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(keychainAccountForProfile('work', 'https://api.raydocs.com')).toBe('profile:work:default');
    expect(keychainAccountForProfile('work', 'http://127.0.0.1:8787/')).toBe('profile:work:http://127.0.0.1:8787');
  });
});
