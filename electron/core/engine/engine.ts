// The upload engine: schedules each item through hash → check → upload → attach → parse, durably and resumably.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Dispatcher } from 'undici';
import { isActive, isTerminal, type Connectivity, type EngineEvent, type IntakeReport, type ItemState, type ItemStep, type QueueItem, type QueueSummary, type Target } from '../../../shared/queue';
import { FORMAT_MIME } from '../intake/formats';
import { intakePaths } from '../intake/intake';
import { createBandwidth } from './bandwidth';
import type { EngineClient } from './client-port';
import { judgeDocument, parsingsOf, reparseConfigHash, type DocLike } from './doc-status';
import { hashFile } from './hasher';
import { openJournal, type Journal } from './journal';
import { createRateLimiter, type RateLimiter } from './rate-limiter';
import { DEFAULT_RETRY, backoffDelay, classifyError, type RetryConfig } from './retry-policy';
import { createConnectivity } from './connectivity';
import { createKeyBatcher } from './key-batcher';
import { createPoller, type PollOutcome } from './poller';
import { createSpeedMeter } from './speed';
import { computeSummary } from './summary';
import { throttle } from './throttle';
import { UploadError, putFile } from './uploader';
import { hydrate, pendingState, persist, recover, targetKey, type PersistedWork, type Work } from './work';

export interface EngineOptions {
  client: EngineClient;
  journalDir: string;
  concurrency?: number;
  bandwidthLimitBps?: number;
  stallTimeoutMs?: number;
  /** Client-side API limiter. `null`: the host already limits through the client's `beforeRequest`. */
  rateLimit?: { count: number; windowMs: number } | null;
  /** Share one limiter with the client's `beforeRequest` (then the engine does not count twice). */
  limiter?: RateLimiter;
  pollIntervalMs?: { initial: number; max: number };
  retry?: { baseMs?: number; capMs?: number; budget?: number };
  summaryIntervalMs?: number;
  /** Offline reachability probes back off from `initial` to `max` (default 2 s → 60 s). */
  probeIntervalMs?: { initial: number; max: number };
  /** How long finished uploads wait for company before one attach call (default 300 ms). */
  attachWindowMs?: number;
  /** Parallel hashers (default 2): hashing runs ahead of uploads. */
  hashConcurrency?: number;
  /** For presigned PUTs (proxy support); the API client carries its own. */
  dispatcher?: Dispatcher;
}

