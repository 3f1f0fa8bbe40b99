// Coalesces the engine's events into at most one renderer message per interval (≤ ~10 a second), whatever the queue does.
import { assertNever } from '../../../shared/assert-never';
import type { EngineEvent, QueueItem, QueueSummary, Target } from '../../../shared/queue';

export interface TimerApi {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EventBatcher {
  push(event: EngineEvent): void;
  /** Sends a message of what is pending right now (items beyond the per-message cap follow on the timer). */
  flush(): void;
  close(): void;
}

export const DEFAULT_BATCH_INTERVAL_MS = 100;
/**
 * Item updates per message, about 400 KB: a 10,000-file drop from outside the window (tray, second launch) would
 * otherwise arrive as one 4 MB message whose deserialisation alone blocks the renderer for a long task. The rest
 * follow in the next messages (10,000 items a second at the default interval), oldest first.
 */
export const DEFAULT_MAX_ITEMS_PER_MESSAGE = 1000;

const realTimers: TimerApi = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

function sameTarget(a: Target, b: Target): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'session':
      return b.kind === 'session' && a.sessionId === b.sessionId && a.workspaceId === b.workspaceId && a.sessionName === b.sessionName;
    case 'session-per-file':
      return (
        b.kind === 'session-per-file' &&
        a.templateId === b.templateId &&
        a.workspaceId === b.workspaceId &&
        a.templateName === b.templateName &&
        a.autoExtract === b.autoExtract
      );
    default:
      return assertNever(a, 'target');
  }
}

/**
 * A queued item that was last sent as queued, with the same file and target, looks the same in every view: the
 * only thing that moves is the sha256 once hashing (which runs far ahead of uploads) is done. Not resending those
 * halves the messages of a large queue; the hash reaches the renderer with the item's next step or a snapshot.
 */
export function unchangedForRenderer(sent: QueueItem, next: QueueItem): boolean {
  return (
    sent.state.status === 'queued' &&
    next.state.status === 'queued' &&
    sent.path === next.path &&
    sent.name === next.name &&
    sent.size === next.size &&
    sent.format === next.format &&
    sent.batchId === next.batchId &&
    sent.addedAt === next.addedAt &&
    sameTarget(sent.target, next.target)
  );
}

/**
 * Later item updates replace earlier ones (only the latest state of an item matters), updates that change nothing
 * the renderer shows are dropped (see unchangedForRenderer), removals cancel
 * pending updates, only the latest summary is kept, and intake / batch-finished reports are kept in order.
 * A message never leaves sooner than `intervalMs` after the previous one, nor carries more than
 * `maxItemsPerMessage` items; close() sends everything.
 */
export function createEventBatcher(
  send: (events: EngineEvent[]) => void,
  opts: { intervalMs?: number; timers?: TimerApi; maxItemsPerMessage?: number } = {},
): EventBatcher {
  const intervalMs = opts.intervalMs ?? DEFAULT_BATCH_INTERVAL_MS;
  const maxItems = Math.max(1, opts.maxItemsPerMessage ?? DEFAULT_MAX_ITEMS_PER_MESSAGE);
  const timers = opts.timers ?? realTimers;
  const items = new Map<string, QueueItem>();
  let removed = new Set<string>();
  let reports: EngineEvent[] = [];
  let summary: QueueSummary | null = null;
  /** Items whose last message showed them queued (only those can be skipped, so only those are remembered). */
  const sentQueued = new Map<string, QueueItem>();
  let timer: unknown = null;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let closed = false;

  function flush(): void {
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
    }
    const changed: QueueItem[] = [];
    // Map order is insertion order and a later update keeps its id's place: the oldest pending items go first.
    for (const item of items.values()) {
      if (changed.length === maxItems) break;
      items.delete(item.id);
      const sent = sentQueued.get(item.id);
      if (sent && unchangedForRenderer(sent, item)) continue;
      if (item.state.status === 'queued') sentQueued.set(item.id, item);
      else sentQueued.delete(item.id);
      changed.push(item);
    }
    if (changed.length === 0 && removed.size === 0 && reports.length === 0 && summary === null) return;
    const out: EngineEvent[] = [];
    if (removed.size > 0) out.push({ type: 'removed', ids: [...removed] });
    if (changed.length > 0) out.push({ type: 'items', items: changed });
    out.push(...reports);
    if (summary) out.push({ type: 'summary', summary });
    removed = new Set();
    reports = [];
    summary = null;
    lastSentAt = timers.now();
    send(out);
    if (items.size > 0) schedule();
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
          sentQueued.delete(id);
          removed.add(id);
        }
        break;
      case 'summary':
        summary = event.summary;
        break;
      case 'intake':
      case 'batch-finished':
      case 'notice':
        reports.push(event);
        break;
      case 'hashed':
        // One per file read: no view shows it (the item's own change carries its state).
        return;
      default:
        assertNever(event, 'engine event');
    }
    schedule();
  }

  return {
    push,
    flush,
    close() {
      do flush();
      while (items.size > 0);
      closed = true;
    },
  };
}
