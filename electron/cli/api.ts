// The API client for a command, built from the resolved URL and token, paced by one shared rate limiter.
import { RaydocsClient } from '../core/api/client';
import { createRateLimiter, DEFAULT_API_RATE_LIMIT, type RateLimiter } from '../core/api/rate-limiter';
import { resolveToken, type CliContext, type TokenSource } from './context';
import { CliError } from './errors';
import { EXIT } from './exit-codes';

/** Raydocs documents 100 calls a minute; RAYDOCS_RATE_LIMIT (`COUNT/SECONDS` or `off`) is for servers with other limits. */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv): { count: number; windowMs: number } | null {
  const raw = env.RAYDOCS_RATE_LIMIT?.trim();
  if (!raw) return { ...DEFAULT_API_RATE_LIMIT };
  if (raw === 'off') return null;
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw);
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) throw new CliError(`RAYDOCS_RATE_LIMIT must look like 100/60 (calls/seconds) or "off", got "${raw}"`, EXIT.usage);
  return { count: Number(m[1]), windowMs: Math.round(Number(m[2]) * 1000) };
}

export function createClient(ctx: CliContext, token: string, limiter: RateLimiter | null = null): RaydocsClient {
  try {
    return new RaydocsClient({ baseUrl: ctx.apiUrl, token, ...(limiter ? { beforeRequest: limiter.beforeRequest } : {}) });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), EXIT.usage);
  }
}

/** How long the client has been holding calls back under the rate limit, for the progress line. */
export interface Pacing {
  /** About how long until the next held call goes, or null when none is held (or only for a blink). */
  waitMs(): number | null;
}

/** Wraps the limiter's hook to watch it: the times calls went, and how many are held now. */
function watched(limiter: RateLimiter, limit: { count: number; windowMs: number }, now: () => number = Date.now): { limiter: RateLimiter; pacing: Pacing } {
  const sent: number[] = [];
  let held = 0;
  let heldSince = 0;
  const beforeRequest = async (req: { method: string; path: string }) => {
    if (held++ === 0) heldSince = now();
    try {
      await limiter.beforeRequest(req);
    } finally {
      held--;
    }
    const t = now();
    sent.push(t);
    while (sent.length > 0 && sent[0]! <= t - limit.windowMs) sent.shift();
  };
  return {
    limiter: { ...limiter, beforeRequest },
    pacing: {
      waitMs() {
        const t = now();
        // A call held under half a second is the limiter's normal spacing, not a wait worth a line.
        if (held === 0 || t - heldSince < 500) return null;
        const oldest = sent.length >= limit.count ? sent[sent.length - limit.count]! : t;
        return Math.max(0, oldest + limit.windowMs - t);
      },
    },
  };
}

export async function signedInClient(ctx: CliContext): Promise<{ client: RaydocsClient; source: TokenSource; limiter: RateLimiter | null; pacing: Pacing | null }> {
  const { token, source } = await resolveToken(ctx);
  const limit = rateLimitFromEnv(ctx.io.env);
  const w = limit ? watched(createRateLimiter(limit), limit) : null;
  return { client: createClient(ctx, token, w?.limiter ?? null), source, limiter: w?.limiter ?? null, pacing: w?.pacing ?? null };
}