export interface UploadEngine {
  start(): Promise<void>;
  add(paths: string[], target: Target): Promise<IntakeReport>;
  snapshot(): { items: QueueItem[]; summary: QueueSummary };
  on(listener: (e: EngineEvent) => void): () => void;
  pause(ids?: string[]): void;
  resume(ids?: string[]): void;
  cancel(ids: string[]): void;
  retry(ids: string[]): void;
  remove(ids: string[]): void;
  clearFinished(): void;
  reparse(itemId: string): Promise<void>;
  probeNow(): void;
  signedIn(): void;
  setConcurrency(n: number): void;
  setBandwidthLimit(bps: number): void;
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by reparse when the item cannot be reparsed; the message says why. */
export class ReparseError extends Error {
  override readonly name = 'ReparseError';
  constructor(
    message: string,
    readonly itemId: string,
  ) {
    super(message);
  }
}

const MAX_ATTACH_KEYS = 50;
const MAX_EXPIRED_URLS = 10;

interface SessionDocs {
  bySha: Map<string, DocLike>;
}

export function createEngine(opts: EngineOptions): UploadEngine {
  const client = opts.client;
  const retryCfg: RetryConfig = { ...DEFAULT_RETRY, ...opts.retry };
  const stallTimeoutMs = opts.stallTimeoutMs ?? 30_000;
  const poll = opts.pollIntervalMs ?? { initial: 2000, max: 30_000 };
  const probe = opts.probeIntervalMs ?? { initial: 2000, max: 60_000 };
  const attachWindowMs = opts.attachWindowMs ?? 300;
  const hashConcurrency = opts.hashConcurrency ?? 2;
  const limiter: RateLimiter | null = opts.limiter ? null : opts.rateLimit === null ? null : createRateLimiter(opts.rateLimit ?? { count: 100, windowMs: 60_000 });
  const bandwidth = createBandwidth(opts.bandwidthLimitBps ?? 0);
  let concurrency = Math.max(1, opts.concurrency ?? 4);

  const works = new Map<string, Work>();
  const listeners = new Set<(e: EngineEvent) => void>();
  const dirty = new Set<string>();
  const batches = new Map<string, { ids: Set<string>; refused: number; active: number; finishedEmitted: boolean }>();
  // Indexes so that each event costs O(1) or O(its group), never a scan of the whole queue.
  const ready = new Map<ItemStep, Set<string>>([['hashing', new Set()], ['checking', new Set()], ['uploading', new Set()], ['attaching', new Set()]]);
  const parsingBySession = new Map<string, Set<string>>();
  const followers = new Map<string, Set<string>>();
  const byContent = new Map<string, Set<string>>();
  let activeCount = 0;
  const sessionDocs = new Map<string, Promise<SessionDocs>>();
  const idleWaiters: Array<() => void> = [];
  const speed = createSpeedMeter();
  let uploadedBytes = 0;
  let journal: Journal<PersistedWork> | null = null;
  let started: Promise<void> | null = null;
  let closed = false;
  let globalPaused = false;
  let hashingNow = 0;
  let uploadingNow = 0;

  // ---------- events ----------
  const emit = (e: EngineEvent): void => {
    for (const l of listeners) {
      try {
        l(e);
      } catch {
        // a listener's bug must not stop the queue
      }
    }
  };
  const summaryNow = (): QueueSummary => computeSummary([...works.values()].map((w) => w.item), speed.bps, link.state, globalPaused);
  const flushEvents = (): void => {
    if (uploadingNow === 0) speed.reset();
    else speed.sample(uploadedBytes, Date.now());
    if (dirty.size > 0) {
      const items: QueueItem[] = [];
      for (const id of dirty) {
        const w = works.get(id);
        if (w) items.push(w.item);
      }
      dirty.clear();
      if (items.length > 0) emit({ type: 'items', items });
    }
    emit({ type: 'summary', summary: summaryNow() });
    maybeCompact();
    // Keep sampling while bytes move so the speed decays to zero when they stop.
    if (uploadingNow > 0 || speed.bps > 0) emitter.trigger();
  };
  const emitter = throttle(flushEvents, opts.summaryIntervalMs ?? 250);
  const markDirty = (w: Work): void => {
    dirty.add(w.item.id);
    emitter.trigger();
  };

  // ---------- journal ----------
  const save = (w: Work, durable = false): void => {
    if (!journal || closed || !works.has(w.item.id)) return;
    journal.put(w.item.id, persist(w), durable);
  };
  const maybeCompact = (): void => {
    if (journal && journal.appended > Math.max(1000, works.size * 4)) {
      journal.compact([...works.values()].map((w) => [w.item.id, persist(w)] as [string, PersistedWork]));
    }
  };

  // ---------- state ----------
  const checkIdle = (): void => {
    if (idleWaiters.length === 0 || activeCount > 0) return;
    for (const r of idleWaiters.splice(0)) r();
  };
  const contentKey = (w: Work): string | null => (w.sha256 ? `${targetKey(w.item.target)}|${w.sha256}` : null);
  const indexContent = (w: Work, on: boolean): void => {
    const k = contentKey(w);
    if (!k) return;
    let set = byContent.get(k);
    if (on) {
      if (!set) byContent.set(k, (set = new Set()));
      set.add(w.item.id);
    } else if (set) {
      set.delete(w.item.id);
      if (set.size === 0) byContent.delete(k);
    }
  };
  const unfollow = (w: Work): void => {
    if (!w.followerOf) return;
    followers.get(w.followerOf)?.delete(w.item.id);
    w.followerOf = null;
  };
  const track = (w: Work, prev: ItemState | null, next: ItemState | null): void => {
    const id = w.item.id;
    if (prev && isActive(prev)) activeCount--;
    if (next && isActive(next)) activeCount++;
    const b = batches.get(w.item.batchId);
    if (b) {
      if (prev && !isTerminal(prev)) b.active--;
      if (next && !isTerminal(next)) b.active++;
    }
    if (prev?.status === 'parsing') parsingBySession.get(prev.sessionId)?.delete(id);
    if (next?.status === 'parsing' && w.sessionId) {
      let set = parsingBySession.get(w.sessionId);
      if (!set) parsingBySession.set(w.sessionId, (set = new Set()));
      set.add(id);
      ensurePoll(w.sessionId);
    }
    if (next && (next.status === 'queued' || next.status === 'attaching') && w.next !== 'parsing') ready.get(w.next)?.add(id);
  };
  const setState = (w: Work, state: ItemState, durable = false, journalIt = true): void => {
    const prev = w.item.state;
    const wasTerminal = isTerminal(prev);
    w.item = { ...w.item, state };
    if (state.status === 'parsing' && !w.sessionId) w.sessionId = state.sessionId || null;
    track(w, prev, state);
    markDirty(w);
    if (journalIt) save(w, durable);
    if (!wasTerminal && isTerminal(state)) onTerminal(w);
    else if (wasTerminal && !isTerminal(state)) {
      const b = batches.get(w.item.batchId);
      if (b) b.finishedEmitted = false;
    }
    if (activeCount === 0) queueMicrotask(checkIdle);
  };
  const fail = (w: Work, step: ItemStep, code: string, message: string): void => {
    w.running = false;
    setState(
      w,
      { status: 'failed', step, error: { code, message: `${w.item.name}: ${message}` }, documentId: w.documentId, sessionId: w.sessionId, sha256: w.sha256 },
      true,
    );
  };
  const interrupt = (w: Work): void => {
    w.gen++;
    w.abort?.abort();
    w.abort = null;
    if (w.timer) clearTimeout(w.timer);
    w.timer = null;
    if (w.running && w.next === 'attaching') w.verifyBeforeAttach = true;
    w.running = false;
    w.inAttachBatch = false;
    unfollow(w);
  };

  const onTerminal = (w: Work): void => {
    // Followers of this item finish with it, or take over when it did not succeed.
    releaseFollowers(w);
    maybeFinishBatch(w.item.batchId);
    schedulePump();
  };
  const releaseFollowers = (w: Work): void => {
    const set = followers.get(w.item.id);
    if (!set) return;
    followers.delete(w.item.id);
    for (const fid of set) {
      const f = works.get(fid);
      if (!f || f.followerOf !== w.item.id) continue;
      f.followerOf = null;
      if (w.item.state.status === 'done') finishAsDuplicate(f, w);
      else if (!isTerminal(f.item.state) && f.item.state.status !== 'paused') setState(f, pendingState(f));
    }
  };
  const maybeFinishBatch = (batchId: string): void => {
    const b = batches.get(batchId);
    if (b && !b.finishedEmitted && b.active === 0 && b.ids.size > 0) {
      let uploaded = 0;
      let alreadyThere = 0;
      let failed = 0;
      for (const id of b.ids) {
        const s = works.get(id)?.item.state;
        if (!s) continue;
        if (s.status === 'done') {
          if (s.outcome === 'uploaded') uploaded++;
          else alreadyThere++;
        } else if (s.status === 'failed') failed++;
      }
      b.finishedEmitted = true;
      emitter.flush();
      emit({ type: 'batch-finished', batchId, uploaded, alreadyThere, failed, refused: b.refused });
    }
  };

  const finishAsDuplicate = (f: Work, leader: Work): void => {
    const s = leader.item.state;
    if (s.status !== 'done') return;
    f.sessionId = s.sessionId;
    f.documentId = s.documentId;
    f.next = 'parsing';
    setState(f, { status: 'done', sha256: s.sha256, sessionId: s.sessionId, documentId: s.documentId, outcome: 'already-in-session', documentStatus: s.documentStatus, parsings: s.parsings }, true);
  };

  // ---------- API access ----------
  const api = async <T>(fn: (c: EngineClient) => Promise<T>, signal?: AbortSignal): Promise<T> => {
    if (limiter) await limiter.acquire(signal);
    return fn(client);
  };

  const loadSessionDocs = (sessionId: string, fresh: boolean): Promise<SessionDocs> => {
    const cached = sessionDocs.get(sessionId);
    if (cached && !fresh) return cached;
    const p = api((c) => c.listSessionDocuments(sessionId)).then((docs) => {
      const bySha = new Map<string, DocLike>();
      for (const d of docs) if (d.sha256) bySha.set(d.sha256, d);
      return { bySha };
    });
    sessionDocs.set(sessionId, p);
    p.catch(() => {
      if (sessionDocs.get(sessionId) === p) sessionDocs.delete(sessionId);
    });
    return p;
  };
  const rememberDoc = (sessionId: string, doc: DocLike): void => {
    const p = sessionDocs.get(sessionId);
    if (p) void p.then((s) => doc.sha256 && s.bySha.set(doc.sha256, doc)).catch(() => undefined);
  };

  // ---------- errors, offline, sign-in ----------
  const handleError = (w: Work, step: ItemStep, gen: number, err: unknown): void => {
    if (closed || w.gen !== gen) return;
    w.running = false;
    w.abort = null;
    if (err instanceof UploadError && err.code === 'file-gone') return fail(w, step, 'file-gone', 'the file was moved or deleted');
    const d = classifyError(err);
    switch (d.kind) {
      case 'aborted':
        setState(w, pendingState(w), false, false);
        return;
      case 'signed-out':
        setSignedOut(d.message);
        setState(w, { status: 'waiting', step, reason: 'signed-out', retryAt: null, attempt: w.attempt, message: d.message });
        return;
      case 'offline':
        if (link.state.state === 'offline') {
          setState(w, { status: 'waiting', step, reason: 'offline', retryAt: null, attempt: w.attempt, message: link.state.message });
          return;
        }
        triggerProbe();
        return scheduleRetry(w, step, null, false, d.message);
      case 'retry':
        return scheduleRetry(w, step, d.retryAfterMs, d.rateLimited, d.message);
      case 'fail':
        return fail(w, step, d.code, d.message);
    }
  };
  const scheduleRetry = (w: Work, step: ItemStep, retryAfterMs: number | null, rateLimited: boolean, message: string): void => {
    w.attempt++;
    if (w.attempt > retryCfg.budget) return fail(w, step, 'retries-exhausted', `gave up after ${retryCfg.budget} attempts: ${message}`);
    const delay = backoffDelay(w.attempt, retryCfg, retryAfterMs);
    const gen = w.gen;
    setState(w, { status: 'waiting', step, reason: rateLimited ? 'rate-limited' : 'retry-backoff', retryAt: Date.now() + delay, attempt: w.attempt, message });
    w.timer = setTimeout(() => {
      w.timer = null;
      if (w.gen !== gen || closed) return;
      setState(w, pendingState(w), false, false);
      pump();
    }, delay);
  };

  const setSignedOut = (message: string): void => link.signedOut(message);
  const triggerProbe = (): void => link.suspect();
  const wakeBlocked = (reason: 'offline' | 'signed-out'): void => {
    for (const w of works.values()) {
      const s = w.item.state;
      if (s.status === 'waiting' && s.reason === reason) {
        if (reason === 'offline') w.attempt = 0;
        setState(w, pendingState(w), false, false);
      }
    }
  };
  const onConnectivity = (prev: Connectivity, next: Connectivity): void => {
    emitter.trigger();
    if (closed) return;
    if (next.state === 'offline' && prev.state !== 'offline') {
      // Offline is nobody's fault: waiting items stop spending their retry budget and wait for the network.
      for (const w of works.values()) {
        if (w.item.state.status === 'waiting' && w.item.state.reason === 'retry-backoff') {
          if (w.timer) clearTimeout(w.timer);
          w.timer = null;
          w.attempt = 0;
          setState(w, { ...w.item.state, reason: 'offline', retryAt: null, attempt: 0, message: next.message });
        }
      }
    } else if (next.state === 'online' && prev.state !== 'online') {
      wakeBlocked('offline');
      if (prev.state === 'signed-out') wakeBlocked('signed-out');
      poller.kickAll();
      pump();
    }
  };
  // Probes skip the limiter: they are rare and decide whether anything else can run.
  const link = createConnectivity({ probe: () => client.listWorkspaces(), initialMs: probe.initial, maxMs: probe.max, onChange: onConnectivity });

  // ---------- scheduler ----------
  let pumpQueued = false;
  const schedulePump = (): void => {
    if (pumpQueued) return;
    pumpQueued = true;
    queueMicrotask(() => {
      pumpQueued = false;
      pump();
    });
  };
  const canRun = (w: Work): boolean => {
    const s = w.item.state.status;
    return !w.running && !w.timer && !w.inAttachBatch && w.followerOf === null && (s === 'queued' || s === 'attaching' || s === 'parsing');
  };
  const pump = (): void => {
    if (closed || !journal) return;
    const online = link.state.state === 'online';
    for (const [step, set] of ready) {
      if (step === 'hashing' && hashingNow >= hashConcurrency) continue;
      if (step !== 'hashing' && !online) continue;
      if (step === 'uploading' && uploadingNow >= concurrency) continue;
      for (const id of set) {
        const w = works.get(id);
        if (!w || w.next !== step || !canRun(w)) {
          set.delete(id);
          continue;
        }
        if (step === 'hashing') {
          if (hashingNow >= hashConcurrency) break;
          set.delete(id);
          void runHash(w);
        } else if (step === 'checking') {
          set.delete(id);
          void runCheck(w);
        } else if (step === 'uploading') {
          if (uploadingNow >= concurrency) break;
          set.delete(id);
          void runUpload(w);
        } else {
          set.delete(id);
          enqueueAttach(w);
        }
      }
    }
  };

  const runHash = async (w: Work): Promise<void> => {
    hashingNow++;
    w.running = true;
    const gen = w.gen;
    const ac = new AbortController();
    w.abort = ac;
    w.bytesHashed = 0;
    setState(w, { status: 'hashing', bytesHashed: 0 }, false, false);
    try {
      const before = await stat(w.item.path);
      const { sha256, size } = await hashFile(w.item.path, {
        signal: ac.signal,
        onProgress: (n) => {
          w.bytesHashed = n;
          if (w.gen === gen && w.item.state.status === 'hashing') {
            w.item = { ...w.item, state: { status: 'hashing', bytesHashed: n } };
            markDirty(w);
          }
        },
      });
      const after = await stat(w.item.path);
      if (w.gen !== gen || closed) return;
      w.running = false;
      w.abort = null;
      if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || size !== after.size) {
        setState(w, pendingState(w), false, false); // changed while hashing: hash again
        return;
      }
      if (size === 0) return fail(w, 'hashing', 'empty', 'empty file');
      w.sha256 = sha256;
      indexContent(w, true);
      w.hashedSize = size;
      w.hashedMtimeMs = after.mtimeMs;
      w.item = { ...w.item, size };
      w.attempt = 0;
      w.next = 'checking';
      if (followLeader(w)) return;
      setState(w, pendingState(w));
    } catch (err) {
      if (w.gen !== gen) return;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return fail(w, 'hashing', 'file-gone', 'the file was moved or deleted');
      if (code === 'EACCES' || code === 'EPERM') return fail(w, 'hashing', 'unreadable', 'unreadable: permission denied');
      if ((err as Error).name === 'AbortError') return;
      fail(w, 'hashing', 'unreadable', `could not read the file: ${(err as Error).message}`);
    } finally {
      hashingNow--;
      if (w.gen === gen) w.running = false;
      schedulePump();
    }
  };

