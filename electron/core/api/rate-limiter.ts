// Client-side sliding-window limiter keeping API calls under Raydocs' documented 100 per minute, uploads first; a 429
// pauses every call until its Retry-After. The budget is this process's, or the user's shared file (shared-budget.ts).
import { memoryBudget, type BudgetStore } from './shared-budget';

export type RateLane = 'upload' | 'background';

type Hook = (req: { method: string; path: string }) => Promise<void>;
/** For the client's `onRateLimited` hook: a 429 answer and its Retry-After (null when it sent none). */
type RateLimitedHook = (req: { method: string; path: string }, retryAfterMs: number | null) => void;

export interface RateLimiter {
  /** Resolves when one more request may be sent in that lane (default `upload`). */
  acquire(signal?: AbortSignal, lane?: RateLane): Promise<void>;
  /** For the client's `beforeRequest` hook: the upload lane. */
  beforeRequest: Hook;
  /** For the client's `onRateLimited` hook, both lanes: no call goes until the 429's Retry-After has passed. */
  onRateLimited: RateLimitedHook;
  /** The same hooks in the background lane, for polling clients (documents view, runs). */
  background: { beforeRequest: Hook; onRateLimited: RateLimitedHook };
  /** About how long until an upload-lane call could go (0: now); for the CLI's progress line. */
  waitMs(): number;
}

/** The documented fallback when a 429 says nothing about when to come back (docs/engine.md, rate limits). */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 60_000;

/**
 * Raydocs allows 100 calls a minute per IP. We aim a little under it: the server counts arrivals in fixed
 * windows, and a call that leaves here at the end of one window can land in the next.
 */
export const DEFAULT_API_RATE_LIMIT = { count: 95, windowMs: 60_000 } as const;

/** Share of the window a background call may fill while uploads are active: the rest stays free for them. */
export const BACKGROUND_SHARE = 0.75;

export interface RateLimitOptions {
  count: number;
  windowMs: number;
  /** Where the calls are counted; default this process's memory (the hosts pass the shared file). */
  store?: BudgetStore;
}

/** A sleep that ends at its timer, at `notify()` when it asked to (`onChange`), or rejects when its signal aborts. */
interface Sleeper {
  sleep(ms: number | null, signal: AbortSignal | undefined, onChange: boolean): Promise<void>;
  notify(): void;
}

function createSleeper(): Sleeper {
  // Background waiters sleep until a timer or until the upload lane changes (an upload got through or gave up).
  let wake: Array<() => void> = [];
  const notify = () => {
    const w = wake;
    wake = [];
    for (const f of w) f();
  };
  const sleep = (ms: number | null, signal: AbortSignal | undefined, onChange: boolean): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        if (timer !== undefined) clearTimeout(timer);
        reject(signal?.reason ?? new Error('aborted'));
      };
      if (ms !== null) timer = setTimeout(done, ms);
      if (onChange) wake.push(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  return { sleep, notify };
}

/** FIFO: each call starts once the one before it has settled, so none starves. */
function serial(): (fn: () => Promise<void>) => Promise<void> {
  let chain = Promise.resolve();
  return (fn) => {
    const p = chain.then(fn);
    chain = p.catch(() => undefined);
    return p;
  };
}

// Past 60 lines on purpose: both lanes' take loops read and write the upload lane's state (calls waiting, last upload).
export function createRateLimiter(opts: RateLimitOptions, now: () => number = Date.now): RateLimiter {
  const store = opts.store ?? memoryBudget(opts.windowMs);
  const backgroundCap = Math.max(1, Math.floor(opts.count * BACKGROUND_SHARE));
  let uploadsWaiting = 0;
  let lastUploadAt = Number.NEGATIVE_INFINITY;
  const lanes: Record<RateLane, ReturnType<typeof serial>> = { upload: serial(), background: serial() };
  const { sleep, notify } = createSleeper();

  const takeUpload = async (signal?: AbortSignal): Promise<void> => {
    for (;;) {
      const t = now();
      const wait = store.take(t, opts.count);
      if (wait === 0) {
        lastUploadAt = t;
        return;
      }
      await sleep(wait, signal, false);
    }
  };

  const takeBackground = async (signal?: AbortSignal): Promise<void> => {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const t = now();
      if (uploadsWaiting > 0) {
        await sleep(null, signal, true);
        continue;
      }
      const uploadsActive = t - lastUploadAt < opts.windowMs;
      const cap = uploadsActive ? backgroundCap : opts.count;
      let wait = store.take(t, cap);
      if (wait === 0) return;
      // The reserve lifts when uploads have been quiet for a window; the window slides meanwhile (a pause holds anyway).
      if (uploadsActive) wait = Math.min(wait, lastUploadAt + opts.windowMs - t + 1);
      await sleep(wait, signal, true);
    }
  };

  const acquire = (signal?: AbortSignal, lane: RateLane = 'upload'): Promise<void> => {
    if (lane === 'background') return lanes.background(() => takeBackground(signal));
    uploadsWaiting++;
    const p = lanes.upload(() => takeUpload(signal));
    const settle = () => {
      uploadsWaiting--;
      notify();
    };
    p.then(settle, settle);
    return p;
  };
  const onRateLimited: RateLimitedHook = (_req, retryAfterMs) => {
    // One pause for everyone: the server's window is spent, whoever asks next. Sleepers wake and read it.
    const t = now();
    store.pause(t + (retryAfterMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS), t);
    notify();
  };
  return {
    acquire,
    beforeRequest: () => acquire(),
    onRateLimited,
    background: { beforeRequest: () => acquire(undefined, 'background'), onRateLimited },
    waitMs: () => store.peek(now(), opts.count),
  };
}

/** The client options that put a limiter in front of a client, in one lane (none without a limiter). */
export function limiterHooks(limiter: RateLimiter | null, lane: RateLane = 'upload'): { beforeRequest?: Hook; onRateLimited?: RateLimitedHook } {
  if (!limiter) return {};
  return lane === 'upload' ? { beforeRequest: limiter.beforeRequest, onRateLimited: limiter.onRateLimited } : { ...limiter.background };
}
