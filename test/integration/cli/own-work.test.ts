// A run handles its own work and stops early when it cannot succeed: push leaves other sessions' unfinished work to
// `resume`; a token without sessions-write stops after one PUT (exit 3); a session deleted mid-push is one line; a
// one-session-per-file rerun creates no session.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { ALL_ABILITIES, startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, makePdfs, runCli, spawnCli } from './helpers';

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

const work = await mkdtemp(join(tmpdir(), 'raydocs-cli-own-'));
const emulators: RunningEmulator[] = [];
afterEach(async () => {
  for (const e of emulators.splice(0)) await e.close();
});
afterAll(async () => rm(work, { recursive: true, force: true }));

async function emulator(opts: { port?: number; seed?: number } = {}): Promise<{ emu: RunningEmulator; client: RaydocsClient; templateId: string }> {
  const emu = await startEmulator({ rateLimit: null, ...opts });
  emulators.push(emu);
  return { emu, client: new RaydocsClient({ baseUrl: emu.url, token: emu.token }), templateId: emu.seed.workspaces[0]!.templates[0]!.id };
}

const lines = (text: string, re: RegExp): string[] => text.split('\n').filter((l) => re.test(l));
const puts = (emu: RunningEmulator): number => emu.inspect().requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/s3/')).length;

describe('push works on its own target', () => {
  it('after an interrupted push to A and a server reset, a push to B exits 0 and names the other work; resume then settles A', { timeout: 90_000 }, async () => {
    const first = await emulator();
    const port = Number(new URL(first.emu.url).port);
    first.emu.setFaults({ latencyMs: 60 });
    const sessionA = await first.client.createSession({ extraction_template_id: first.templateId, name: 'A' });
    const docsA = join(work, 'a');
    await makePdfs(docsA, 30, 'a');
    const data = join(work, 'data-reset');
    const run = spawnCli(['push', sessionA.id, docsA, '--concurrency', '2'], { env: cleanEnv({ RAYDOCS_API_URL: first.emu.url, RAYDOCS_TOKEN: first.emu.token, RAYDOCS_DATA_DIR: data }) });
    await until(() => first.emu.inspect().attachments.filter((a) => a.sessionId === sessionA.id).length >= 3, 30_000, 'a few of A attached');
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');

    // The server is reset: a fresh emulator at the same address knows nothing of session A (another seed, so its
    // first session does not get A's id again).
    await first.emu.close();
    emulators.splice(0);
    const second = await emulator({ port, seed: 2 });
    const env = cleanEnv({ RAYDOCS_API_URL: second.emu.url, RAYDOCS_TOKEN: second.emu.token, RAYDOCS_DATA_DIR: data });
    const sessionB = await second.client.createSession({ extraction_template_id: second.templateId, name: 'B' });
    const docsB = join(work, 'b');
    await makePdfs(docsB, 2, 'b');

    const b = await runCli(['push', sessionB.id, docsB], { env });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/uploaded\s+2\n/);
    expect(b.stdout).toMatch(/failed\s+0\n/);
    expect(lines(b.stderr, /unfinished upload/)).toEqual([expect.stringMatching(/^\d+ unfinished uploads? for 1 other session: run `raydocs-upload resume`$/)]);
    // Nothing of A's was run: not one call about session A.
    expect(second.emu.inspect().requests.filter((r) => r.path.includes(sessionA.id))).toEqual([]);

    const bJson = await runCli(['push', sessionB.id, docsB, '--json'], { env });
    expect(bJson.code, bJson.stderr).toBe(0);
    const report = JSON.parse(bJson.stdout) as { counts: Record<string, number>; otherUnfinished: { items: number; sessions: number; templates: number } };
    expect(report.counts).toMatchObject({ alreadyThere: 2, failed: 0, pending: 0 });
    expect(report.otherUnfinished).toMatchObject({ sessions: 1, templates: 0 });
    expect(report.otherUnfinished.items).toBeGreaterThan(0);

    // resume handles A: its session is gone, so its files fail with one line for the session, at once.
    const r = await runCli(['resume'], { env });
    expect(r.code, r.stderr).toBe(1);
    expect(lines(r.stdout + r.stderr, /no longer exists/)).toEqual([
      expect.stringMatching(new RegExp(`^Session ${sessionA.id} "A": the session no longer exists, or this token cannot see it \\(404 on .*\\); \\d+ files? not uploaded$`)),
    ]);
    expect(r.stdout).not.toMatch(/^Failed:/m);
    expect(r.stderr).not.toMatch(/other session/);

    const again = await runCli(['resume'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Nothing to resume/);
  });
});