  /** Same content for the same target: follow the first item instead of uploading twice. True if now following (or done). */
  const followLeader = (w: Work): boolean => {
    const k = contentKey(w);
    const set = k ? byContent.get(k) : undefined;
    if (!set) return false;
    for (const oid of set) {
      const other = works.get(oid);
      if (!other || other === w || other.sha256 !== w.sha256) continue;
      const os = other.item.state.status;
      if (os === 'failed' || os === 'cancelled' || os === 'paused') continue;
      if (os === 'done') {
        finishAsDuplicate(w, other);
        return true;
      }
      if (other.followerOf === null) {
        w.followerOf = other.item.id;
        let fs = followers.get(other.item.id);
        if (!fs) followers.set(other.item.id, (fs = new Set()));
        fs.add(w.item.id);
        setState(w, { status: 'checking', sha256: w.sha256 ?? '' });
        return true;
      }
    }
    return false;
  };

  const runCheck = async (w: Work): Promise<void> => {
    if (!w.key && followLeader(w)) return;
    const t = w.item.target;
    if (t.kind !== 'session') {
      w.next = w.key ? 'attaching' : 'uploading';
      setState(w, pendingState(w), false, false);
      schedulePump();
      return;
    }
    w.running = true;
    const gen = w.gen;
    setState(w, { status: 'checking', sha256: w.sha256 ?? '' }, false, false);
    try {
      const docs = await loadSessionDocs(t.sessionId, false);
      if (w.gen !== gen || closed) return;
      w.running = false;
      w.attempt = 0;
      const doc = w.sha256 ? docs.bySha.get(w.sha256) : undefined;
      if (doc && !w.key) {
        w.sessionId = t.sessionId;
        w.documentId = doc.id;
        w.documentStatus = doc.status ?? 'unknown';
        w.parsings = parsingsOf(doc);
        w.next = 'parsing';
        setState(w, { status: 'done', sha256: w.sha256 ?? '', sessionId: t.sessionId, documentId: doc.id, outcome: 'already-in-session', documentStatus: w.documentStatus, parsings: w.parsings }, true);
        return;
      }
      w.next = w.key ? 'attaching' : 'uploading';
      setState(w, pendingState(w));
    } catch (err) {
      handleError(w, 'checking', gen, err);
    } finally {
      schedulePump();
    }
  };

