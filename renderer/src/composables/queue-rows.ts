// The queue list as rows: each batch's header followed by its items (unless the batch is collapsed), with row heights.
import { judgeStored } from '../../../shared/parse-state';
import type { ItemStatus, QueueItem, Target } from '../../../shared/queue';

/** Heights the list lays rows out by (docs/ui.md, "The queue"): a header, a one-line row, a row with a second line. */
export const ROW_HEIGHTS = { batch: 32, item: 44, itemWithDetail: 62 } as const;

export interface BatchView {
  batchId: string;
  target: Target;
  total: number;
  stored: number;
  failed: number;
  /** Stored, but Raydocs could not parse the document: counted apart from failed uploads (a reparse, not a retry). */
  unparsed: number;
  cancelled: number;
  /** Not yet finished: queued, moving, waiting or paused. */
  unfinished: number;
  /** Every item is done, cancelled or failed. */
  finished: boolean;
  /** Stored items' session ids, for a one-session-per-file batch's list. */
  sessions: string[];
  /** When its first file was queued: a run started before then is not this batch's. */
  addedAt: number;
}

export type QueueRowEntry =
  | { kind: 'batch'; key: string; batch: BatchView; collapsed: boolean }
  /** `index`: the item's position among the shown items (what data-index and selection ranges count). */
  | { kind: 'item'; key: string; item: QueueItem; index: number };

const FINISHED: ReadonlySet<ItemStatus> = new Set(['done', 'failed', 'cancelled']);

/** The batch an item shows under (a drop sent in chunks is one batch: see queue-store's batchOf). */
export type BatchOf = (item: QueueItem) => string;
const ownBatch: BatchOf = (item) => item.batchId;

function emptyBatch(item: QueueItem, batchOf: BatchOf): BatchView {
  return { batchId: batchOf(item), target: item.target, total: 0, stored: 0, failed: 0, unparsed: 0, cancelled: 0, unfinished: 0, finished: false, sessions: [], addedAt: item.addedAt };
}

/** Counts every item of each batch (not only the shown ones): a header tells its whole batch. */
export function batchesOf(items: readonly QueueItem[], batchOf: BatchOf = ownBatch): Map<string, BatchView> {
  const out = new Map<string, BatchView>();
  for (const item of items) {
    const id = batchOf(item);
    let b = out.get(id);
    if (!b) {
      b = emptyBatch(item, batchOf);
      out.set(id, b);
    }
    b.total++;
    if (item.addedAt < b.addedAt) b.addedAt = item.addedAt;
    const st = item.state;
    if (st.status === 'done') {
      b.stored++;
      if (judgeStored(st.documentStatus, st.parsings, st.configHash).kind === 'failed') b.unparsed++;
      if (item.target.kind === 'session-per-file') b.sessions.push(st.sessionId);
    } else if (st.status === 'failed') b.failed++;
    else if (st.status === 'cancelled') b.cancelled++;
    if (!FINISHED.has(st.status)) b.unfinished++;
  }
  for (const b of out.values()) b.finished = b.unfinished === 0;
  return out;
}

/**
 * A finished batch folds to its header once a newer batch exists, unless it holds failures (they need attention) or
 * the person opened it; the newest batch stays open so what just happened stays in view. `toggled` flips the default.
 */
export function isCollapsed(b: BatchView, newest: boolean, toggled: boolean): boolean {
  const byDefault = b.finished && b.failed === 0 && !newest;
  return toggled ? !byDefault : byDefault;
}

/** Whether a row needs its second line: a reason, a progress bar or a note. */
export function hasSecondLine(item: QueueItem): boolean {
  switch (item.state.status) {
    case 'hashing':
    case 'uploading':
    case 'failed':
    case 'waiting':
      return true;
    case 'done':
      return item.state.parsings.length > 0;
    case 'queued':
    case 'checking':
    case 'attaching':
    case 'paused':
    case 'cancelled':
      return item.note != null && item.note !== '';
    default:
      return false;
  }
}

export function rowHeight(row: QueueRowEntry): number {
  if (row.kind === 'batch') return ROW_HEIGHTS.batch;
  return hasSecondLine(row.item) ? ROW_HEIGHTS.itemWithDetail : ROW_HEIGHTS.item;
}

/** Rows for the shown items, grouped by batch in the order batches were first queued. */
export function buildRows(
  shown: readonly QueueItem[],
  batches: ReadonlyMap<string, BatchView>,
  toggled: ReadonlySet<string>,
  batchOf: BatchOf = ownBatch,
): QueueRowEntry[] {
  const groups = new Map<string, QueueItem[]>();
  for (const item of shown) {
    const id = batchOf(item);
    const g = groups.get(id);
    if (g) g.push(item);
    else groups.set(id, [item]);
  }
  const newest = [...batches.keys()].pop();
  const rows: QueueRowEntry[] = [];
  let index = 0;
  for (const [batchId, items] of groups) {
    const batch = batches.get(batchId) ?? emptyBatch(items[0]!, batchOf);
    const collapsed = isCollapsed(batch, batchId === newest, toggled.has(batchId));
    rows.push({ kind: 'batch', key: `batch:${batchId}`, batch, collapsed });
    if (collapsed) continue;
    for (const item of items) rows.push({ kind: 'item', key: item.id, item, index: index++ });
  }
  return rows;
}

/** Each row's top, and the total height as the last entry: offsets[i] is row i's top. */
export function offsetsOf(rows: readonly QueueRowEntry[]): number[] {
  const out = new Array<number>(rows.length + 1);
  let y = 0;
  for (let i = 0; i < rows.length; i++) {
    out[i] = y;
    y += rowHeight(rows[i]!);
  }
  out[rows.length] = y;
  return out;
}
