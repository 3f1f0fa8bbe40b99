// login / whoami / logout through the real bin: RAYDOCS_TOKEN, the keychain, bad tokens, and no keychain at all.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, envWithoutBus, filesContaining, runCli } from './helpers';

const hasBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

describe('raydocs-upload auth commands', () => {
  let emu: RunningEmulator;
  let work: string;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimit: null });
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-auth-'));
  });
  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('whoami lists the workspaces RAYDOCS_TOKEN sees, without printing the token', async () => {
    const r = await runCli(['whoami'], { env: cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('token from RAYDOCS_TOKEN');
    for (const w of emu.seed.workspaces) expect(r.stdout).toContain(w.name);
    expect(r.stdout + r.stderr).not.toContain(emu.token);

    const scoped = emu.createToken({ workspaceIds: [emu.seed.workspaces[1]!.id] });
    const j = await runCli(['whoami', '--json', '--api-url', emu.url], { env: cleanEnv({ RAYDOCS_TOKEN: scoped }) });
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ tokenSource: 'RAYDOCS_TOKEN', workspaces: [{ id: emu.seed.workspaces[1]!.id }] });
  });

  it('exits 3 for a revoked token and for a token without workspaces-read', async () => {
    const revoked = emu.createToken();
    emu.revokeToken(revoked);
    const r = await runCli(['whoami'], { env: cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: revoked }) });
    expect(r.code).toBe(3);
    // The token came from RAYDOCS_TOKEN: `login` cannot fix it (the variable wins), so the words name the variable.
    expect(r.stderr).toMatch(/token in RAYDOCS_TOKEN was refused \(401\).*Set RAYDOCS_TOKEN to a valid token/);
    expect(r.stderr).not.toMatch(/raydocs-upload login/);
    expect(r.stderr).not.toContain(revoked);

    const weak = emu.createToken({ abilities: ['sessions-read'] });
    const l = await runCli(['login', '--token-stdin'], { env: envWithoutBus({ RAYDOCS_API_URL: emu.url, HOME: work }), input: `${weak}\n` });
    expect(l.code).toBe(3);
    expect(l.stderr).toMatch(/workspaces-read.*Nothing was stored/s);
  });

  it('without a keychain: login validates the token, then exits 5 saying what to install, and writes nothing', async () => {
    const home = await mkdtemp(join(tmpdir(), 'raydocs-cli-home-'));
    try {
      const env = envWithoutBus({ RAYDOCS_API_URL: emu.url, HOME: home, XDG_DATA_HOME: join(home, '.local/share'), XDG_CONFIG_HOME: join(home, '.config') });
      const l = await runCli(['login'], { env, input: `${emu.token}\n` });
      expect(l.code).toBe(5);
      expect(l.stderr).toMatch(/There is no OS keychain to use here/);
      expect(l.stderr).toMatch(/The token was not stored/);
      expect(l.stderr).toMatch(/gnome-keyring and libsecret/);
      expect(l.stderr).toMatch(/RAYDOCS_TOKEN/);
      expect(l.stderr + l.stdout).not.toContain(emu.token);

      const w = await runCli(['whoami'], { env });
      expect(w.code).toBe(5);
      expect(w.stderr).toMatch(/D-Bus/);

      // logout says there is no keychain, not that a token "was not saved anywhere".
      const o = await runCli(['logout'], { env });
      expect(o.code).toBe(5);
      expect(o.stderr).toMatch(/There is no OS keychain to use here.*no token can be stored here to remove/s);
      expect(o.stderr).not.toMatch(/not saved anywhere/);

      // No file at all (GLib may create an empty ~/.cache directory while looking for a bus; it holds nothing).
      const files = (await readdir(home, { recursive: true, withFileTypes: true })).filter((e) => !e.isDirectory());
      expect(files.map((e) => join(e.parentPath, e.name))).toEqual([]);
      expect(await filesContaining(home, emu.token)).toEqual([]);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('usage errors exit 2', async () => {
    const r = await runCli(['push', '--concurrency', 'lots', 'S', 'x'], { env: cleanEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--concurrency must be a whole number/);
  });

  // Needs a Secret Service; test/keychain fails loudly in CI when the bus is missing, so skipping here hides nothing.
  it.skipIf(!hasBus)('login stores the token in the keychain; whoami uses it; logout removes it', async () => {
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url });
    try {
      const l = await runCli(['login', '--token-stdin'], { env, input: `${emu.token}\n` });
      expect(l.code, l.stderr).toBe(0);
      expect(l.stdout).toMatch(/Signed in to .*Stored in the OS keychain/);
      expect(l.stdout + l.stderr).not.toContain(emu.token);

      const w = await runCli(['whoami'], { env });
      expect(w.code, w.stderr).toBe(0);
      expect(w.stdout).toContain('token from the OS keychain');

      const o = await runCli(['logout'], { env });
      expect(o.code).toBe(0);
      expect(o.stdout).toMatch(/token was removed/);

      const after = await runCli(['whoami'], { env });
      expect(after.code).toBe(3);
      expect(after.stderr).toMatch(/Not signed in/);
    } finally {
      await runCli(['logout'], { env });
    }
  });
});