  const runUpload = async (w: Work): Promise<void> => {
    w.running = true;
    uploadingNow++;
    const gen = w.gen;
    const ac = new AbortController();
    w.abort = ac;
    try {
      const st = await stat(w.item.path).catch(() => null);
      if (w.gen !== gen) return;
      if (!st) return fail(w, 'uploading', 'file-gone', 'the file was moved or deleted');
      if (st.size !== w.hashedSize || st.mtimeMs !== w.hashedMtimeMs) {
        // Changed since hashing: the hash no longer names these bytes.
        w.running = false;
        w.next = 'hashing';
        indexContent(w, false);
        w.sha256 = null;
        setState(w, pendingState(w));
        return;
      }
      w.bytesSent = 0;
      setState(w, { status: 'uploading', sha256: w.sha256 ?? '', bytesSent: 0, attempt: w.attempt + 1 }, false, false);
      const signed = await api((c) => c.signedStorageUrl({ content_type: FORMAT_MIME[w.item.format] }, ac.signal), ac.signal);
      if (w.gen !== gen) return;
      await putFile({
        url: signed.url,
        headers: signed.headers ?? {},
        path: w.item.path,
        size: w.hashedSize ?? st.size,
        bandwidth,
        stallTimeoutMs,
        signal: ac.signal,
        dispatcher: opts.dispatcher,
        onBytes: (n) => {
          if (w.gen !== gen) return;
          w.bytesSent += n;
          uploadedBytes += n;
          const s = w.item.state;
          if (s.status === 'uploading') {
            w.item = { ...w.item, state: { ...s, bytesSent: w.bytesSent } };
            markDirty(w);
          }
        },
      });
      if (w.gen !== gen) return;
      w.running = false;
      w.abort = null;
      w.attempt = 0;
      w.expiredUrls = 0;
      w.key = signed.key;
      w.next = 'attaching';
      // Durable before attaching: after a crash the key is attached (or found attached), never uploaded again.
      setState(w, pendingState(w), true);
    } catch (err) {
      if (w.gen !== gen) return;
      if (err instanceof UploadError && err.code === 'expired' && ++w.expiredUrls <= MAX_EXPIRED_URLS) {
        // An expired presigned URL is routine: fetch a fresh one, not a failure.
        w.running = false;
        w.abort = null;
        setState(w, pendingState(w), false, false);
        return;
      }
      if (err instanceof UploadError && err.code === 'file-changed') {
        w.running = false;
        w.abort = null;
        w.next = 'hashing';
        indexContent(w, false);
        w.sha256 = null;
        setState(w, pendingState(w));
        return;
      }
      handleError(w, 'uploading', gen, err);
    } finally {
      uploadingNow--;
      schedulePump();
    }
  };

