// The state every part of the engine shares: config, client, item store, journal handle, flags, counters.
import type { Bandwidth } from './bandwidth';
import type { Clock } from './clock';
import type { EngineClient } from './client-port';
import type { Journal } from './journal';
import type { EngineConfig } from './options';
import type { ItemStore } from './store';
import type { PersistedWork } from './work';

export interface Runtime {
  readonly cfg: EngineConfig;
  /** Every wait, timestamp and jitter of the engine (clock.ts); the journal's fsync grouping and intake's file grouping keep real time. */
  readonly clock: Clock;
  /** Paced by the host's rate limiter, installed as the client's `beforeRequest` (electron/core/api/rate-limiter.ts). */
  readonly client: EngineClient;
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
  /** Checks under way (scheduler.ts caps them: a restart must not start tens of thousands in one tick). */
  checkingNow: number;
  uploadingNow: number;
  /** Name documents after their files (the two-call path); a setting, on by default. */
  keepFileNames: boolean;
  /** Cumulative bytes sent by every PUT, sampled for the speed meter. */
  uploadedBytes: number;
}
