// The API rate budget as the limiter sees it: this process's own (memory) or every process of the user's (one file).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { releaseLock, tryLock } from './budget-lock';

/** What the limiter asks of a budget; every method is synchronous, so one check-and-record never interleaves. */
export interface BudgetStore {
  /**
   * Records one call at `t` when the window holds fewer than `cap` calls and no 429 pause holds: returns 0. Otherwise
   * records nothing and returns the milliseconds to wait before asking again.
   */
  take(t: number, cap: number): number;
  /** A 429's Retry-After, learned at `t`: no call of any process sharing this budget goes before `until`. */
  pause(until: number, t: number): void;
  /** Milliseconds until `take(t, cap)` could succeed, without recording anything. */
  peek(t: number, cap: number): number;
}

export const BUDGET_FILE = 'rate-budget.json';
export const BUDGET_LOCK = 'rate-budget.lock';

/** How soon to ask again while another process holds the lock (it is held for well under a millisecond). */
const LOCK_BUSY_RETRY_MS = 2;
/** No pause read back from the file is longer than this: a wall clock set back must not freeze every process. */
export const MAX_PAUSE_MS = 10 * 60_000;
/** Bounds for the file: calls kept per server, and servers kept. */
const MAX_SENT = 1000;
const MAX_SERVERS = 16;

interface ServerBudget {
  pause: number;
  sent: number[];
  /** The window its last writer counted in, so any process can prune the others' servers. */
  windowMs: number;
}

/** Pure window arithmetic shared by both stores: `sent` is ascending and already expired. */
function waitFor(b: ServerBudget, t: number, cap: number, windowMs: number): number {
  if (b.pause > t) return b.pause - t;
  if (b.sent.length < cap) return 0;
  return Math.max(1, b.sent[b.sent.length - cap]! + windowMs - t + 1);
}

function expire(b: ServerBudget, t: number, windowMs: number): void {
  let i = 0;
  while (i < b.sent.length && b.sent[i]! <= t - windowMs) i++;
  if (i > 0) b.sent.splice(0, i);
}

/**
 * What a process assumes when nobody recorded anything (no file, or one it cannot read): that someone already spent
 * half the window, evenly over the last one. A burst into a window another client (an older version, a script, a
 * machine behind the same address) has filled would collect 429s; half keeps a small push instant all the same.
 */
export function conservativeStart(t: number, count: number, windowMs: number): number[] {
  const n = Math.floor(count / 2);
  return Array.from({ length: n }, (_, i) => Math.round(t - windowMs + ((i + 1) * windowMs) / (n + 1)));
}

/** This process's budget only (tests, benches, and the fallback when the shared file cannot be used). */
export function memoryBudget(windowMs: number, seed: number[] = []): BudgetStore {
  const b: ServerBudget = { pause: 0, sent: [...seed], windowMs };
  return {
    take(t, cap) {
      expire(b, t, windowMs);
      const wait = waitFor(b, t, cap, windowMs);
      if (wait === 0) b.sent.push(t);
      return wait;
    },
    pause(until, t) {
      b.pause = Math.max(b.pause, Math.min(until, t + MAX_PAUSE_MS));
    },
    peek(t, cap) {
      expire(b, t, windowMs);
      return waitFor(b, t, cap, windowMs);
    },
  };
}

type FileState = Record<string, ServerBudget>;

/** The file's servers, or null when it is not a budget file this version wrote (then nobody is trusted). */
export function parseBudgetFile(text: string, t: number): FileState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || (raw as { v?: unknown }).v !== 1) return null;
  const servers = (raw as { servers?: unknown }).servers;
  if (typeof servers !== 'object' || servers === null || Array.isArray(servers)) return null;
  const out: FileState = {};
  for (const [origin, value] of Object.entries(servers as Record<string, unknown>)) {
    const { pause, sent, windowMs } = (value ?? {}) as { pause?: unknown; sent?: unknown; windowMs?: unknown };
    if (typeof pause !== 'number' || !Number.isFinite(pause) || !Array.isArray(sent)) return null;
    if (typeof windowMs !== 'number' || !(windowMs > 0)) return null;
    if (!sent.every((s): s is number => typeof s === 'number' && Number.isFinite(s))) return null;
    // A call "sent" in the future is a clock set back: it cannot be spent budget, and it must not hold anyone.
    const b = { pause: Math.min(pause, t + MAX_PAUSE_MS), sent: sent.filter((s) => s <= t).sort((x, y) => x - y), windowMs };
    expire(b, t, windowMs);
    out[origin] = b;
  }
  return out;
}

/** The file's state; null when there is none (ENOENT) or it is not one we can trust. Other read errors are thrown. */
function readBudgetFile(file: string, t: number): FileState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return parseBudgetFile(text, t);
}

