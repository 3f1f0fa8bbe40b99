// Laravel-style fixed-window throttle per client IP (the documented unit, §11), answering 429 with Retry-After and X-RateLimit-*.
import type { RateLimitConfig } from './types';

interface Window {
  start: number;
  count: number;
}

export type RateVerdict = { ok: true; headers: Record<string, string> } | { ok: false; headers: Record<string, string> };

export class RateLimiter {
  private windows = new Map<string, Window>();

  constructor(private config: RateLimitConfig | null) {}

  set(config: RateLimitConfig | null): void {
    this.config = config;
    this.windows.clear();
  }

  /** `bare` (the no-retry-after variant): the same verdict, without Retry-After or X-RateLimit-* headers. */
  hit(ip: string, now: number, bare = false): RateVerdict {
    const v = this.verdict(ip, now);
    return bare ? { ok: v.ok, headers: {} } : v;
  }

  private verdict(ip: string, now: number): RateVerdict {
    const c = this.config;
    if (!c) return { ok: true, headers: {} };
    // Per IP only: the docs say "per IP address", so two tokens on one machine share one budget.
    const key = ip;
    let w = this.windows.get(key);
    if (!w || now >= w.start + c.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    const resetAt = w.start + c.windowMs;
    if (w.count > c.count) {
      const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
      return {
        ok: false,
        headers: {
          'Retry-After': String(retryAfter),
          'X-RateLimit-Limit': String(c.count),
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
        },
      };
    }
    return { ok: true, headers: { 'X-RateLimit-Limit': String(c.count), 'X-RateLimit-Remaining': String(c.count - w.count) } };
  }
}