  // ---------- attach (batched per target) ----------
  const enqueueAttach = (w: Work): void => {
    w.inAttachBatch = true;
    // After a refused batch each key goes alone, so one bad file cannot fail the others.
    attachBatcher.add(targetKey(w.item.target), w.item.id, w.soloAttach);
  };

  const flushAttach = async (ids: string[]): Promise<void> => {
    if (closed) return;
    const batch: Work[] = [];
    for (const id of ids) {
      const w = works.get(id);
      if (w && w.inAttachBatch && w.next === 'attaching' && w.key) batch.push(w);
    }
    if (batch.length === 0) return;
    const gens = new Map(batch.map((w) => [w, w.gen]));
    for (const w of batch) {
      w.inAttachBatch = false;
      w.running = true;
    }
    const live = (): Work[] => batch.filter((w) => w.gen === gens.get(w) && !closed);
    const target = batch[0]!.item.target;
    try {
      if (target.kind === 'session') await attachToSession(target.sessionId, batch, live);
      else await createSessionsPerFile(target.templateId, target.autoExtract, live);
    } catch (err) {
      const pending = live().filter((w) => w.running);
      if (pending.length > 1 && classifyError(err).kind === 'fail') {
        // A refusal of the whole call (422) may be about one key: try each alone before failing anyone.
        for (const w of pending) {
          w.running = false;
          w.soloAttach = true;
          w.verifyBeforeAttach = true;
          setState(w, pendingState(w), true);
        }
        return;
      }
      for (const w of live()) {
        if (!w.running) continue; // already settled by the pre-attach check
        // The server may have done it before the error reached us: look first next time.
        w.verifyBeforeAttach = true;
        save(w);
        handleError(w, 'attaching', gens.get(w)!, err);
      }
    } finally {
      schedulePump();
    }
  };

