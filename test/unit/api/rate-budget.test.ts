// The shared rate budget file: two limiters over one folder count one budget, a 429's pause reaches both, and a
// missing, corrupt or locked file never crashes a process (it starts conservatively or waits its turn).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../../../electron/core/api/rate-limiter';
import { STALE_LOCK_MS } from '../../../electron/core/api/budget-lock';
import { BUDGET_FILE, BUDGET_LOCK, fileBudget, memoryBudget } from '../../../electron/core/api/shared-budget';

const ORIGIN = 'http://127.0.0.1:9';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rate-budget-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const known = () => writeFileSync(join(dir, BUDGET_FILE), JSON.stringify({ v: 1, servers: {} }));
const store = (count = 6, windowMs = 10_000, onFallback?: (r: string) => void) =>
  fileBudget({ dir, origin: ORIGIN, count, windowMs, ...(onFallback ? { onFallback } : {}) });
/** How many of `n` takes at time `t` succeed. */
const takes = (s: ReturnType<typeof store>, n: number, t: number, cap = 6) => Array.from({ length: n }, () => s.take(t, cap)).filter((w) => w === 0).length;

/** A pid that certainly belongs to no running process: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid!;
}

describe('shared rate budget file', () => {
  it('two processes over one folder share one budget: the second knows what the first spent', () => {
    known();
    const a = store();
    const b = store();
    const t = 1_000_000;
    expect(takes(a, 4, t)).toBe(4);
    expect(takes(b, 4, t + 1)).toBe(2);
    // Full: the wait is until the oldest call leaves the window.
    expect(b.take(t + 2, 6)).toBe(10_000 - 2 + 1);
    expect(takes(a, 1, t + 10_001)).toBe(1);
  });

  it('a 429 pause recorded by one is kept by the other', () => {
    known();
    const a = store();
    const b = store();
    const t = 2_000_000;
    a.pause(t + 3000, t);
    expect(b.take(t + 1000, 6)).toBe(2000);
    expect(b.peek(t + 1000, 6)).toBe(2000);
    expect(b.take(t + 3000, 6)).toBe(0);
  });

  it('with no file it starts conservatively: half the window counts as spent', () => {
    const t = 3_000_000;
    expect(takes(store(10), 10, t, 10)).toBe(5);
    // …and writes that assumption down, so a second process starts from the same picture.
    const file = JSON.parse(readFileSync(join(dir, BUDGET_FILE), 'utf8')) as { servers: Record<string, { sent: number[] }> };
    expect(file.servers[ORIGIN]!.sent).toHaveLength(10);
    expect(takes(store(10), 1, t, 10)).toBe(0);
  });

  it('a corrupt file is never trusted nor fatal: a conservative start, and the file is rewritten', () => {
    for (const junk of ['{"v":1,"servers":{"x":{"pause":"soon","sent":[]}}}', 'not json', '{"v":2}', '\u0000\u0000']) {
      writeFileSync(join(dir, BUDGET_FILE), junk);
      const s = store(10);
      expect(takes(s, 10, 4_000_000, 10), junk).toBe(5);
      expect(() => JSON.parse(readFileSync(join(dir, BUDGET_FILE), 'utf8')) as unknown).not.toThrow();
      rmSync(join(dir, BUDGET_FILE));
    }
  });

  it('a lock left by a dead process is taken over; a live holder is waited for until its lock is stale', () => {
    known();
    const t = Date.now();
    writeFileSync(join(dir, BUDGET_LOCK), `${deadPid()} ${t}`);
    expect(store().take(t, 6)).toBe(0);

    // A live process (our parent) holding it just now: wait and ask again, nothing recorded.
    writeFileSync(join(dir, BUDGET_LOCK), `${process.ppid} ${t}`);
    const s = store();
    expect(s.take(t, 6)).toBeGreaterThan(0);
    expect(s.take(t, 6)).toBeLessThan(10);
    // The same holder past the stale age (hung): taken over.
    expect(s.take(t + STALE_LOCK_MS + 1, 6)).toBe(0);
    // An empty lock (caught between its create and its write) is judged by its age.
    writeFileSync(join(dir, BUDGET_LOCK), '');
    const old = new Date(t - 2 * STALE_LOCK_MS);
    utimesSync(join(dir, BUDGET_LOCK), old, old);
    expect(store().take(t + STALE_LOCK_MS + 2, 6)).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, BUDGET_FILE), 'utf8')) as { servers: Record<string, { sent: number[] }> };
    expect(file.servers[ORIGIN]!.sent).toHaveLength(3);
  });

  it('a folder that cannot hold the file: this process counts alone, says why once, and never throws', () => {
    writeFileSync(join(dir, 'blocked'), 'a file where the folder should be');
    const reasons: string[] = [];
    const s = fileBudget({ dir: join(dir, 'blocked'), origin: ORIGIN, count: 10, windowMs: 10_000, onFallback: (r) => reasons.push(r) });
    expect(takes(s, 10, 5_000_000, 10)).toBe(5);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain(join(dir, 'blocked', BUDGET_FILE));
  });

  it('stays one small file: old calls and idle servers are pruned', () => {
    known();
    const t = 6_000_000;
    for (let i = 0; i < 200; i++) fileBudget({ dir, origin: `http://127.0.0.1:${1000 + i}`, count: 6, windowMs: 1000 }).take(t + i * 10, 6);
    const s = store(6, 1000);
    for (let i = 0; i < 50; i++) s.take(t + 5000 + i * 200, 6);
    const file = JSON.parse(readFileSync(join(dir, BUDGET_FILE), 'utf8')) as { servers: Record<string, { sent: number[] }> };
    expect(Object.keys(file.servers)).toEqual([ORIGIN]);
    expect(file.servers[ORIGIN]!.sent.length).toBeLessThanOrEqual(6);
    expect(readFileSync(join(dir, BUDGET_FILE)).length).toBeLessThan(2048);
  });
});

describe('the limiter learns from a 429', () => {
  it('every call of both lanes, queued or new, waits for the Retry-After', async () => {
    vi.useFakeTimers({ now: 0 });
    const lim = createRateLimiter({ count: 100, windowMs: 1000, store: memoryBudget(1000) }, () => Date.now());
    await lim.acquire();
    lim.onRateLimited({ method: 'POST', path: '/x' }, 3000);
    const went: string[] = [];
    void lim.acquire().then(() => went.push(`U@${Date.now()}`));
    void lim.background.beforeRequest({ method: 'GET', path: '/y' }).then(() => went.push(`B@${Date.now()}`));
    await vi.advanceTimersByTimeAsync(2999);
    expect(went).toEqual([]);
    expect(lim.waitMs()).toBe(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(went).toEqual(['U@3000', 'B@3000']);
  });

  it('a 429 without Retry-After pauses for the documented minute', async () => {
    vi.useFakeTimers({ now: 0 });
    const lim = createRateLimiter({ count: 100, windowMs: 1000 }, () => Date.now());
    lim.background.onRateLimited({ method: 'GET', path: '/y' }, null);
    expect(lim.waitMs()).toBe(60_000);
  });
});

describe("a rate-limited file's own retry", () => {
  it('waits exactly the Retry-After, no jitter on top; other retries still back off with jitter', async () => {
    const { retryDelay } = await import('../../../electron/core/engine/retry-policy');
    const cfg = { baseMs: 500, capMs: 30_000 };
    // At attempt 8 the jitter ceiling is 30 s: a 3 s Retry-After must not become 29 s.
    expect(retryDelay(8, cfg, 3000, true, () => 0.99)).toBe(3000);
    expect(retryDelay(8, cfg, 3000, false, () => 0.99)).toBe(29_700);
    // A 429 that said nothing (a storage 429) backs off like any other failure.
    expect(retryDelay(1, cfg, null, true, () => 0.5)).toBe(250);
  });
});