/** Rewritten in place, bounded: servers with nothing in their window and no pause are dropped, the busiest kept. */
function writeBudgetFile(file: string, state: FileState, t: number): void {
  const servers = Object.entries(state)
    .filter(([, b]) => b.sent.length > 0 || b.pause > t)
    .sort(([, a], [, b]) => (b.sent.at(-1) ?? b.pause) - (a.sent.at(-1) ?? a.pause))
    .slice(0, MAX_SERVERS)
    .map(([origin, b]) => [origin, { pause: b.pause > t ? b.pause : 0, sent: b.sent.slice(-MAX_SENT), windowMs: b.windowMs }]);
  writeFileSync(file, JSON.stringify({ v: 1, servers: Object.fromEntries(servers) }), { mode: 0o600 });
}

export interface FileBudgetOptions {
  /** The data folder (the app's userData, the CLI's data dir). */
  dir: string;
  /** The API's origin: each server counts its own calls. */
  origin: string;
  count: number;
  windowMs: number;
  /** Told once when the file cannot be used; the process then keeps its own budget in memory. */
  onFallback?: (reason: string) => void;
}

/**
 * One JSON file shared by every process of the user, behind an O_EXCL lock file (budget-lock.ts says why). The file is rewritten in place, pruned to one window per server, and never
 * fsynced: other processes read it through the same page cache the instant write() returns, and only a power loss
 * could lose it, after which every call it held has left the window anyway.
 */
// Past 60 lines on purpose: one closure holds the process's fallback and own pause beside the three operations.
export function fileBudget(opts: FileBudgetOptions): BudgetStore {
  const file = join(opts.dir, BUDGET_FILE);
  const lock = join(opts.dir, BUDGET_LOCK);
  let fallback: BudgetStore | null = null;
  let dirMade = false;
  // The last pause this process learned: it holds here even while the lock is busy, and is written with the next call.
  let ownPause = 0;

  const fallBack = (reason: string, t: number): BudgetStore => {
    opts.onFallback?.(reason);
    fallback = memoryBudget(opts.windowMs, conservativeStart(t, opts.count, opts.windowMs));
    return fallback;
  };

  /** Runs `fn` on this server's budget under the lock; null when another process holds the lock. */
  const locked = <T>(t: number, fn: (b: ServerBudget) => { result: T; dirty: boolean }): T | null => {
    if (!tryLock(lock, t)) return null;
    try {
      const state = readBudgetFile(file, t);
      // No file, or one we cannot read: assume half the window spent (see conservativeStart), and write it down.
      const start = state ? [] : conservativeStart(t, opts.count, opts.windowMs);
      const known = state?.[opts.origin] ?? { pause: 0, sent: start, windowMs: opts.windowMs };
      known.windowMs = opts.windowMs;
      expire(known, t, opts.windowMs);
      const raised = ownPause > known.pause;
      if (raised) known.pause = ownPause;
      const { result, dirty } = fn(known);
      if (dirty || raised || state === null) writeBudgetFile(file, { ...(state ?? {}), [opts.origin]: known }, t);
      return result;
    } finally {
      releaseLock(lock);
    }
  };

  const guarded = <T>(t: number, fn: (b: ServerBudget) => { result: T; dirty: boolean }, onFallback: (s: BudgetStore) => T, busy: T): T => {
    if (fallback) return onFallback(fallback);
    try {
      if (!dirMade) mkdirSync(opts.dir, { recursive: true });
      dirMade = true;
      return locked(t, fn) ?? busy;
    } catch (err) {
      return onFallback(fallBack(`${file}: ${(err as Error).message}`, t));
    }
  };

  return {
    take(t, cap) {
      if (ownPause > t) return ownPause - t;
      return guarded(
        t,
        (b) => {
          const wait = waitFor(b, t, cap, opts.windowMs);
          if (wait === 0) b.sent.push(t);
          return { result: wait, dirty: wait === 0 };
        },
        (s) => s.take(t, cap),
        LOCK_BUSY_RETRY_MS,
      );
    },
    pause(until, t) {
      ownPause = Math.max(ownPause, Math.min(until, t + MAX_PAUSE_MS));
      // Written now when the lock is free; otherwise with this process's next call (ownPause holds it meanwhile).
      guarded(t, () => ({ result: undefined, dirty: true }), (s) => s.pause(until, t), undefined);
    },
    peek(t, cap) {
      if (ownPause > t) return ownPause - t;
      return guarded(t, (b) => ({ result: waitFor(b, t, cap, opts.windowMs), dirty: false }), (s) => s.peek(t, cap), LOCK_BUSY_RETRY_MS);
    },
  };
}
