// `push` through the real bin against the emulator: the final table, refusals with reasons, --json, per-file sessions, storage-only ends (--wait too), exit codes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { defaultAutoParse, startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, makePdfs, runCli } from './helpers';

interface JsonReport {
  outcome: string;
  exitCode: number;
  counts: Record<string, number>;
  uploaded: Array<{ path: string; sessionId: string | null }>;
  refused: Array<{ path: string; reason: string; code: string }>;
  failed: Array<{ path: string; step: string; message: string }>;
}

describe('raydocs-upload push', () => {
  let emu: RunningEmulator;
  let work: string;
  let client: RaydocsClient;
  let env: NodeJS.ProcessEnv;
  let templateId: string;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-push-'));
    client = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
    templateId = emu.seed.workspaces[0]!.templates[0]!.id;
    env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data') });
  });
  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const newSession = async (name: string) => (await client.createSession({ extraction_template_id: templateId, name })).id;

  it('uploads a folder, reports refusals with reasons and exits 1; a second push uploads nothing', async () => {
    const dir = join(work, 'mixed');
    await makePdfs(dir, 3);
    await writeFile(join(dir, 'setup.pdf'), Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]));
    await writeFile(join(dir, 'empty.pdf'), '');
    await writeFile(join(dir, '.DS_Store'), 'junk');
    const sessionId = await newSession('mixed');

    const first = await runCli(['push', sessionId, 'mixed'], { env, cwd: work });
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toMatch(/uploaded\s+3\n/);
    expect(first.stdout).toMatch(/already there\s+0\n/);
    expect(first.stdout).toMatch(/refused\s+2\n/);
    expect(first.stdout).toMatch(/failed\s+0\n/);
    expect(first.stdout).toMatch(/setup\.pdf\s+This is a Windows program, not a PDF \(it starts with MZ\)/);
    expect(first.stdout).toMatch(/empty\.pdf\s+This file is empty, so there is nothing to upload \(0 bytes\)/);
    expect(first.stdout).toContain('1 junk/hidden file skipped');
    expect(first.stderr).toMatch(/^progress: /m); // not a TTY: plain lines, no escape codes
    expect(first.stderr).not.toMatch(/\x1b\[/);
    expect(first.stdout + first.stderr).not.toContain(emu.token);
    const uploadsAfterFirst = emu.inspect().uploads;

    const second = await runCli(['push', sessionId, join(work, 'mixed'), '--json'], { env, cwd: tmpdir() });
    expect(second.code).toBe(1);
    const report = JSON.parse(second.stdout) as JsonReport;
    expect(report.counts).toMatchObject({ uploaded: 0, alreadyThere: 3, refused: 2, failed: 0, pending: 0, skipped: 1 });
    expect(report.refused.map((r) => r.code).sort()).toEqual(['content-mismatch', 'empty']);
    expect(report.refused.map((r) => r.reason).sort()).toEqual(['This file is empty, so there is nothing to upload (0 bytes)', 'This is a Windows program, not a PDF (it starts with MZ)']);
    expect(emu.inspect().uploads).toBe(uploadsAfterFirst);
    for (const a of emu.inspect().attachments.filter((x) => x.sessionId === sessionId)) expect([a.count, a.duplicates]).toEqual([1, 0]);
  });

  it('exits 0 when every file went in', async () => {
    const dir = join(work, 'clean');
    await makePdfs(dir, 2, 'clean');
    const sessionId = await newSession('clean');
    const r = await runCli(['push', sessionId, dir, '--concurrency', '1'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/uploaded\s+2\n/);
  });

  it('--one-session-per-file: 5 files make 5 sessions named after them, all listed in --json', async () => {
    const dir = join(work, 'per-file');
    const hashes = await makePdfs(dir, 5, 'pf');
    const templateReads = (): number => emu.inspect().requests.filter((q) => q.method === 'GET' && q.path.endsWith(`/templates/${templateId}`)).length;
    const readsBefore = templateReads();
    const r = await runCli(['push', '--one-session-per-file', '--template', templateId, dir, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    // The template is read once to resolve the target, not once more for its workspace.
    expect(templateReads() - readsBefore).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport & { perFileSessions: Array<{ name: string; sessionId: string; created: boolean }> };
    expect(report.counts.uploaded).toBe(5);
    const sessions = new Set(report.uploaded.map((u) => u.sessionId));
    expect(sessions.size).toBe(5);
    const attachments = emu.inspect().attachments.filter((a) => sessions.has(a.sessionId));
    expect(attachments.map((a) => a.sha256).sort()).toEqual([...hashes.values()].sort());
    expect(attachments.every((a) => a.count === 1 && a.duplicates === 0)).toBe(true);
    // Every created session is listed with its file's name, and Raydocs calls it that (not "Pending…").
    expect(report.perFileSessions.map((p) => p.name).sort()).toEqual([...hashes.keys()].sort());
    for (const p of report.perFileSessions) {
      expect(p.created).toBe(true);
      expect((await client.getSession(p.sessionId)).name).toBe(p.name);
    }
  });

  it('50 files: push returns once all are stored, --wait too; nothing is parsed and a parse could not fail it', async () => {
    const dir = join(work, 'fifty');
    await makePdfs(dir, 50, 'fifty');
    const sessionId = await newSession('fifty');
    emu.setParsing({ failRate: 1, stepMs: 30 });
    try {
      // 50 files on the two-call path make about 105 API calls: over the CLI's 95 a minute, which is not under test here.
      const fast = { ...env, RAYDOCS_RATE_LIMIT: 'off' };
      const r = await runCli(['push', sessionId, dir, '--wait', '--json'], { env: fast });
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as JsonReport;
      expect(report).toMatchObject({ outcome: 'settled', counts: { uploaded: 50, failed: 0 } });
      const docs = await client.listSessionDocuments(sessionId);
      expect(docs).toHaveLength(50);
      // Storage-only: no document was parsed (nor failed to parse) by the upload. Under the other reading they fail
      // to parse on their own, and the push above still exited 0: a parse is not part of the upload.
      if (!defaultAutoParse()) expect(docs.every((d) => d.status === 'uploaded' && d.parsings.length === 0)).toBe(true);
      const human = await runCli(['push', sessionId, dir, '--wait'], { env: fast });
      expect(human.code, human.stderr).toBe(0);
      expect(human.stderr).toContain('--wait is no longer needed');
      expect(human.stdout).toMatch(/already there\s+50\n/);
    } finally {
      emu.setParsing({ failRate: 0 });
    }
  });

  it('exits 3 when the token is rejected and 4 when the API cannot be reached', async () => {
    const dir = join(work, 'clean');
    const sessionId = await newSession('auth');
    const revoked = emu.createToken();
    emu.revokeToken(revoked);
    const auth = await runCli(['push', sessionId, dir], { env: { ...env, RAYDOCS_TOKEN: revoked } });
    expect(auth.code).toBe(3);
    expect(auth.stderr).toMatch(/401/);

    const offline = await runCli(['push', sessionId, dir, '--api-url', 'http://127.0.0.1:9', '--offline-timeout', '1'], { env });
    expect(offline.code).toBe(4);
    expect(offline.stderr).toMatch(/Could not reach http:\/\/127\.0\.0\.1:9/);
  });
});
