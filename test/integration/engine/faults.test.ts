// Resilience against the emulator: expiring URLs, 5xx/resets/429 bursts, an outage, a revoked token.
import { describe, expect, it, afterEach } from 'vitest';
import { DEFAULT_RETRY } from '../../../electron/core/engine';
import { attachCounts, harness, until, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

function allAttachedOnce(h: Harness, n: number): void {
  const counts = attachCounts(h.emu, h.target.sessionId);
  expect(counts).toHaveLength(n);
  expect(counts.filter((c) => c !== 1)).toEqual([]);
}

describe('engine resilience', () => {
  it('a URL that expires mid-queue never fails an item', async () => {
    // 2 s URLs and PUTs slowed by the bandwidth limit and storage-side stalls.
    h = await harness({ urlExpirySeconds: 2 }, { concurrency: 4, bandwidthLimitBps: 512 * 1024 });
    const folder = h.makeFiles(8);
    // Make the files big enough that a PUT outlives a URL at the bandwidth limit.
    const { truncateSync, readdirSync } = await import('node:fs');
    for (const f of readdirSync(folder)) truncateSync(`${folder}/${f}`, 128 * 1024);
    // Some PUTs reach storage only after their 2 s URL has expired (S3 checks expiry when the request arrives).
    h.emu.setFaults({ stallRate: 0.4, stallMs: 2300, routes: ['/s3/'] });
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 60_000, 'idle');
    const states = h.engine.snapshot().items.map((i) => i.state.status);
    expect(states).toEqual(Array(8).fill('done'));
    allAttachedOnce(h, 8);
    // The scenario really happened: storage refused at least one expired URL, and a fresh URL was fetched for it.
    const puts = h.emu.inspect().requests.filter((r) => r.method === 'PUT');
    expect(puts.some((r) => r.status === 403)).toBe(true);
    const urls = h.emu.inspect().requests.filter((r) => r.path.startsWith('/vapor/signed-storage-url'));
    expect(urls.length).toBeGreaterThan(8);
  }, 90_000);

  it('20% 5xx, resets mid-body and 429 bursts at the production retry budget: nothing lost, nothing attached twice', async () => {
    // Every request is faulted (20% 5xx, 5% 429, resets mid-body). A retried attach on the two-call path makes up to
    // five requests (the session's document list, two pages at 200 files; the workspace lookup; the attach), so one
    // attempt fails about 70% of the time, and with the production budget of 12 a file or two of 200 gives up in about
    // one run in three (measured: 0.7^12 × 200 ≈ 3, attempts being correlated in shared calls). The seeds are fixed (the
    // emulator's faults and the engine's jitter) but the faults are drawn in the order requests arrive, which eight
    // concurrent uploads do not fix: which file gives up is chance. So the test asserts what the budget promises: a
    // file that gives up says so after exactly 12 attempts of a retryable failure, no more than a few do, and the
    // person's Retry once the storm is over finishes them, every file attached exactly once. Fake time: the production
    // backoff (500 ms doubling to 30 s) costs no real time.
    h = await harness({ seed: 7 }, { concurrency: 8, retry: DEFAULT_RETRY }, { fakeTime: { seed: 7 } });
    const folder = h.makeFiles(200, 'many');
    // Resets need bodies larger than resetAfterBytes.
    h.emu.setFaults({ errorRate: 0.2, errorStatuses: [500, 502, 503], rateLimitBurstRate: 0.05, resetMidBodyRate: 0.2, resetAfterBytes: 16 });
    const report = await h.engine.add([folder], h.target);
    expect(report.accepted).toBe(200);
    await within(h.engine.whenIdle(), 120_000, 'idle');
    const notDone = h.engine.snapshot().items.filter((i) => i.state.status !== 'done');
    for (const i of notDone) {
      expect(i.state).toMatchObject({ status: 'failed', error: { code: 'retries-exhausted' } });
      if (i.state.status === 'failed') expect(i.state.error.message).toMatch(new RegExp(`^${i.name.replace('.', '\\.')}: gave up after ${DEFAULT_RETRY.budget} attempts: `));
    }
    expect(notDone.length).toBeLessThanOrEqual(5);
    const statuses = new Set(h.emu.inspect().requests.map((r) => r.status));
    expect(statuses.has(429)).toBe(true);
    expect(statuses.has(500) || statuses.has(502) || statuses.has(503)).toBe(true);
    // Mid-body resets forced re-uploads: more PUTs were attempted than files.
    expect(h.emu.inspect().requests.filter((r) => r.method === 'PUT').length).toBeGreaterThan(200);

    h.emu.setFaults({});
    h.engine.retry(notDone.map((i) => i.id));
    await within(h.engine.whenIdle(), 60_000, 'idle after Retry');
    expect(h.engine.snapshot().items.filter((i) => i.state.status !== 'done').map((i) => [i.name, i.state])).toEqual([]);
    allAttachedOnce(h, 200);
  }, 150_000);

  it('a 10 s outage: the queue shows offline, resumes by itself, all attached once', async () => {
    h = await harness({}, { concurrency: 2, bandwidthLimitBps: 2 * 1024 * 1024 });
    const folder = h.makeFiles(30);
    const { truncateSync, readdirSync } = await import('node:fs');
    for (const f of readdirSync(folder)) truncateSync(`${folder}/${f}`, 256 * 1024);
    await h.engine.add([folder], h.target);
    // Let a few finish, then cut the network.
    await within(
      new Promise<void>((resolve) => {
        const off = h.engine.on((e) => {
          if (e.type === 'summary' && e.summary.counts.done >= 3) {
            off();
            resolve();
          }
        });
      }),
      30_000,
      'first items',
    );
    h.emu.outage(10);
    const sawOffline = within(
      new Promise<void>((resolve) => {
        const off = h.engine.on((e) => {
          if (e.type === 'summary' && e.summary.connectivity.state === 'offline') {
            off();
            resolve();
          }
        });
      }),
      15_000,
      'offline summary',
    );
    await sawOffline;
    await within(h.engine.whenIdle(), 60_000, 'idle after outage');
    expect(h.lastSummary()?.connectivity.state).toBe('online');
    expect(h.engine.snapshot().items.map((i) => i.state.status)).toEqual(Array(30).fill('done'));
    allAttachedOnce(h, 30);
  }, 90_000);

  it('a 401 mid-run pauses the whole queue with "sign in again"; nothing fails; signedIn() resumes', async () => {
    h = await harness({}, { concurrency: 2, bandwidthLimitBps: 1024 * 1024 }, { fakeTime: true });
    const folder = h.makeFiles(20);
    const { truncateSync, readdirSync } = await import('node:fs');
    for (const f of readdirSync(folder)) truncateSync(`${folder}/${f}`, 128 * 1024);
    await h.engine.add([folder], h.target);
    // Revoked mid-run: once the first file is stored and others are on their way.
    await until(() => h.engine.snapshot().summary.counts.done >= 1, 20_000, 'the first file stored');
    h.emu.revokeToken(h.token.value);
    await within(
      new Promise<void>((resolve) => {
        const check = (): boolean => h.engine.snapshot().summary.connectivity.state === 'signed-out';
        if (check()) return resolve();
        const off = h.engine.on(() => {
          if (check()) {
            off();
            resolve();
          }
        });
      }),
      20_000,
      'signed-out',
    );
    const snap = h.engine.snapshot();
    expect(snap.summary.connectivity).toMatchObject({ state: 'signed-out' });
    if (snap.summary.connectivity.state === 'signed-out') expect(snap.summary.connectivity.message).toMatch(/sign in again/);
    // Ten minutes of the engine's fake time, far past every retry budget once the uploads under way have landed: nothing
    // may turn failed while signed out, and nothing is asked.
    await until(h.quiet, 20_000, 'the uploads under way to land');
    const calls = h.calls.length;
    await h.clock!.advance(10 * 60_000);
    await until(h.quiet, 20_000, 'calls to land');
    expect(h.calls.slice(calls)).toEqual([]);
    expect(h.engine.snapshot().items.filter((i) => i.state.status === 'failed')).toEqual([]);
    expect(h.engine.snapshot().summary.counts.failed).toBe(0);

    h.token.value = h.emu.createToken();
    h.engine.signedIn();
    await within(h.engine.whenIdle(), 30_000, 'idle after sign-in');
    expect(h.engine.snapshot().items.map((i) => i.state.status)).toEqual(Array(20).fill('done'));
    allAttachedOnce(h, 20);
  }, 60_000);

  it('the client-side limiter paces a big batch under the server limit: no 429 at all', async () => {
    // The server allows 20 calls per 2 s; the client is paced at 15 per 2 s, as hosts pace it (the limiter as its
    // beforeRequest). The margin covers requests that leave the limiter in one window but reach a loaded server in the next.
    h = await harness({ rateLimit: { count: 20, windowMs: 2000 } }, { concurrency: 8 }, { rateLimit: { count: 15, windowMs: 2000 } });
    const folder = h.makeFiles(40);
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 30_000, 'idle');
    expect(h.engine.snapshot().items.map((i) => i.state.status)).toEqual(Array(40).fill('done'));
    const api = h.emu.inspect().requests.filter((r) => !r.path.startsWith('/s3/'));
    expect(api.length).toBeGreaterThan(40);
    expect(api.filter((r) => r.status === 429)).toEqual([]);
    allAttachedOnce(h, 40);
  }, 40_000);
});
