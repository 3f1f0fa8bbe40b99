// Derives the queue summary (counts, bytes, speed, ETA) from the items: a pure function.
import { judgeStored } from '../../../shared/parse-state';
import { ITEM_STATUSES, type Connectivity, type ItemStatus, type QueueItem, type QueueSummary, type QueueTally } from '../../../shared/queue';
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
    case 'failed':
      // Failing at the attach step means the bytes reached storage: they were uploaded (docs/engine.md, "Counts").
      return s.step === 'attaching' ? item.size : 0;
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
  const tally: QueueTally = { stored: 0, documentProblems: 0, uploadFailed: 0, cancelled: 0, unfinished: 0 };
  for (const item of items) {
    counts[item.state.status]++;
    total++;
    countIn(tally, item);
    if (item.state.status === 'cancelled') continue;
    const done = bytesDoneOf(item);
    bytesTotal += item.size;
    bytesDone += done;
    if (item.state.status !== 'failed' && item.state.status !== 'done') remaining += item.size - done;
  }
  const idle = remaining === 0 || connectivity.state !== 'online';
  return {
    counts,
    tally,
    total,
    bytesDone,
    bytesTotal,
    speedBps: Math.round(speedBps),
    etaSeconds: idle ? null : etaSeconds(remaining, speedBps),
    connectivity,
    paused,
  };
}

function countIn(tally: QueueTally, item: QueueItem): void {
  const s = item.state;
  switch (s.status) {
    case 'done':
      tally.stored++;
      if (judgeStored(s.documentStatus, s.parsings, s.configHash).kind === 'failed') tally.documentProblems++;
      return;
    case 'failed':
      tally.uploadFailed++;
      return;
    case 'cancelled':
      tally.cancelled++;
      return;
    default:
      tally.unfinished++;
  }
}
