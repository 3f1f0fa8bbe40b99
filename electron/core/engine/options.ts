// The engine's public options and interface, and the defaults they resolve to.
import type { Dispatcher } from 'undici';
import type { BatchOrigin, EngineEvent, IntakeReport, QueueItem, QueueSummary, Target } from '../../../shared/queue';
import type { EngineClient } from './client-port';
import type { Clock } from './clock';
import { DEFAULT_RETRY, type RetryConfig } from './retry-policy';

export interface EngineOptions {
  /** Rate limiting is the client's: hosts install the shared limiter as its `beforeRequest` (api/rate-limiter.ts). */
  client: EngineClient;
  journalDir: string;
  concurrency?: number;
  bandwidthLimitBps?: number;
  stallTimeoutMs?: number;
  pollIntervalMs?: { initial: number; max: number };
  retry?: { baseMs?: number; capMs?: number; budget?: number };
  summaryIntervalMs?: number;
  /** Offline reachability probes back off from `initial` to `max` (default 2 s → 60 s). */
  probeIntervalMs?: { initial: number; max: number };
  /** How long finished uploads wait for company before one attach call (default 300 ms). */
  attachWindowMs?: number;
  /** Parallel hashers (default 2): hashing runs ahead of uploads. */
  hashConcurrency?: number;
  /**
   * Name each document after its file with the two-call path (create a workspace document, then attach by id; needs
   * documents-write, and falls back to the key-only attach without it). Default true.
   */
  keepFileNames?: boolean;
  /** For presigned PUTs (proxy support); the API client carries its own. */
  dispatcher?: Dispatcher;
  /**
   * The targets this engine works on (default: every target). Journaled items of other targets are held: not loaded,
   * started, changed or removed, and kept as they are by compaction; `held()` lists them. The CLI's push uses it.
   */
  scope?: (target: Target) => boolean;
  /**
   * Until one file of a target is attached in this run, upload only one of its files at a time, so a target that
   * refuses attaches (a token without sessions-write, a deleted session) costs one upload, not one per slot. Default false.
   */
  oneUploadUntilAttached?: boolean;
  /** Content the host knows is already stored for a target (the CLI's per-file sessions): done without an upload. */
  knownContent?: (target: Target, sha256: string) => { sessionId: string; documentId: string } | null;
  /** Time and chance (default the real ones): tests pass a fake clock and drive retries, probes and polls with it. */
  clock?: Clock;
}

export interface AddOptions {
  origin?: BatchOrigin;
  /**
   * A file whose real path, size and mtime match an item already stored (done) for the same target, with its sha256
   * known, is neither hashed nor queued again: the report counts it as `unchanged`. Rescans (watches) use it.
   */
  skipUnchanged?: boolean;
}

export interface UploadEngine {
  start(): Promise<void>;
  /** `origin` travels with the batch: its intake report and its batch-finished event carry it. */
  add(paths: string[], target: Target, opts?: AddOptions): Promise<IntakeReport>;
  snapshot(): { items: QueueItem[]; summary: QueueSummary };
  on(listener: (e: EngineEvent) => void): () => void;
  pause(ids?: string[]): void;
  resume(ids?: string[]): void;
  cancel(ids: string[]): void;
  retry(ids: string[]): void;
  remove(ids: string[]): void;
  /** Cancels every unfinished item (or one batch's) with one journal write; returns how many were cancelled. */
  cancelAll(batchId?: string): number;
  /** Retries every failed item (or one batch's), not the cancelled ones; returns how many. */
  retryFailed(batchId?: string): number;
  /** Removes a batch's finished rows (done, failed, cancelled); cancels nothing; returns how many. */
  removeBatch(batchId: string): number;
  clearFinished(): void;
  /** Asks Raydocs to parse a stored item's document again; the item stays done and shows the parse beside it. */
  reparse(itemId: string): Promise<void>;
  /**
   * A run or a reparse started on this session: read its stored items' parse track again soon. `configHash`: the
   * run's (its answer's `config_hash`), which is then the session's: rows show the parse for it, a reparse sends it.
   */
  refreshDocuments(sessionId: string, configHash?: string | null): void;
  probeNow(): void;
  signedIn(): void;
  setConcurrency(n: number): void;
  setBandwidthLimit(bps: number): void;
  setKeepFileNames(on: boolean): void;
  whenIdle(): Promise<void>;
  close(): Promise<void>;
  /** Journaled items outside `scope` (after start), as they would resume; never run by this engine. */
  held(): QueueItem[];
}

/** Options with every default filled in. */
export interface EngineConfig {
  journalDir: string;
  retry: RetryConfig;
  stallTimeoutMs: number;
  poll: { initial: number; max: number };
  probe: { initial: number; max: number };
  attachWindowMs: number;
  hashConcurrency: number;
  summaryIntervalMs: number;
  dispatcher: Dispatcher | undefined;
  scope: ((target: Target) => boolean) | null;
  oneUploadUntilAttached: boolean;
  knownContent: EngineOptions['knownContent'] | null;
}

export function resolveConfig(opts: EngineOptions): EngineConfig {
  return {
    journalDir: opts.journalDir,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    stallTimeoutMs: opts.stallTimeoutMs ?? 30_000,
    poll: opts.pollIntervalMs ?? { initial: 2000, max: 30_000 },
    probe: opts.probeIntervalMs ?? { initial: 2000, max: 60_000 },
    attachWindowMs: opts.attachWindowMs ?? 300,
    hashConcurrency: opts.hashConcurrency ?? 2,
    summaryIntervalMs: opts.summaryIntervalMs ?? 250,
    dispatcher: opts.dispatcher,
    scope: opts.scope ?? null,
    oneUploadUntilAttached: opts.oneUploadUntilAttached ?? false,
    knownContent: opts.knownContent ?? null,
  };
}
