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

export async function signedInClient(ctx: CliContext): Promise<{ client: RaydocsClient; source: TokenSource; limiter: RateLimiter | null }> {
  const { token, source } = await resolveToken(ctx);
  const limit = rateLimitFromEnv(ctx.io.env);
  const limiter = limit ? createRateLimiter(limit) : null;
  return { client: createClient(ctx, token, limiter), source, limiter };
}
