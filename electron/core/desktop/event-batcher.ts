// Coalesces the engine's events into at most one renderer message per interval (≤ ~10 a second), whatever the queue does.
import { assertNever } from '../../../shared/assert-never';
import type { EngineEvent, QueueItem, QueueSummary } from '../../../shared/queue';

export interface TimerApi {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EventBatcher {
  push(event: EngineEvent): void;
  /** Sends whatever is pending right now (used on close). */
  flush(): void;
  close(): void;
}

export const DEFAULT_BATCH_INTERVAL_MS = 100;

const realTimers: TimerApi = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Later item updates replace earlier ones (only the latest state of an item matters), removals cancel
 * pending updates, only the latest summary is kept, and intake / batch-finished reports are kept in order.
 * A message never leaves sooner than `intervalMs` after the previous one.
 */
export function createEventBatcher(
  send: (events: EngineEvent[]) => void,
  opts: { intervalMs?: number; timers?: TimerApi } = {},
): EventBatcher {
  const intervalMs = opts.intervalMs ?? DEFAULT_BATCH_INTERVAL_MS;
  const timers = opts.timers ?? realTimers;
  let items = new Map<string, QueueItem>();
  let removed = new Set<string>();
  let reports: EngineEvent[] = [];
  let summary: QueueSummary | null = null;
  let timer: unknown = null;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let closed = false;

  const pending = (): boolean => items.size > 0 || removed.size > 0 || reports.length > 0 || summary !== null;

  function flush(): void {
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
    }
    if (!pending()) return;
    const out: EngineEvent[] = [];
    if (removed.size > 0) out.push({ type: 'removed', ids: [...removed] });
    if (items.size > 0) out.push({ type: 'items', items: [...items.values()] });
    out.push(...reports);
    if (summary) out.push({ type: 'summary', summary });
    items = new Map();
    removed = new Set();
    reports = [];
    summary = null;
    lastSentAt = timers.now();
    send(out);
  }

  function schedule(): void {
    if (timer !== null || closed) return;
    const wait = Math.max(0, lastSentAt + intervalMs - timers.now());
    timer = timers.setTimeout(flush, wait);
  }

  function push(event: EngineEvent): void {
    if (closed) return;
    switch (event.type) {
      case 'items':
        for (const item of event.items) {
          removed.delete(item.id);
          items.set(item.id, item);
        }
        break;
      case 'removed':
        for (const id of event.ids) {
          items.delete(id);
          removed.add(id);
        }
        break;
      case 'summary':
        summary = event.summary;
        break;
      case 'intake':
      case 'batch-finished':
        reports.push(event);
        break;
      default:
        assertNever(event, 'engine event');
    }
    schedule();
  }

  return {
    push,
    flush,
    close() {
      flush();
      closed = true;
    },
  };
}
