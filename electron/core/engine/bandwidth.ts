// Upload bandwidth limit shared by every PUT: a token bucket whose rate can change while uploads run.
import { Transform, type TransformCallback } from 'node:stream';
import { realClock, type Clock } from './clock';

export interface Bandwidth {
  setLimit(bps: number): void;
  readonly limit: number;
  /** A pass-through stream that paces bytes through the shared bucket and reports each slice. */
  throttle(onBytes: (n: number) => void): Transform;
}

export function createBandwidth(initialBps = 0, clock: Clock = realClock): Bandwidth {
  let limit = initialBps;
  let tokens = 0;
  let last = clock.now();
  const wakers = new Set<() => void>();

  const refill = (): void => {
    const t = clock.now();
    if (limit > 0) tokens = Math.min(limit, tokens + ((t - last) * limit) / 1000); // burst ≤ 1 s
    last = t;
  };

  /** Waits until `n` bytes may pass (n ≤ a tenth of a second's budget, so progress stays smooth). */
  const take = async (n: number): Promise<void> => {
    for (;;) {
      if (limit <= 0) return;
      refill();
      if (tokens >= n) {
        tokens -= n;
        return;
      }
      const wait = Math.max(5, Math.ceil(((n - tokens) * 1000) / limit));
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clock.clearTimeout(timer);
          wakers.delete(wake);
          resolve();
        };
        const timer = clock.setTimeout(wake, wait);
        wakers.add(wake);
      });
    }
  };

  return {
    get limit() {
      return limit;
    },
    setLimit(bps) {
      refill();
      limit = Math.max(0, bps);
      tokens = Math.min(tokens, limit);
      for (const wake of [...wakers]) wake();
    },
    throttle(onBytes) {
      return new Transform({
        transform(chunk: Buffer, _enc, cb: TransformCallback) {
          void (async () => {
            let off = 0;
            while (off < chunk.length) {
              const slice = limit > 0 ? Math.max(1024, Math.floor(limit / 10)) : chunk.length;
              const end = Math.min(chunk.length, off + slice);
              await take(end - off);
              this.push(chunk.subarray(off, end));
              onBytes(end - off);
              off = end;
            }
            cb();
          })().catch((err: Error) => cb(err));
        },
      });
    },
  };
}