  const attachBatcher = createKeyBatcher({ windowMs: attachWindowMs, max: MAX_ATTACH_KEYS, onBatch: (_key, ids) => void flushAttach(ids) });

  const attachToSession = async (sessionId: string, batch: Work[], live: () => Work[]): Promise<void> => {
    let todo = batch;
    if (batch.some((w) => w.verifyBeforeAttach)) {
      const docs = await loadSessionDocs(sessionId, true);
      todo = [];
      for (const w of live()) {
        const doc = w.sha256 ? docs.bySha.get(w.sha256) : undefined;
        if (doc) attached(w, sessionId, doc);
        else todo.push(w);
      }
    }
    todo = todo.filter((w) => live().includes(w));
    if (todo.length === 0) return;
    for (const w of todo) {
      w.verifyBeforeAttach = true; // from here on the server may hold it
      save(w);
    }
    await journal?.flush();
    const docs = await api((c) => c.uploadSessionDocuments(sessionId, todo.map((w) => w.key!)));
    const stillLive = live();
    todo.forEach((w, i) => {
      if (!stillLive.includes(w)) return;
      const byIndex = docs.length === todo.length ? docs[i] : undefined;
      const doc = byIndex?.sha256 === w.sha256 ? byIndex : docs.find((d) => d.sha256 === w.sha256);
      if (doc) return attached(w, sessionId, doc);
      const got = byIndex?.sha256 ?? 'none';
      w.running = false;
      fail(w, 'attaching', 'hash-mismatch', `Raydocs stored different content (sha256 ${got.slice(0, 12)}…) than the local file (sha256 ${(w.sha256 ?? '').slice(0, 12)}…); the file may have changed during upload`);
      // A retry starts over from the bytes on disk.
      indexContent(w, false);
      w.key = null;
      w.sha256 = null;
      w.verifyBeforeAttach = false;
      w.next = 'hashing';
      save(w, true);
    });
  };

  const attached = (w: Work, sessionId: string, doc: DocLike): void => {
    w.running = false;
    w.attempt = 0;
    w.key = null;
    w.verifyBeforeAttach = false;
    w.sessionId = sessionId;
    w.documentId = doc.id;
    w.documentStatus = doc.status ?? 'uploaded';
    w.parsings = parsingsOf(doc);
    w.next = 'parsing';
    rememberDoc(sessionId, doc);
    setState(w, pendingState(w), true);
    applyVerdict(w, doc);
    if (w.item.state.status === 'parsing') ensurePoll(sessionId, true);
  };

  const createSessionsPerFile = async (templateId: string, autoExtract: boolean, live: () => Work[]): Promise<void> => {
    const todo = live();
    for (const w of todo) save(w);
    await journal?.flush();
    const sessions = await api((c) => c.batchCreateSessions(templateId, { files: todo.map((w) => w.key!), settings: { auto_extract: autoExtract } }));
    const stillLive = live();
    todo.forEach((w, i) => {
      const s = sessions[i];
      if (!stillLive.includes(w)) return;
      if (!s) return fail(w, 'attaching', 'invalid-response', 'Raydocs created fewer sessions than files sent');
      w.running = false;
      w.attempt = 0;
      w.key = null;
      w.sessionId = s.id;
      w.documentId = null;
      w.documentStatus = 'uploaded';
      w.next = 'parsing';
      setState(w, pendingState(w), true);
      ensurePoll(s.id, true);
    });
  };

  // ---------- status polling (one call per session) ----------
  const applyVerdict = (w: Work, doc: DocLike): void => {
    w.documentId = doc.id;
    w.documentStatus = doc.status ?? 'unknown';
    w.parsings = parsingsOf(doc);
    const v = judgeDocument(doc);
    const sha = w.sha256 ?? '';
    const sid = w.sessionId ?? '';
    if (v.kind === 'done') {
      setState(w, { status: 'done', sha256: sha, sessionId: sid, documentId: doc.id, outcome: 'uploaded', documentStatus: w.documentStatus, parsings: w.parsings }, true);
    } else if (v.kind === 'failed') {
      fail(w, 'parsing', 'parse-failed', `Raydocs could not parse the document (${v.reason}); you can reparse it`);
    } else {
      const s = w.item.state;
      const changed = s.status !== 'parsing' || s.documentStatus !== w.documentStatus || JSON.stringify(s.parsings) !== JSON.stringify(w.parsings) || s.documentId !== doc.id;
      if (changed) setState(w, pendingState(w), false, true);
    }
  };
  const ensurePoll = (sessionId: string, reset = false): void => poller.ensure(sessionId, reset);
  const watching = (sessionId: string): Work[] =>
    [...(parsingBySession.get(sessionId) ?? [])].map((id) => works.get(id)).filter((w): w is Work => !!w && w.item.state.status === 'parsing' && !w.running);
  const pollSession = async (sessionId: string): Promise<PollOutcome> => {
    if (watching(sessionId).length === 0) return { keep: false };
    try {
      const docs = await api((c) => c.listSessionDocuments(sessionId));
      if (closed) return { keep: false };
      const byId = new Map(docs.map((d) => [d.id, d]));
      const bySha = new Map(docs.filter((d) => d.sha256).map((d) => [d.sha256!, d]));
      for (const d of docs) rememberDoc(sessionId, d);
      for (const w of watching(sessionId)) {
        const doc = (w.documentId && byId.get(w.documentId)) || (w.sha256 ? bySha.get(w.sha256) : undefined);
        if (doc) applyVerdict(w, doc);
      }
      return { keep: watching(sessionId).length > 0 };
    } catch (err) {
      if (closed) return { keep: false };
      const d = classifyError(err);
      if (d.kind === 'signed-out') setSignedOut(d.message);
      else if (d.kind === 'offline') triggerProbe();
      else if (d.kind === 'fail') {
        for (const w of watching(sessionId)) fail(w, 'parsing', d.code, `could not read the parsing status: ${d.message}`);
      }
      return { keep: watching(sessionId).length > 0, failed: true, minDelayMs: d.kind === 'retry' ? (d.retryAfterMs ?? 0) : 0 };
    }
  };
  const poller = createPoller({ initialMs: poll.initial, maxMs: poll.max, poll: pollSession, active: () => !closed && link.state.state === 'online' });

