// Client-side sliding-window limiter keeping API calls under Raydocs' documented 100 per minute, uploads first.
export type RateLane = 'upload' | 'background';

export interface RateLimiter {
  /** Resolves when one more request may be sent in that lane (default `upload`). */
  acquire(signal?: AbortSignal, lane?: RateLane): Promise<void>;
  /** For the client's `beforeRequest` hook: the upload lane. */
  beforeRequest: (req: { method: string; path: string }) => Promise<void>;
  /** The same hook in the background lane, for polling clients (documents view, runs). */
  background: { beforeRequest: (req: { method: string; path: string }) => Promise<void> };
}

/**
 * Raydocs allows 100 calls a minute per IP. We aim a little under it: the server counts arrivals in fixed
 * windows, and a call that leaves here at the end of one window can land in the next.
 */
export const DEFAULT_API_RATE_LIMIT = { count: 95, windowMs: 60_000 } as const;

/** Share of the window a background call may fill while uploads are active: the rest stays free for them. */
export const BACKGROUND_SHARE = 0.75;

export function createRateLimiter(opts: { count: number; windowMs: number }, now: () => number = Date.now): RateLimiter {
  const sent: number[] = []; // send times within the window, oldest first, both lanes
  const backgroundCap = Math.max(1, Math.floor(opts.count * BACKGROUND_SHARE));
  let uploadsWaiting = 0;
  let lastUploadAt = Number.NEGATIVE_INFINITY;
  const chains: Record<RateLane, Promise<void>> = { upload: Promise.resolve(), background: Promise.resolve() };
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

  const expire = (t: number) => {
    while (sent.length > 0 && sent[0]! <= t - opts.windowMs) sent.shift();
  };
  /** Time until the window holds fewer than `cap` sends. */
  const untilBelow = (cap: number, t: number): number => sent[sent.length - cap]! + opts.windowMs - t + 1;

  const takeUpload = async (signal?: AbortSignal): Promise<void> => {
    for (;;) {
      const t = now();
      expire(t);
      if (sent.length < opts.count) {
        sent.push(t);
        lastUploadAt = t;
        return;
      }
      await sleep(untilBelow(opts.count, t), signal, false);
    }
  };

  const takeBackground = async (signal?: AbortSignal): Promise<void> => {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const t = now();
      expire(t);
      if (uploadsWaiting > 0) {
        await sleep(null, signal, true);
        continue;
      }
      const uploadsActive = t - lastUploadAt < opts.windowMs;
      const cap = uploadsActive ? backgroundCap : opts.count;
      if (sent.length < cap) {
        sent.push(t);
        return;
      }
      // The reserve lifts when uploads have been quiet for a window; the window slides meanwhile.
      let wait = untilBelow(cap, t);
      if (uploadsActive) wait = Math.min(wait, lastUploadAt + opts.windowMs - t + 1);
      await sleep(wait, signal, true);
    }
  };

  const acquire = (signal?: AbortSignal, lane: RateLane = 'upload'): Promise<void> => {
    // FIFO within a lane: requests queue behind each other so none starves.
    if (lane === 'background') {
      const p = chains.background.then(() => takeBackground(signal));
      chains.background = p.catch(() => undefined);
      return p;
    }
    uploadsWaiting++;
    const p = chains.upload.then(() => takeUpload(signal));
    chains.upload = p.catch(() => undefined);
    const settle = () => {
      uploadsWaiting--;
      notify();
    };
    p.then(settle, settle);
    return p;
  };
  return {
    acquire,
    beforeRequest: () => acquire(),
    background: { beforeRequest: () => acquire(undefined, 'background') },
  };
}
