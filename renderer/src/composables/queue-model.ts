// Pure queue bookkeeping for the renderer: applies engine event batches to an id-keyed model, filters and counts.
import { assertNever } from '../../../shared/assert-never';
import { ITEM_STATUSES, type EngineEvent, type IntakeReport, type ItemId, type ItemStatus, type NoticeCode, type QueueItem, type QueueSummary } from '../../../shared/queue';

/** Cancelled files have a filter and a count of their own: they are not done (docs/ui.md, "The queue"). */
export type QueueFilter = 'all' | 'active' | 'done' | 'attention' | 'cancelled';

export interface RateSample {
  bytes: number;
  at: number;
  /** Smoothed bytes per second; 0 until two samples exist. */
  speed: number;
}

export interface QueueModel {
  items: Map<ItemId, QueueItem>;
  /** Ids in the order they were queued. */
  order: ItemId[];
  /** The items in `order`, replaced in place on updates, so a view of the queue is a copy, not 10,000 lookups. */
  list: QueueItem[];
  /** Each id's position in `order` and `list`. */
  index: Map<ItemId, number>;
  /** Items per status, kept as events apply, so counts never walk the whole queue. */
  counts: Record<ItemStatus, number>;
  summary: QueueSummary | null;
  rates: Map<ItemId, RateSample>;
}

export interface BatchFinished {
  batchId: string;
  uploaded: number;
  alreadyThere: number;
  failed: number;
  refused: number;
}

export interface ApplyOutcome {
  intake: IntakeReport[];
  finished: BatchFinished[];
  notices: Array<{ code: NoticeCode; message: string }>;
  /** True when ids were added or removed (the order changed), not only updated. */
  reordered: boolean;
}

function zeroCounts(): Record<ItemStatus, number> {
  return { queued: 0, hashing: 0, checking: 0, uploading: 0, attaching: 0, done: 0, waiting: 0, paused: 0, failed: 0, cancelled: 0 };
}

export function emptyModel(): QueueModel {
  return { items: new Map(), order: [], list: [], index: new Map(), counts: zeroCounts(), summary: null, rates: new Map() };
}

/** Rebuilds `list`, `index` and `counts` from `order` and `items` (after removals or a snapshot). */
function reindex(model: QueueModel): void {
  const counts = zeroCounts();
  const list: QueueItem[] = [];
  const index = new Map<ItemId, number>();
  const order: ItemId[] = [];
  for (const id of model.order) {
    const item = model.items.get(id);
    if (!item) continue;
    index.set(id, list.length);
    list.push(item);
    order.push(id);
    counts[item.state.status]++;
  }
  model.order = order;
  model.list = list;
  model.index = index;
  model.counts = counts;
}

const SMOOTHING = 0.5;
const MIN_SAMPLE_SECONDS = 1;

function sampleRate(model: QueueModel, item: QueueItem, now: number): void {
  if (item.state.status !== 'uploading') {
    model.rates.delete(item.id);
    return;
  }
  const bytes = item.state.bytesSent;
  const prev = model.rates.get(item.id);
  if (!prev || bytes < prev.bytes) {
    model.rates.set(item.id, { bytes, at: now, speed: 0 });
    return;
  }
  const dt = (now - prev.at) / 1000;
  // Updates arrive throttled and in bursts: measure over at least a second, or bursts read as double speed.
  if (dt < MIN_SAMPLE_SECONDS) return;
  const instant = (bytes - prev.bytes) / dt;
  const speed = prev.speed === 0 ? instant : prev.speed + SMOOTHING * (instant - prev.speed);
  model.rates.set(item.id, { bytes, at: now, speed });
}

/** Replaces the model's content with a snapshot (on start and after reconnecting). */
export function loadSnapshot(model: QueueModel, snapshot: { items: QueueItem[]; summary: QueueSummary }): void {
  const sorted = [...snapshot.items].sort((a, b) => a.addedAt - b.addedAt);
  model.items = new Map(sorted.map((i) => [i.id, i]));
  model.order = sorted.map((i) => i.id);
  model.summary = snapshot.summary;
  model.rates.clear();
  reindex(model);
}

