// Progress on a (fake) terminal for a push of 300 small files and one large one against the emulator, paced under a
// tight rate limit: no frame shows an ETA above 24 h, files, bytes and the bar never go backwards, and the
// rate-limit wait is said in words.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, makePdfs } from './helpers';
import { runInProcess } from './in-process';

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** "1h02m", "3m10s", "12s" → seconds. */
function seconds(eta: string): number {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(eta)!;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

describe('push progress on a terminal', () => {
  let emu: RunningEmulator;
  let work: string;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimit: null });
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-progress-'));
  });
  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('300 small files and one large: honest frames, and the rate-limit wait in words', async () => {
    const dir = join(work, 'docs');
    await makePdfs(dir, 300, 'small');
    await writeFile(join(dir, 'large.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(40 * 1024 * 1024, 7), Buffer.from('\n%%EOF\n')]));
    const client = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
    const session = await client.createSession({ extraction_template_id: emu.seed.workspaces[0]!.templates[0]!.id });
    // About two calls a file: 60 calls per 2 s makes the client hold calls back again and again during the push.
    const env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data'), RAYDOCS_RATE_LIMIT: '60/2' });
    const r = await runInProcess(['push', session.id, dir, '--concurrency', '8'], { env, cwd: work, stderrIsTTY: true, columns: 120 });
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(r.stdout).toMatch(/uploaded\s+301\n/);

    // Each frame starts after the cursor moves back up over the previous one.
    const frames = r.stderr.split(/\x1b\[\d+F\x1b\[J/).filter((f) => /files · /.test(f));
    expect(frames.length).toBeGreaterThan(10);
    let last = { pct: -1, files: -1, bytes: -1 };
    let etas = 0;
    for (const f of frames) {
      const m = /(\d+)%\s+(\d+)\/(\d+) files · ([\d.]+) ?([KMG]?i?B)\/[\d.]+ ?[KMG]?i?B .* ETA (\S+)/.exec(f);
      expect(m, f).not.toBeNull();
      const now = { pct: Number(m![1]), files: Number(m![2]), bytes: Number(m![4]) * (UNITS[m![5]!] ?? 1) };
      expect(Number(m![3])).toBe(301);
      expect(now.pct, f).toBeGreaterThanOrEqual(last.pct);
      expect(now.files, f).toBeGreaterThanOrEqual(last.files);
      // Bytes are shown rounded; a drop smaller than the rounding is not a step back.
      expect(now.bytes, f).toBeGreaterThanOrEqual(last.bytes * 0.99);
      if (m![6] !== '--') {
        etas++;
        expect(seconds(m![6]!), f).toBeLessThanOrEqual(24 * 3600);
      }
      last = now;
    }
    expect(etas).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/waiting for the API rate limit \(\d+ s\)/);
  }, 120_000);
});
