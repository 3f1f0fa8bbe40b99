// The state every part of the engine shares: config, client, item store, journal handle, queue-wide flags and counters.
import type { Bandwidth } from './bandwidth';
import type { EngineClient } from './client-port';
import type { Journal } from './journal';
import type { EngineConfig } from './options';
import type { RateLimiter } from './rate-limiter';
import type { ItemStore } from './store';
import { persist, type PersistedWork, type Work } from './work';

export interface Runtime {
  readonly cfg: EngineConfig;
  readonly client: EngineClient;
  /** Null when the host's own `beforeRequest` limiter already counts the engine's calls. */
  readonly limiter: RateLimiter | null;
  readonly bandwidth: Bandwidth;
  readonly store: ItemStore;
  /** Null until start() opened it. */
  journal: Journal<PersistedWork> | null;
  closed: boolean;
  /** The whole queue was paused: new items arrive paused. */
  globalPaused: boolean;
  concurrency: number;
  hashingNow: number;
  uploadingNow: number;
  /** Cumulative bytes sent by every PUT, sampled for the speed meter. */
  uploadedBytes: number;
}

/** Every API call the engine makes (except probes) passes the client-side limiter first. */
export async function callApi<T>(rt: Runtime, fn: (c: EngineClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
  if (rt.limiter) await rt.limiter.acquire(signal);
  return fn(rt.client);
}

/** Journals an item's resume data; `durable` asks for an fsync (see the journal's durability rules). */
export function save(rt: Runtime, w: Work, durable = false): void {
  if (!rt.journal || rt.closed || !rt.store.works.has(w.item.id)) return;
  rt.journal.put(w.item.id, persist(w), durable);
}

export function compactJournal(rt: Runtime): void {
  rt.journal?.compact([...rt.store.works.values()].map((w) => [w.item.id, persist(w)] as [string, PersistedWork]));
}

/** Compaction once the file holds far more records than there are items. */
export function compactIfLarge(rt: Runtime): void {
  if (rt.journal && rt.journal.appended > Math.max(1000, rt.store.works.size * 4)) compactJournal(rt);
}
