// The state every part of the engine shares (config, client, item store, journal handle, flags, counters) and its API gate.
import type { Bandwidth } from './bandwidth';
import type { EngineClient } from './client-port';
import type { Journal } from './journal';
import type { EngineConfig } from './options';
import type { RateLimiter } from './rate-limiter';
import type { ItemStore } from './store';
import type { PersistedWork } from './work';

export interface Runtime {
  readonly cfg: EngineConfig;
  readonly client: EngineClient;
  /** Null when the host's own `beforeRequest` limiter already counts the engine's calls. */
  readonly limiter: RateLimiter | null;
  readonly bandwidth: Bandwidth;
  readonly store: ItemStore;
  /** Null until start() opened it. */
  journal: Journal<PersistedWork> | null;
  /** Journaled items of targets outside the engine's scope, kept untouched (see recovery.ts). */
  readonly held: Map<string, PersistedWork>;
  closed: boolean;
  /** The whole queue was paused: new items arrive paused. */
  globalPaused: boolean;
  concurrency: number;
  hashingNow: number;
  uploadingNow: number;
  /** Name documents after their files (the two-call path); a setting, on by default. */
  keepFileNames: boolean;
  /** Cumulative bytes sent by every PUT, sampled for the speed meter. */
  uploadedBytes: number;
}

/** Every API call the engine makes (except probes) passes the client-side limiter first. */
export async function callApi<T>(rt: Runtime, fn: (c: EngineClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
  if (rt.limiter) await rt.limiter.acquire(signal);
  return fn(rt.client);
}
