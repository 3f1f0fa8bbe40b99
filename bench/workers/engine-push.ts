// Worker: pushes files through the real engine (client + createEngine) and times add() → every item stored.
import { RaydocsClient } from '../../electron/core/api/client';
import { createRateLimiter, DEFAULT_API_RATE_LIMIT, limiterHooks } from '../../electron/core/api';
import { createEngine, type EngineOptions } from '../../electron/core/engine';
import { wasUploaded, type QueueItem, type Target } from '../../shared/queue';
import { runMain, workerInput } from '../lib/worker-io';

export interface EnginePushInput {
  baseUrl: string;
  token: string;
  target: Target;
  paths: string[];
  journalDir: string;
  engine?: Pick<EngineOptions, 'concurrency' | 'summaryIntervalMs' | 'bandwidthLimitBps' | 'keepFileNames'>;
  /** The client's limiter, installed as its beforeRequest as the app and the CLI do. Absent: the default 95 a minute; null: none. */
  rateLimit?: { count: number; windowMs: number } | null;
  timeoutMs?: number;
  /** Watch each item's upload phase (cheap for a few items; skip it for big queues). */
  trackPhases?: boolean;
  /**
   * A documents view open meanwhile: reads a session's documents and a run on their own clocks, through the same
   * limiter's background lane (as the app's polling client does), until the push ends.
   */
  viewPoller?: { sessionId: string; resultId: string; documentsEveryMs: number; runEveryMs: number };
}

export interface EnginePushResult {
  elapsedMs: number;
  accepted: number;
  attached: number;
  /** Items done by sending their bytes (not found already in the session or the workspace). */
  uploaded: number;
  failed: number;
  /** Since add(): when an item was first seen uploading, and when the last item was first seen past uploading. */
  firstUploadAtMs: number | null;
  lastUploadEndAtMs: number | null;
  failures: string[];
  /** Reads the view poller made (each completed), when there was one. */
  pollerCalls?: number;
}

/** Polls like a documents view: each read waits for the previous one, then for its interval. */
function startViewPoller(client: RaydocsClient, p: NonNullable<EnginePushInput['viewPoller']>): { stop(): Promise<number> } {
  const abort = new AbortController();
  let calls = 0;
  const loop = async (everyMs: number, read: (signal: AbortSignal) => Promise<unknown>): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        await read(abort.signal);
        calls++;
      } catch {
        // An aborted or refused read: the view tries again on its next tick.
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  };
  const loops = [
    loop(p.documentsEveryMs, (signal) => client.listSessionDocuments(p.sessionId, signal)),
    loop(p.runEveryMs, (signal) => client.getResult(p.resultId, signal)),
  ];
  return {
    async stop() {
      abort.abort();
      await Promise.all(loops);
      return calls;
    },
  };
}

const ATTACHED = new Set(['done']);
const FINISHED = new Set(['done', 'failed', 'cancelled']);
const PAST_UPLOAD = new Set(['attaching', 'done']);

runMain(async (): Promise<EnginePushResult> => {
  const input = workerInput<EnginePushInput>();
  const limit = input.rateLimit === undefined ? DEFAULT_API_RATE_LIMIT : input.rateLimit;
  const limiter = limit ? createRateLimiter(limit) : null;
  const client = new RaydocsClient({ baseUrl: input.baseUrl, token: input.token, ...limiterHooks(limiter) });
  const engine = createEngine({ client, journalDir: input.journalDir, ...input.engine });
  await engine.start();
  const viewClient = new RaydocsClient({ baseUrl: input.baseUrl, token: input.token, ...limiterHooks(limiter, 'background') });
  const poller = input.viewPoller ? startViewPoller(viewClient, input.viewPoller) : null;

  const t0 = performance.now();
  let firstUploadAtMs: number | null = null;
  let lastUploadEndAtMs: number | null = null;
  const uploading = new Set<string>();
  // Phases come from snapshots polled every few ms, not from the throttled events.
  const observe = (items: QueueItem[]) => {
    const now = performance.now() - t0;
    for (const item of items) {
      const s = item.state.status;
      if (s === 'uploading') {
        if (firstUploadAtMs === null) firstUploadAtMs = now;
        uploading.add(item.id);
      } else if (uploading.has(item.id) && PAST_UPLOAD.has(s)) {
        uploading.delete(item.id);
        lastUploadEndAtMs = now;
      }
    }
  };

  const report = await engine.add(input.paths, input.target);
  if (report.accepted !== input.paths.length) {
    throw new Error(`intake accepted ${report.accepted} of ${input.paths.length}: ${JSON.stringify(report).slice(0, 500)}`);
  }

  const deadline = Date.now() + (input.timeoutMs ?? 600_000);
  let items = engine.snapshot().items;
  // Polling the snapshot (not only events) keeps the finish time exact to ~5 ms whatever the event throttle is.
  while (!items.every((i) => FINISHED.has(i.state.status))) {
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(engine.snapshot().summary.counts)}`);
    await new Promise((r) => setTimeout(r, items.length > 2000 ? 50 : 5));
    items = engine.snapshot().items;
    if (input.trackPhases) observe(items);
  }
  const elapsedMs = performance.now() - t0;
  const pollerCalls = poller ? await poller.stop() : undefined;
  const failed = items.filter((i) => i.state.status === 'failed');
  const result: EnginePushResult = {
    elapsedMs,
    accepted: report.accepted,
    attached: items.filter((i) => ATTACHED.has(i.state.status)).length,
    uploaded: items.filter((i) => i.state.status === 'done' && wasUploaded(i.state.outcome)).length,
    failed: failed.length,
    firstUploadAtMs,
    lastUploadEndAtMs,
    failures: failed.slice(0, 5).map((i) => (i.state.status === 'failed' ? `${i.name}: ${i.state.error.message}` : i.name)),
    ...(pollerCalls !== undefined ? { pollerCalls } : {}),
  };
  await engine.close();
  return result;
});