  // ---------- lifecycle ----------
  const revalidateFiles = async (): Promise<void> => {
    // A file changed on disk since it was hashed (and not yet uploaded) is hashed again.
    await Promise.all(
      [...works.values()].map(async (w) => {
        if (isTerminal(w.item.state) || !w.sha256 || w.key || w.next === 'parsing') return;
        const st = await stat(w.item.path).catch(() => null);
        if (!st) return;
        if (st.size !== w.hashedSize || st.mtimeMs !== w.hashedMtimeMs) {
          w.sha256 = null;
          w.next = 'hashing';
          if (w.item.state.status !== 'paused') w.item = { ...w.item, state: { status: 'queued' } };
        }
      }),
    );
  };

  const start = (): Promise<void> => {
    if (!started) {
      started = (async () => {
        journal = openJournal<PersistedWork>(opts.journalDir);
        for (const [id, p] of journal.loaded) {
          const w = recover(p);
          works.set(id, w);
          let b = batches.get(w.item.batchId);
          if (!b) batches.set(w.item.batchId, (b = { ids: new Set(), refused: 0, active: 0, finishedEmitted: true }));
          b.ids.add(id);
          if (!isTerminal(w.item.state)) b.finishedEmitted = false;
        }
        await revalidateFiles();
        for (const w of works.values()) {
          indexContent(w, true);
          track(w, null, w.item.state);
        }
        journal.compact([...works.values()].map((w) => [w.item.id, persist(w)] as [string, PersistedWork]));
        for (const w of works.values()) markDirty(w);
        pump();
        emitter.flush();
        flushEvents();
      })();
    }
    return started;
  };

  const add = async (paths: string[], target: Target): Promise<IntakeReport> => {
    await start();
    const batchId = randomUUID();
    const res = await intakePaths(paths);
    let duplicates = res.duplicates;
    const tk = targetKey(target);
    const byPath = new Map<string, Work>();
    for (const w of works.values()) if (targetKey(w.item.target) === tk) byPath.set(w.realPath, w);
    const ids = new Set<string>();
    batches.set(batchId, { ids, refused: res.refused.length, active: 0, finishedEmitted: false });
    const now = Date.now();
    for (const f of res.accepted) {
      const existing = byPath.get(f.realPath);
      if (existing && !isTerminal(existing.item.state)) {
        duplicates++;
        continue;
      }
      if (existing) removeWork(existing); // finished before: queue it afresh (dedup makes it "already in session")
      const id = randomUUID();
      const w = hydrate({
        item: { id, path: f.path, name: basename(f.path), size: f.size, format: f.format, target, batchId, addedAt: now, state: { status: 'queued' } },
        realPath: f.realPath,
        next: 'hashing',
        sha256: null,
        hashedSize: null,
        hashedMtimeMs: null,
        key: null,
        sessionId: target.kind === 'session' ? target.sessionId : null,
        documentId: null,
        documentStatus: '',
        parsings: [],
        verifyBeforeAttach: false,
      });
      if (globalPaused) w.item = { ...w.item, state: { status: 'paused', step: 'queued' } };
      works.set(id, w);
      byPath.set(f.realPath, w);
      ids.add(id);
      track(w, null, w.item.state);
      save(w);
      markDirty(w);
    }
    journal?.sync();
    const report: IntakeReport = { batchId, accepted: ids.size, duplicates, skipped: res.skipped, refused: res.refused };
    emit({ type: 'intake', report });
    if (ids.size === 0) {
      batches.delete(batchId);
      emit({ type: 'batch-finished', batchId, uploaded: 0, alreadyThere: 0, failed: 0, refused: res.refused.length });
    }
    pump();
    return report;
  };

