// The app's API clients: one rate budget for every call it makes (the window's and the engine's), two lanes over it.
import type { Dispatcher } from 'undici';
import { RaydocsClient } from '../api/client';
import { createRateLimiter, DEFAULT_API_RATE_LIMIT, limiterHooks, type RateLane } from '../api/rate-limiter';
import { fileBudget } from '../api/shared-budget';
import { originOf } from '../desktop/confirmations';

export interface ApiClientsOptions {
  baseUrl: string;
  /** Where the budget file lives (userData). */
  userDataDir: string;
  dispatcher?: Dispatcher;
  /** The client-side limit (default 95 a minute); null: none. */
  rateLimit?: { count: number; windowMs: number } | null;
  /** Told once when the shared budget file cannot be used. */
  warn(message: string): void;
}

/** A client with this token (or token source), paced in this lane of the one budget. */
export type ClientFor = (token: string | (() => Promise<string | null>), lane?: RateLane) => RaydocsClient;

export function createApiClients(o: ApiClientsOptions): ClientFor {
  // Under the documented 100/min per IP.
  const rateLimit = o.rateLimit === undefined ? DEFAULT_API_RATE_LIMIT : o.rateLimit;
  // Counted in userData's budget file, which every process of the user shares (the CLI finds it too): one budget per machine.
  const budget = rateLimit
    ? fileBudget({ dir: o.userDataDir, origin: originOf(o.baseUrl), ...rateLimit, onFallback: (reason) => o.warn(`the shared rate budget is unusable, counting this process only: ${reason}`) })
    : undefined;
  const limiter = rateLimit ? createRateLimiter({ ...rateLimit, store: budget }) : null;
  return (token, lane = 'upload') =>
    new RaydocsClient({
      baseUrl: o.baseUrl,
      token,
      ...(o.dispatcher ? { dispatcher: o.dispatcher } : {}),
      ...limiterHooks(limiter, lane),
    });
}
