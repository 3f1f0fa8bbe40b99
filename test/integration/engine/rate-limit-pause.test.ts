// One pause for a 429: once the client reads a 429, no worker sends a request until its Retry-After has passed, and
// the emulator receives none then but those already on their way when the 429 was read.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { createRateLimiter } from '../../../electron/core/api/rate-limiter';
import { createEngine, type UploadEngine } from '../../../electron/core/engine';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { writeFile } from '../../fixtures/make-files';
import { FAST, within } from './harness';

let emu: RunningEmulator | null = null;
let engine: UploadEngine | null = null;
let dir: string | null = null;
afterEach(async () => {
  await engine?.close();
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  emu = engine = dir = null;
});

describe('a 429 pauses every API call of the process', () => {
  it('zero requests between a 429 and its Retry-After, from any worker', async () => {
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 50 } });
    dir = mkdtempSync(join(tmpdir(), 'rate-pause-'));
    const files = join(dir, 'files');
    mkdirSync(files);
    for (let i = 0; i < 16; i++) writeFile(join(files, `paused-${i}.pdf`), 'pdf');
    const raw = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
    const ws = emu.seed.workspaces[0]!;
    const session = await raw.createSession({ extraction_template_id: ws.templates[0]!.id, name: 'rate pause' });

    // The server allows 20 calls per 3 s; the client paces itself at 19 (the production margin). Someone else on
    // this address spends 15 of the window first, so the client's picture is wrong and the server answers 429.
    emu.setRateLimit({ count: 20, windowMs: 3000 });
    for (let i = 0; i < 15; i++) await raw.listWorkspaces();
    // The emulator logs to the millisecond: a clear gap keeps the last of those 15 out of the engine's requests below.
    const lastOfThem = Date.now();
    while (Date.now() <= lastOfThem) await new Promise((r) => setImmediate(r));
    const since = Date.now();

    const limiter = createRateLimiter({ count: 19, windowMs: 3000 });
    const released: number[] = [];
    const learned: Array<{ at: number; retryAfterMs: number }> = [];
    const client = new RaydocsClient({
      baseUrl: emu.url,
      token: emu.token,
      timeoutMs: 10_000,
      beforeRequest: async (req) => {
        await limiter.beforeRequest(req);
        released.push(Date.now());
      },
      onRateLimited: (req, retryAfterMs) => {
        learned.push({ at: Date.now(), retryAfterMs: retryAfterMs ?? 60_000 });
        limiter.onRateLimited(req, retryAfterMs);
      },
    });
    engine = createEngine({ client, journalDir: join(dir, 'journal'), ...FAST, concurrency: 8 });
    await engine.add([files], { kind: 'session', workspaceId: ws.id, sessionId: session.id, sessionName: session.name });
    await within(engine.whenIdle(), 60_000, 'idle');
    expect(engine.snapshot().items.map((i) => i.state.status)).toEqual(Array(16).fill('done'));

    // The scenario happened: the client read a 429 with a Retry-After of a second or more.
    expect(learned.length).toBeGreaterThan(0);
    expect(learned[0]!.retryAfterMs).toBeGreaterThanOrEqual(1000);

    // Client side: between reading any 429 and the end of its Retry-After, the limiter let no request go.
    for (const l of learned) {
      const during = released.filter((r) => r >= l.at && r < l.at + l.retryAfterMs);
      expect(during, `released within ${l.retryAfterMs} ms after the 429 read at ${l.at}`).toEqual([]);
    }

    // Server side: the requests the emulator received between the first 429 and its Retry-After are only those that
    // were already sent when the client read it (released before, not yet arrived), and each got a 429.
    const api = emu.inspect().requests.filter((r) => r.at >= since && !r.path.startsWith('/s3/') && !r.path.startsWith('/__admin'));
    const first = api.find((r) => r.status === 429)!;
    const pauseEnd = first.at + learned[0]!.retryAfterMs;
    const inPause = api.filter((r) => r.at > first.at && r.at < pauseEnd);
    const onTheirWay = released.filter((r) => r < learned[0]!.at).length - api.filter((r) => r.at <= first.at).length;
    expect(inPause.length).toBeLessThanOrEqual(Math.max(0, onTheirWay));
    expect(inPause.every((r) => r.status === 429)).toBe(true);
    // …and the first request after the pause came once it was over.
    const after = api.filter((r) => r.at >= pauseEnd);
    expect(after.length).toBeGreaterThan(0);
  }, 90_000);
});
