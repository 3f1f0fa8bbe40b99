// Pure queue bookkeeping for the renderer: applies engine event batches to an id-keyed model, filters and counts.
import { assertNever } from '../../../shared/assert-never';
import type { EngineEvent, IntakeReport, ItemId, ItemStatus, QueueItem, QueueSummary } from '../../../shared/queue';

export type QueueFilter = 'all' | 'active' | 'done' | 'attention';
export const QUEUE_FILTERS: readonly QueueFilter[] = ['all', 'active', 'done', 'attention'];

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
  /** True when ids were added or removed (the order changed), not only updated. */
  reordered: boolean;
}

export function emptyModel(): QueueModel {
  return { items: new Map(), order: [], summary: null, rates: new Map() };
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
}

export function applyEvents(model: QueueModel, events: readonly EngineEvent[], now = Date.now()): ApplyOutcome {
  const outcome: ApplyOutcome = { intake: [], finished: [], reordered: false };
  for (const event of events) {
    switch (event.type) {
      case 'items':
        for (const item of event.items) {
          if (!model.items.has(item.id)) {
            model.order.push(item.id);
            outcome.reordered = true;
          }
          model.items.set(item.id, item);
          sampleRate(model, item, now);
        }
        break;
      case 'removed': {
        const gone = new Set(event.ids);
        for (const id of gone) {
          model.items.delete(id);
          model.rates.delete(id);
        }
        model.order = model.order.filter((id) => !gone.has(id));
        outcome.reordered = true;
        break;
      }
      case 'summary':
        model.summary = event.summary;
        break;
      case 'intake':
        outcome.intake.push(event.report);
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
    case 'parsing':
    case 'waiting':
    case 'paused':
      return 'active';
    case 'done':
    case 'cancelled':
      return 'done';
    case 'failed':
      return 'attention';
    default:
      return assertNever(status, 'item status');
  }
}

export function matchesFilter(item: QueueItem, filter: QueueFilter): boolean {
  return filter === 'all' || filterOf(item.state.status) === filter;
}

export function countByFilter(items: Iterable<QueueItem>): Record<QueueFilter, number> {
  const counts: Record<QueueFilter, number> = { all: 0, active: 0, done: 0, attention: 0 };
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
    refused: [...a.refused, ...b.refused],
  };
}

export function batchMessage(b: BatchFinished): string {
  const parts = [`${b.uploaded} uploaded`];
  if (b.alreadyThere) parts.push(`${b.alreadyThere} already in the session`);
  if (b.failed) parts.push(`${b.failed} failed`);
  if (b.refused) parts.push(`${b.refused} refused`);
  return `Batch finished: ${parts.join(', ')}.`;
}
