// What a person at a terminal sees: the hidden token prompt never echoes, and push draws progress bars in place.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { BIN, cleanEnv, makePdfs } from './helpers';

const run = promisify(execFile);
const PTY = join(import.meta.dirname, 'fixtures', 'pty-run.py');
const hasPython = (() => {
  try {
    execFileSync('python3', ['-c', 'import pty'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const hasBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

async function inPty(args: string[], env: NodeJS.ProcessEnv, input?: { waitFor: string; text: string }): Promise<{ code: number; output: string }> {
  const extra = input ? ['--wait-for', input.waitFor, '--input', input.text] : [];
  const { stdout } = await run('python3', [PTY, ...extra, '--', process.execPath, BIN, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as { code: number; output: string };
}

// Node has no pseudo-terminal; python3's pty module provides one (CI installs python3). Without it these cannot run.
describe.skipIf(!hasPython)('raydocs-upload on a terminal', () => {
  let emu: RunningEmulator;
  let work: string;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-tty-'));
  });
  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('login prompts without echoing the token', async () => {
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url });
    try {
      const r = await inPty(['login'], env, { waitFor: 'input hidden', text: emu.token });
      expect(r.output).toContain('(input hidden): ');
      expect(r.output).not.toContain(emu.token);
      // The token was validated either way; storing it needs a Secret Service.
      if (hasBus) expect(r.output).toMatch(/Stored in the OS keychain/);
      else expect(r.code).toBe(5);
    } finally {
      if (hasBus) await run(process.execPath, [BIN, 'logout'], { env });
    }
  });

  it('push draws progress bars in place, then the table', async () => {
    emu.setFaults({ latencyMs: 40 });
    try {
      const docs = join(work, 'docs');
      await makePdfs(docs, 20);
      const client = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
      const session = await client.createSession({ extraction_template_id: emu.seed.workspaces[0]!.templates[0]!.id });
      const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data') });
      const r = await inPty(['push', session.id, docs, '--concurrency', '2'], env);
      expect(r.code, r.output).toBe(0);
      expect(r.output).toMatch(/\x1b\[\d+F\x1b\[J/); // redraws over the previous frame
      expect(r.output).toMatch(/\[#+\.*\]\s+\d+%/);
      expect(r.output).toMatch(/\d+\/20 files/);
      expect(r.output).toMatch(/uploaded\s+20\r?\n/);
      expect(r.output).not.toMatch(/^progress: /m); // plain lines are for pipes only
    } finally {
      emu.setFaults({});
    }
  });

  it('extract --wait rewrites one progress line in place, then prints the fields', async () => {
    const docs = join(work, 'extract-docs');
    await makePdfs(docs, 2, 'ex');
    const client = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
    const session = await client.createSession({ extraction_template_id: emu.seed.workspaces[0]!.templates[0]!.id });
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data') });
    await run(process.execPath, [BIN, 'push', session.id, docs], { env });
    const r = await inPty(['extract', session.id, '--wait'], env);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/\r\x1b\[2Krun (created|parsing_pending|processing|completed)/);
    expect(r.output).not.toMatch(/^run /m); // never a plain line of its own on a terminal
    expect(r.output).toMatch(/GROUP\s+FIELD\s+VALUE\s+PAGE/);
  });
});