describe('stops early when it cannot succeed', () => {
  it('a token without sessions-write: at most one PUT, then exit 3 naming the ability', { timeout: 60_000 }, async () => {
    const { emu, client, templateId } = await emulator();
    const session = await client.createSession({ extraction_template_id: templateId, name: 'read only' });
    const docs = join(work, 'forbidden');
    await makePdfs(docs, 8, 'f');
    const token = emu.createToken({ abilities: ALL_ABILITIES.filter((a) => a !== 'sessions-write') });
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: token, RAYDOCS_DATA_DIR: join(work, 'data-forbidden') });
    const r = await runCli(['push', session.id, docs, '--concurrency', '4'], { env });
    expect(r.code, r.stderr).toBe(3);
    expect(puts(emu)).toBeLessThanOrEqual(1);
    expect(lines(r.stdout, /sessions-write/)).toEqual([expect.stringMatching(/^Session .*"read only": The token is not allowed to .*"sessions-write".*; 8 files not uploaded$/)]);
    // The token is RAYDOCS_TOKEN's: the fix is the variable, not `login`.
    expect(r.stderr).toMatch(/Set RAYDOCS_TOKEN to a token that has it/);
    expect(r.stdout + r.stderr).not.toContain(token);

    // With --json the stderr line names the ability itself (there is no table above it).
    const j = await runCli(['push', session.id, docs, '--json'], { env });
    expect(j.code, j.stderr).toBe(3);
    expect(j.stderr).toMatch(/^raydocs-upload: Session .*"read only": The token is not allowed to .*"sessions-write".* Set RAYDOCS_TOKEN to a token that has it/m);
    expect(JSON.parse(j.stdout)).toMatchObject({ exitCode: 3, targetFailures: [{ code: 'forbidden', files: 8 }] });
    expect(puts(emu)).toBeLessThanOrEqual(2);
  });

  it('a session deleted mid-push: one line for the session, soon after the delete', { timeout: 60_000 }, async () => {
    const { emu, client, templateId } = await emulator();
    emu.setFaults({ latencyMs: 60 });
    const session = await client.createSession({ extraction_template_id: templateId, name: 'doomed' });
    const docs = join(work, 'deleted');
    await makePdfs(docs, 40, 'd');
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data-deleted'), RAYDOCS_RATE_LIMIT: 'off' });
    const run = spawnCli(['push', session.id, docs, '--concurrency', '2'], { env });
    await until(() => emu.inspect().attachments.filter((a) => a.sessionId === session.id).length >= 2, 30_000, 'a few attached');
    const res = await fetch(`${emu.url}/extractions/sessions/${session.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${emu.token}`, Accept: 'application/json' } });
    expect(res.status).toBe(204);
    const deletedAt = Date.now();
    const r = await run.done;
    expect(Date.now() - deletedAt).toBeLessThan(10_000);
    expect(r.code, r.stderr).toBe(1);
    expect(lines(r.stdout + r.stderr, /no longer exists/)).toEqual([expect.stringMatching(/^Session .*"doomed": the session no longer exists.*; \d+ files? not uploaded$/)]);
    expect(r.stdout).not.toMatch(/^Failed:/m);
    expect(emu.inspect().requests.filter((q) => q.status === 404 && q.at >= deletedAt).length).toBeLessThanOrEqual(2);
  });
});

describe('--one-session-per-file remembers its sessions', () => {
  it('run twice on the same files: the second run creates no session and says where each file already is', { timeout: 60_000 }, async () => {
    const { emu, templateId } = await emulator();
    const docs = join(work, 'per-file');
    await makePdfs(docs, 3, 'pf');
    const data = join(work, 'data-per-file');
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: data });
    const batches = (): number => emu.inspect().requests.filter((q) => q.method === 'POST' && q.path.endsWith('/sessions/batch')).length;
    const args = ['push', '--one-session-per-file', '--template', templateId, docs];

    const first = await runCli(args, { env });
    expect(first.code, first.stderr).toBe(0);
    const created = [...first.stdout.matchAll(/^(pf-\d+\.pdf)\s+([0-9a-f-]{36})$/gm)].map((m) => [m[1], m[2]]);
    expect(first.stdout).toMatch(/^Sessions created \(one per file/m);
    expect(created.map(([name]) => name).sort()).toEqual(['pf-000.pdf', 'pf-001.pdf', 'pf-002.pdf']);
    const batchesAfterFirst = batches();
    const putsAfterFirst = puts(emu);

    const second = await runCli(args, { env });
    expect(second.code, second.stderr).toBe(0);
    expect(batches()).toBe(batchesAfterFirst);
    expect(puts(emu)).toBe(putsAfterFirst);
    expect(second.stdout).toMatch(/already there\s+3\n/);
    expect(second.stdout).not.toMatch(/^Sessions created/m);
    for (const [name, sessionId] of created) expect(second.stdout).toMatch(new RegExp(`${name}\\s+already in session ${sessionId}$`, 'm'));

    const json = JSON.parse((await runCli([...args, '--json'], { env })).stdout) as { perFileSessions: Array<{ sessionId: string; created: boolean }> };
    expect(json.perFileSessions.map((s) => s.created)).toEqual([false, false, false]);
    expect(batches()).toBe(batchesAfterFirst);
    const memory = JSON.parse(await readFile(join(data, 'journals', new URL(emu.url).host.replace(':', '_'), 'per-file-sessions.json'), 'utf8')) as { sessions: unknown[] };
    expect(memory.sessions).toHaveLength(3);
  });
});
