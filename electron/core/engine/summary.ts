// Derives the queue summary (counts, bytes, speed, ETA) from the items: a pure function.
import { ITEM_STATUSES, type Connectivity, type ItemStatus, type QueueItem, type QueueSummary } from '../../../shared/queue';
import { etaSeconds } from './speed';

/** Bytes of an item that count as transferred (uploaded, or not needing upload). */
export function bytesDoneOf(item: QueueItem): number {
  const s = item.state;
  switch (s.status) {
    case 'uploading':
      return s.bytesSent;
    case 'attaching':
    case 'done':
      return item.size;
    default:
      return 0;
  }
}

export function computeSummary(items: Iterable<QueueItem>, speedBps: number, connectivity: Connectivity, paused: boolean): QueueSummary {
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  let total = 0;
  let bytesDone = 0;
  let bytesTotal = 0;
  let remaining = 0;
  for (const item of items) {
    counts[item.state.status]++;
    total++;
    if (item.state.status === 'cancelled') continue;
    const done = bytesDoneOf(item);
    bytesTotal += item.size;
    bytesDone += done;
    if (item.state.status !== 'failed' && item.state.status !== 'done') remaining += item.size - done;
  }
  const idle = remaining === 0 || connectivity.state !== 'online';
  return {
    counts,
    total,
    bytesDone,
    bytesTotal,
    speedBps: Math.round(speedBps),
    etaSeconds: idle ? null : etaSeconds(remaining, speedBps),
    connectivity,
    paused,
  };
}