export function applyEvents(model: QueueModel, events: readonly EngineEvent[], now = Date.now()): ApplyOutcome {
  const outcome: ApplyOutcome = { intake: [], finished: [], notices: [], reordered: false };
  for (const event of events) {
    switch (event.type) {
      case 'items':
        for (const item of event.items) {
          const prev = model.items.get(item.id);
          const at = model.index.get(item.id);
          if (prev && at !== undefined) {
            model.counts[prev.state.status]--;
            model.list[at] = item;
          } else {
            model.index.set(item.id, model.list.length);
            model.order.push(item.id);
            model.list.push(item);
            outcome.reordered = true;
          }
          model.counts[item.state.status]++;
          model.items.set(item.id, item);
          sampleRate(model, item, now);
        }
        break;
      case 'removed': {
        let any = false;
        for (const id of event.ids) {
          any = model.items.delete(id) || any;
          model.rates.delete(id);
        }
        if (any) {
          reindex(model);
          outcome.reordered = true;
        }
        break;
      }
      case 'summary':
        model.summary = event.summary;
        break;
      case 'intake':
        outcome.intake.push(event.report);
        break;
      case 'notice':
        outcome.notices.push({ code: event.code, message: event.message });
        break;
      case 'hashed':
        break;
      case 'batch-finished':
        outcome.finished.push({
          batchId: event.batchId,
          uploaded: event.uploaded,
          alreadyThere: event.alreadyThere,
          failed: event.failed,
          refused: event.refused,
        });
        break;
      default:
        assertNever(event, 'engine event');
    }
  }
  return outcome;
}

export function filterOf(status: ItemStatus): Exclude<QueueFilter, 'all'> {
  switch (status) {
    case 'queued':
    case 'hashing':
    case 'checking':
    case 'uploading':
    case 'attaching':
    case 'waiting':
    case 'paused':
      return 'active';
    case 'done':
      return 'done';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      return 'attention';
    default:
      return assertNever(status, 'item status');
  }
}

export function matchesFilter(item: QueueItem, filter: QueueFilter): boolean {
  return filter === 'all' || filterOf(item.state.status) === filter;
}

/** Filter counts from per-status counts (the model's), without walking the items. */
export function filterCountsOf(counts: Partial<Record<ItemStatus, number>>): Record<QueueFilter, number> {
  const out: Record<QueueFilter, number> = { all: 0, active: 0, done: 0, attention: 0, cancelled: 0 };
  for (const status of ITEM_STATUSES) {
    const n = counts[status] ?? 0;
    out.all += n;
    out[filterOf(status)] += n;
  }
  return out;
}

export function countByFilter(items: Iterable<QueueItem>): Record<QueueFilter, number> {
  const counts: Record<QueueFilter, number> = { all: 0, active: 0, done: 0, attention: 0, cancelled: 0 };
  for (const item of items) {
    counts.all++;
    counts[filterOf(item.state.status)]++;
  }
  return counts;
}

export function countByStatus(items: Iterable<QueueItem>): Partial<Record<ItemStatus, number>> {
  const counts: Partial<Record<ItemStatus, number>> = {};
  for (const item of items) counts[item.state.status] = (counts[item.state.status] ?? 0) + 1;
  return counts;
}

/** Merges the reports of one drop sent in chunks. */
export function mergeReports(a: IntakeReport | null, b: IntakeReport): IntakeReport {
  if (!a) return { ...b, refused: [...b.refused] };
  return {
    batchId: a.batchId,
    accepted: a.accepted + b.accepted,
    duplicates: a.duplicates + b.duplicates,
    skipped: a.skipped + b.skipped,
    ...(a.linksOutside || b.linksOutside ? { linksOutside: (a.linksOutside ?? 0) + (b.linksOutside ?? 0) } : {}),
    refused: [...a.refused, ...b.refused],
  };
}
