// One budget per machine: two `raydocs-upload push` runs at once, sharing a data folder, stay together under the
// server's per-IP limit (time-compressed: 100 per 4 s, the client at its production 95), with at most 3 429s.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { BUDGET_FILE } from '../../../electron/core/api/shared-budget';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, makePdfs, spawnCli } from './helpers';

const WINDOW_MS = 4000;

describe('two processes, one budget', () => {
  let emu: RunningEmulator | null = null;
  let work: string | null = null;
  afterEach(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
    emu = work = null;
  });

  it('two pushes at once stay under the limit together, with at most 3 429s', async () => {
    const e = (emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } }));
    const w = (work = await mkdtemp(join(tmpdir(), 'raydocs-cli-budget-')));
    const client = new RaydocsClient({ baseUrl: e.url, token: e.token });
    const template = e.seed.workspaces[0]!.templates[0]!.id;
    const runs = ['a', 'b'];
    const sessions = await Promise.all(runs.map((n) => client.createSession({ extraction_template_id: template, name: `budget ${n}` })));
    for (const n of runs) await makePdfs(join(w, n), 30, n);
    // Each push alone makes about 70 calls: one window holds either, not both.
    e.setRateLimit({ count: 100, windowMs: WINDOW_MS });
    const since = Date.now();
    const data = join(w, 'data');
    // Two profiles: each push has its own journal (and lock) in the one data folder, and so the one budget file.
    // (Checked: with a data folder each, the same two pushes collect 11 429s.)
    const children = runs.map((n, i) =>
      spawnCli(['push', sessions[i]!.id, join(w, n), '--json', '--concurrency', '8'], {
        env: cleanEnv({ RAYDOCS_API_URL: e.url, RAYDOCS_TOKEN: e.token, RAYDOCS_DATA_DIR: data, RAYDOCS_PROFILE: n, RAYDOCS_RATE_LIMIT: `95/${WINDOW_MS / 1000}` }),
        cwd: w,
      }),
    );
    const results = await Promise.all(children.map((c) => c.done));
    for (const r of results) {
      expect(r.code, r.stderr.slice(-2000)).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ counts: { uploaded: 30, failed: 0 } });
    }

    const api = e.inspect().requests.filter((r) => r.at >= since && !r.path.startsWith('/s3/') && !r.path.startsWith('/__admin'));
    // Both ran against the same window: more calls in all than one window allows.
    expect(api.length).toBeGreaterThan(100);
    expect(api.filter((r) => r.status === 429).length).toBeLessThanOrEqual(3);
    // The budget file is there, small, and names this server.
    const file = await readFile(join(data, BUDGET_FILE), 'utf8');
    expect(file.length).toBeLessThan(4096);
    expect(Object.keys((JSON.parse(file) as { servers: object }).servers)).toContain(new URL(e.url).origin);
  }, 120_000);
});
