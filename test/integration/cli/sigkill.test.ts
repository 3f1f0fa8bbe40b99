// Crash safety end to end: a 100-file push on the two-call path killed with SIGKILL at random moments, restarted each
// time, attaches every file exactly once, creates each workspace document once, and keeps every file's name.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { createRng } from '../../emulator/prng';
import { cleanEnv, filesContaining, makePdfs, spawnCli, type CliResult } from './helpers';

const FILES = 100;
const MIN_KILLS = 5;

describe('push survives SIGKILL', () => {
  let emu: RunningEmulator;
  let work: string;

  beforeAll(async () => {
    // Latency on every request makes the push last several seconds, so the kills land mid-flight.
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 50 } });
    emu.setFaults({ latencyMs: 60 });
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-kill-'));
  });
  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('kills the CLI at least 5 times mid-push; at the end every file is attached exactly once', { timeout: 120_000 }, async () => {
    const docs = join(work, 'docs');
    const hashes = await makePdfs(docs, FILES);
    const client = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
    const template = emu.seed.workspaces[0]!.templates[0]!;
    const session = await client.createSession({ extraction_template_id: template.id, name: 'kill -9' });
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data'), RAYDOCS_RATE_LIMIT: 'off' });
    const args = ['push', session.id, docs, '--concurrency', '2', '--json'];

    const seed = Date.now() % 100_000;
    const random = createRng(seed);
    const log: string[] = [`seed ${seed}`];
    let kills = 0;
    let attempts = 0;
    let last: CliResult | null = null;
    while (kills < MIN_KILLS + 1 && attempts < MIN_KILLS * 3) {
      attempts++;
      const run = spawnCli(args, { env });
      let exited = false;
      void run.done.then(() => (exited = true));
      // A random moment of one of three kinds: during start-up and resume, mid-upload (after k more PUTs), or
      // around attach (after k more attachments). Progress-based moments keep every kill inside the push.
      const kind = Math.floor(random() * 3);
      const k = 1 + Math.floor(random() * 8);
      const before = emu.inspect();
      const attachedBefore = before.attachments.filter((a) => a.sessionId === session.id).length;
      const t0 = Date.now();
      const delay = 300 + Math.floor(random() * 1500);
      for (;;) {
        if (exited) break;
        const now = emu.inspect();
        const attachedNow = now.attachments.filter((a) => a.sessionId === session.id).length;
        if (kind === 0 && Date.now() - t0 >= delay) break;
        if (kind === 1 && now.uploads - before.uploads >= k) break;
        if (kind === 2 && attachedNow - attachedBefore >= k) break;
        if (Date.now() - t0 > 15_000) break;
        await new Promise((r) => setTimeout(r, 15));
      }
      const moment = kind === 0 ? `${delay} ms after spawn` : kind === 1 ? `after ${k} more PUTs` : `after ${k} more attachments`;
      const killed = run.child.kill('SIGKILL');
      const result = await run.done;
      const attached = emu.inspect().attachments.filter((a) => a.sessionId === session.id).length;
      log.push(`attempt ${attempts}: ${moment}, ${result.signal ?? `exit ${result.code}`}, ${attached} attached so far`);
      if (killed && result.signal === 'SIGKILL') kills++;
      else {
        last = result;
        break; // the push finished before the kill: nothing left to interrupt
      }
    }
    expect(kills, log.join('\n')).toBeGreaterThanOrEqual(MIN_KILLS);
    if (process.env.DEBUG_CLI_TESTS) console.log(log.join('\n'));

    // The final, uninterrupted run resumes the journal and finishes.
    last = await spawnCli(args, { env }).done;
    expect(last.code, `${log.join('\n')}\n${last.stderr}`).toBe(0);
    const report = JSON.parse(last.stdout) as { counts: Record<string, number> };
    expect(report.counts.refused).toBe(0);
    expect(report.counts.failed).toBe(0);
    expect(report.counts.pending).toBe(0);

    // Exactly once: every file's sha256 attached to the session one time, and nothing else attached.
    const attachments = emu.inspect().attachments.filter((a) => a.sessionId === session.id);
    const bySha = new Map(attachments.map((a) => [a.sha256, a.count]));
    for (const [name, sha] of hashes) expect(bySha.get(sha), `${name}\n${log.join('\n')}`).toBe(1);
    expect(attachments.length).toBe(FILES);
    // Each repeated attach the server shrugged off would have been a second attach request for one file.
    expect(attachments.every((a) => a.duplicates === 0), log.join('\n')).toBe(true);
    const docsInSession = await client.listSessionDocuments(session.id);
    expect(docsInSession.length).toBe(FILES);
    // The two-call path (the default): one workspace document per content, never created twice across the crashes,
    // each named after its local file.
    const stored = emu.inspect().documents;
    expect(stored.length, log.join('\n')).toBe(FILES);
    const nameBySha = new Map([...hashes].map(([name, sha]) => [sha, name]));
    for (const d of stored) expect(d.filename, d.sha256).toBe(nameBySha.get(d.sha256));
    // The journal, written through six crashes, never held the token.
    expect(await filesContaining(join(work, 'data'), emu.token)).toEqual([]);
  });
});
