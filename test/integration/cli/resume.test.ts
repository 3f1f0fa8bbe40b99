// push stops with exit 4 (offline too long) or 3 (token revoked mid-run) without failing a file, and the next push resumes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, makePdfs, spawnCli } from './helpers';

interface JsonReport {
  outcome: string;
  counts: Record<string, number>;
}

async function until(cond: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('push resumes after giving up', () => {
  let emu: RunningEmulator;
  let work: string;
  let client: RaydocsClient;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
    emu.setFaults({ latencyMs: 60 });
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-resume-'));
    client = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
  });
  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  // The emulator here counts no calls (rateLimit: null), so the client's pacing is off too, as in the other CLI tests:
  // a fresh data folder starts the shared budget half spent, which would spread these ~90 calls over a minute.
  const noPacing = { RAYDOCS_RATE_LIMIT: 'off' };
  const attachedTo = (sessionId: string) => emu.inspect().attachments.filter((a) => a.sessionId === sessionId);

  it('exits 4 after --offline-timeout during an outage, then a rerun finishes every file once', { timeout: 60_000 }, async () => {
    const docs = join(work, 'outage');
    const hashes = await makePdfs(docs, 30, 'out');
    const session = await client.createSession({ extraction_template_id: emu.seed.workspaces[0]!.templates[0]!.id });
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data-outage'), ...noPacing });
    const args = ['push', session.id, docs, '--concurrency', '2', '--json', '--offline-timeout', '1'];

    const run = spawnCli(args, { env });
    await until(() => attachedTo(session.id).length >= 3, 20_000);
    emu.outage(4);
    const stopped = await run.done;
    expect(stopped.code, stopped.stderr).toBe(4);
    expect(stopped.stderr).toMatch(/Gave up after 1s without reaching .*Run the same push again to resume/);
    const partial = JSON.parse(stopped.stdout) as JsonReport;
    expect(partial.outcome).toBe('offline');
    expect(partial.counts.failed).toBe(0);
    expect(partial.counts.pending).toBeGreaterThan(0);

    // Rerun at once, with the default patience: it starts offline, probes, and carries on when the outage ends.
    const rerun = await spawnCli(args.slice(0, -2), { env }).done;
    expect(rerun.code, rerun.stderr).toBe(0);
    const attached = attachedTo(session.id);
    expect(attached.length).toBe(hashes.size);
    expect(attached.every((a) => a.count === 1 && a.duplicates === 0)).toBe(true);
  });

  it('exits 3 when the token is revoked mid-run, marks nothing failed, and resumes with a new token', { timeout: 60_000 }, async () => {
    const docs = join(work, 'revoked');
    const hashes = await makePdfs(docs, 30, 'rev');
    const session = await client.createSession({ extraction_template_id: emu.seed.workspaces[0]!.templates[0]!.id });
    const token = emu.createToken();
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_DATA_DIR: join(work, 'data-revoked'), ...noPacing });
    const args = ['push', session.id, docs, '--concurrency', '2', '--json'];

    const run = spawnCli(args, { env: { ...env, RAYDOCS_TOKEN: token } });
    await until(() => attachedTo(session.id).length >= 3, 20_000);
    emu.revokeToken(token);
    const stopped = await run.done;
    expect(stopped.code, stopped.stderr).toBe(3);
    // The token came from RAYDOCS_TOKEN: the words say to fix the variable (login would not help).
    expect(stopped.stderr).toMatch(/The token in RAYDOCS_TOKEN was refused \(401\).*Set RAYDOCS_TOKEN to a valid token, then run the same push again/);
    expect(stopped.stderr).not.toMatch(/sign in again|raydocs-upload login/);
    const partial = JSON.parse(stopped.stdout) as JsonReport;
    expect(partial.outcome).toBe('signed-out');
    expect(partial.counts.failed).toBe(0);
    expect(stopped.stdout + stopped.stderr).not.toContain(token);

    const rerun = await spawnCli(args, { env: { ...env, RAYDOCS_TOKEN: emu.createToken() } }).done;
    expect(rerun.code, rerun.stderr).toBe(0);
    const attached = attachedTo(session.id);
    expect(attached.length).toBe(hashes.size);
    expect(attached.every((a) => a.count === 1 && a.duplicates === 0)).toBe(true);
  });
});
