// Laravel-style fixed-window throttle per client (IP + token), answering 429 with Retry-After and X-RateLimit-*.
import { createHash } from 'node:crypto';
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

  hit(ip: string, token: string | null, now: number): RateVerdict {
    const c = this.config;
    if (!c) return { ok: true, headers: {} };
    // The token is hashed so no secret sits in memory maps that might be dumped.
    const key = `${ip}|${token ? createHash('sha256').update(token).digest('hex') : '-'}`;
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
