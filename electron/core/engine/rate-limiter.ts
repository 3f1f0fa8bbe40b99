// Client-side sliding-window limiter keeping API calls under Raydocs' documented 100 per minute.
export interface RateLimiter {
  /** Resolves when one more request may be sent. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** For the client's `beforeRequest` hook. */
  beforeRequest: (req: { method: string; path: string }) => Promise<void>;
}

/**
 * Raydocs allows 100 calls a minute per IP. We aim a little under it: the server counts arrivals in fixed
 * windows, and a call that leaves here at the end of one window can land in the next.
 */
export const DEFAULT_API_RATE_LIMIT = { count: 95, windowMs: 60_000 } as const;

export function createRateLimiter(opts: { count: number; windowMs: number }, now: () => number = Date.now): RateLimiter {
  const sent: number[] = []; // send times within the window, oldest first
  let chain: Promise<void> = Promise.resolve();
  const take = async (signal?: AbortSignal): Promise<void> => {
    for (;;) {
      const t = now();
      while (sent.length > 0 && sent[0]! <= t - opts.windowMs) sent.shift();
      if (sent.length < opts.count) {
        sent.push(t);
        return;
      }
      const wait = sent[0]! + opts.windowMs - t + 1;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, wait);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason ?? new Error('aborted'));
        }, { once: true });
      });
    }
  };
  const acquire = (signal?: AbortSignal): Promise<void> => {
    // FIFO: requests queue behind each other so none starves.
    const p = chain.then(() => take(signal));
    chain = p.catch(() => undefined);
    return p;
  };
  return { acquire, beforeRequest: () => acquire() };
}