  const removeWork = (w: Work): void => {
    interrupt(w);
    track(w, w.item.state, null);
    indexContent(w, false);
    works.delete(w.item.id);
    dirty.delete(w.item.id);
    const b = batches.get(w.item.batchId);
    b?.ids.delete(w.item.id);
    if (b && b.ids.size === 0) batches.delete(w.item.batchId);
    // Followers take over (the leader is gone, done or not).
    const set = followers.get(w.item.id);
    followers.delete(w.item.id);
    for (const fid of set ?? []) {
      const f = works.get(fid);
      if (!f || f.followerOf !== w.item.id) continue;
      f.followerOf = null;
      if (!isTerminal(f.item.state) && f.item.state.status !== 'paused') setState(f, pendingState(f));
    }
    maybeFinishBatch(w.item.batchId);
    journal?.del(w.item.id);
    emit({ type: 'removed', ids: [w.item.id] });
  };

  const pick = (ids?: string[]): Work[] => (ids ? ids.map((id) => works.get(id)).filter((w): w is Work => !!w) : [...works.values()]);

  const pauseWork = (w: Work): void => {
    const s = w.item.state;
    if (isTerminal(s) || s.status === 'paused' || s.status === 'parsing' || w.next === 'parsing') return;
    interrupt(w);
    setState(w, { status: 'paused', step: w.next === 'hashing' ? 'queued' : w.next }, true);
  };

  const engine: UploadEngine = {
    start,
    add,
    snapshot: () => ({ items: [...works.values()].map((w) => w.item), summary: summaryNow() }),
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pause(ids) {
      if (!ids) globalPaused = true;
      for (const w of pick(ids)) pauseWork(w);
      journal?.sync();
      emitter.trigger();
    },
    resume(ids) {
      if (!ids) globalPaused = false;
      for (const w of pick(ids)) {
        if (w.item.state.status !== 'paused') continue;
        w.attempt = 0;
        setState(w, pendingState(w), true);
      }
      emitter.trigger();
      pump();
    },
    cancel(ids) {
      for (const w of pick(ids)) {
        if (isTerminal(w.item.state)) continue;
        interrupt(w);
        setState(w, { status: 'cancelled' }, true);
      }
    },
    retry(ids) {
      for (const w of pick(ids)) {
        const s = w.item.state;
        if (s.status === 'failed' && s.error.code === 'parse-failed' && s.documentId) {
          // Retrying a failed parse means asking Raydocs to parse again; say so when it cannot be asked.
          void engine.reparse(w.item.id).catch((err: unknown) => {
            const cur = w.item.state;
            if (cur.status !== 'failed') return;
            const reason = err instanceof ReparseError ? err.message : `${w.item.name}: reparse refused: ${err instanceof Error ? err.message : String(err)}`;
            setState(w, { ...cur, error: { code: 'reparse-failed', message: reason } }, true);
          });
          continue;
        }
        if (s.status !== 'failed' && s.status !== 'cancelled') continue;
        interrupt(w);
        w.attempt = 0;
        w.expiredUrls = 0;
        if (w.key) w.next = 'attaching';
        else if (w.next === 'parsing' && w.documentId) w.next = 'parsing';
        else if (w.sha256) w.next = 'checking';
        else w.next = 'hashing';
        if (w.next === 'attaching') w.verifyBeforeAttach = true;
        setState(w, pendingState(w), true);
      }
      pump();
    },
    remove(ids) {
      for (const w of pick(ids)) removeWork(w);
      journal?.sync();
      emitter.trigger();
      queueMicrotask(checkIdle);
    },
    clearFinished() {
      for (const w of [...works.values()]) if (w.item.state.status === 'done' || w.item.state.status === 'cancelled') removeWork(w);
      journal?.sync();
      emitter.trigger();
    },
    async reparse(itemId) {
      const w = works.get(itemId);
      if (!w) throw new ReparseError('no such item', itemId);
      const s = w.item.state;
      const documentId = s.status === 'failed' || s.status === 'done' ? s.documentId : null;
      if (!documentId || !w.sessionId) throw new ReparseError(`${w.item.name}: Raydocs holds no document for it yet; retry the upload instead`, itemId);
      const configHash = reparseConfigHash(w.parsings);
      if (!configHash) throw new ReparseError(`${w.item.name}: Raydocs reported no 64-character config hash for its parsing, so a reparse cannot be requested`, itemId);
      await api((c) => c.reparseDocument(w.item.target.workspaceId, documentId, { config_hash: configHash, force: true }));
      interrupt(w);
      w.documentId = documentId;
      w.next = 'parsing';
      w.attempt = 0;
      setState(w, pendingState(w), true);
      ensurePoll(w.sessionId, true);
    },
    probeNow() {
      link.probeNow();
    },
    signedIn() {
      link.signedIn();
      wakeBlocked('signed-out');
      poller.kickAll();
      emitter.trigger();
      pump();
    },
    setConcurrency(n) {
      concurrency = Math.max(1, Math.floor(n));
      // Lowering it lets in-flight uploads finish; raising it starts more now.
      pump();
    },
    setBandwidthLimit(bps) {
      bandwidth.setLimit(bps);
    },
    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        queueMicrotask(checkIdle);
      });
    },
    async close() {
      if (closed) return;
      emitter.flush();
      closed = true;
      for (const w of works.values()) {
        w.gen++;
        w.abort?.abort();
        if (w.timer) clearTimeout(w.timer);
      }
      attachBatcher.close();
      poller.close();
      link.close();
      emitter.cancel();
      journal?.close();
      for (const r of idleWaiters.splice(0)) r();
    },
  };
  return engine;
}
