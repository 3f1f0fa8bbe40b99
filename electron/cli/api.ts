// The API client for a command, built from the resolved URL and token, paced by one shared rate limiter.
import { RaydocsClient } from '../core/api/client';
import { createRateLimiter, DEFAULT_API_RATE_LIMIT, limiterHooks, type RateLimiter } from '../core/api/rate-limiter';
import { fileBudget } from '../core/api/shared-budget';
import { resolveToken, type CliContext, type TokenSource } from './context';
import { CliError } from './errors';
import { EXIT } from './exit-codes';
import { appUserDataDir } from './recents';

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
    return new RaydocsClient({ baseUrl: ctx.apiUrl, token, ...limiterHooks(limiter) });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), EXIT.usage);
  }
}

/** How long the client has been holding calls back under the rate limit, for the progress line. */
export interface Pacing {
  /** About how long until the next held call goes, or null when none is held (or only for a blink). */
  waitMs(): number | null;
}

/** Wraps the limiter's hook to watch it: how many calls it holds now, and since when. */
function watched(limiter: RateLimiter, now: () => number = Date.now): { limiter: RateLimiter; pacing: Pacing } {
  let held = 0;
  let heldSince = 0;
  const beforeRequest = async (req: { method: string; path: string }) => {
    if (held++ === 0) heldSince = now();
    try {
      await limiter.beforeRequest(req);
    } finally {
      held--;
    }
  };
  return {
    limiter: { ...limiter, beforeRequest },
    pacing: {
      waitMs() {
        // A call held under half a second is the limiter's normal spacing, not a wait worth a line.
        if (held === 0 || now() - heldSince < 500) return null;
        return limiter.waitMs();
      },
    },
  };
}

/**
 * Where the budget every process of the user shares is kept: the desktop app's data folder, so the app and the CLI
 * count one budget; RAYDOCS_DATA_DIR, when set, keeps a CLI apart (CI, tests) with its own.
 */
export function budgetDir(ctx: Pick<CliContext, 'io' | 'dataDir'>): string {
  return ctx.io.env.RAYDOCS_DATA_DIR ? ctx.dataDir : appUserDataDir(ctx.io);
}

export async function signedInClient(ctx: CliContext): Promise<{ client: RaydocsClient; source: TokenSource; limiter: RateLimiter | null; pacing: Pacing | null }> {
  const { token, source } = await resolveToken(ctx);
  const limit = rateLimitFromEnv(ctx.io.env);
  const store = limit ? fileBudget({ dir: budgetDir(ctx), origin: new URL(ctx.apiUrl).origin, ...limit }) : undefined;
  const w = limit ? watched(createRateLimiter({ ...limit, store })) : null;
  return { client: createClient(ctx, token, w?.limiter ?? null), source, limiter: w?.limiter ?? null, pacing: w?.pacing ?? null };
}
