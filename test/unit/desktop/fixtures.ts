// Builders for queue summaries and items used by the desktop decision tests.
import { ITEM_STATUSES, type ItemStatus, type QueueItem, type QueueSummary, type ItemState } from '../../../shared/queue';

export function summary(counts: Partial<Record<ItemStatus, number>> = {}, extra: Partial<QueueSummary> = {}): QueueSummary {
  const full = Object.fromEntries(ITEM_STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<ItemStatus, number>;
  const total = Object.values(full).reduce((a, b) => a + b, 0);
  const tally = { stored: full.done, documentProblems: 0, uploadFailed: full.failed, cancelled: full.cancelled, unfinished: total - full.done - full.failed - full.cancelled };
  return {
    counts: full,
    tally,
    total,
    bytesDone: 0,
    bytesTotal: 0,
    speedBps: 0,
    etaSeconds: null,
    connectivity: { state: 'online' },
    paused: false,
    ...extra,
  };
}

export function item(id: string, state: ItemState, batchId = 'b1'): QueueItem {
  return {
    id,
    path: `/tmp/${id}.pdf`,
    name: `${id}.pdf`,
    size: 100,
    format: 'pdf',
    target: { kind: 'session', workspaceId: 1, sessionId: '00000000-0000-4000-8000-000000000001', sessionName: 'Invoices' },
    batchId,
    addedAt: 0,
    state,
  };
}

export const doneState: ItemState = {
  status: 'done',
  sha256: 'a'.repeat(64),
  sessionId: 's',
  documentId: 'd',
  outcome: 'uploaded',
  documentStatus: 'parsed',
  parsings: [],
};
