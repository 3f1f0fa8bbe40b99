// Applying engine event batches to the renderer queue model; filters, counts, per-item speed.
import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  countByFilter,
  countByStatus,
  emptyModel,
  filterCountsOf,
  loadSnapshot,
  matchesFilter,
  mergeReports,
} from '../../../renderer/src/composables/queue-model';
import { emptySummary, makeItem } from './fake-bridge';
import { batchMessage } from '../../../renderer/src/composables/queue-words';

describe('applying engine event batches', () => {
  it('keys items by id, keeps queue order, and updates in place', () => {
    const m = emptyModel();
    const out = applyEvents(m, [{ type: 'items', items: [makeItem('a'), makeItem('b')] }]);
    expect(out.reordered).toBe(true);
    applyEvents(m, [{ type: 'items', items: [makeItem('b', { status: 'hashing', bytesHashed: 10 })] }]);
    expect(m.order).toEqual(['a', 'b']);
    expect(m.items.get('b')?.state.status).toBe('hashing');
    expect(m.items.size).toBe(2);
  });

  it('removes ids and takes the latest summary', () => {
    const m = emptyModel();
    applyEvents(m, [
      { type: 'items', items: [makeItem('a'), makeItem('b'), makeItem('c')] },
      { type: 'summary', summary: emptySummary({ total: 3 }) },
      { type: 'removed', ids: ['b'] },
      { type: 'summary', summary: emptySummary({ total: 2, paused: true }) },
    ]);
    expect(m.order).toEqual(['a', 'c']);
    expect(m.summary?.total).toBe(2);
    expect(m.summary?.paused).toBe(true);
  });

  it('reports intake and finished batches to the caller', () => {
    const m = emptyModel();
    const out = applyEvents(m, [
      { type: 'intake', report: { batchId: 'b1', accepted: 2, duplicates: 0, skipped: 1, refused: [] } },
      { type: 'batch-finished', batchId: 'b1', uploaded: 2, alreadyThere: 1, failed: 0, refused: 1 },
    ]);
    expect(out.intake).toHaveLength(1);
    expect(out.finished[0]).toMatchObject({ uploaded: 2, alreadyThere: 1 });
    expect(batchMessage(out.finished[0]!)).toBe('Batch finished: 2 uploaded, 1 already in the session, 1 refused.');
  });

  it('measures per-item upload speed over windows of at least a second, smoothed', () => {
    const m = emptyModel();
    const up = (bytesSent: number) => makeItem('a', { status: 'uploading', sha256: 'x', bytesSent, attempt: 1 }, { size: 10_000 });
    applyEvents(m, [{ type: 'items', items: [up(0)] }], 1000);
    applyEvents(m, [{ type: 'items', items: [up(900)] }], 1500);
    expect(m.rates.get('a')?.speed).toBe(0);
    applyEvents(m, [{ type: 'items', items: [up(1000)] }], 2000);
    expect(m.rates.get('a')?.speed).toBe(1000);
    applyEvents(m, [{ type: 'items', items: [up(4000)] }], 3000);
    expect(m.rates.get('a')?.speed).toBe(2000);
    applyEvents(m, [{ type: 'items', items: [makeItem('a', { status: 'attaching', sha256: 'x', key: 'k' })] }], 3000);
    expect(m.rates.has('a')).toBe(false);
  });

  it('keeps the ordered list and per-status counts equal to a full recount as items change and go', () => {
    const m = emptyModel();
    loadSnapshot(m, { items: [makeItem('a'), makeItem('b', { status: 'cancelled' })], summary: emptySummary() });
    const check = () => {
      expect(m.list.map((i) => i.id)).toEqual(m.order);
      expect(m.list).toEqual(m.order.map((id) => m.items.get(id)));
      const recount = countByStatus(m.list);
      for (const [status, n] of Object.entries(m.counts)) expect(n, status).toBe(recount[status as keyof typeof recount] ?? 0);
      expect(filterCountsOf(m.counts)).toEqual(countByFilter(m.list));
    };
    check();
    applyEvents(m, [{ type: 'items', items: [makeItem('c'), makeItem('a', { status: 'hashing', bytesHashed: 1 })] }]);
    check();
    expect(m.counts.hashing).toBe(1);
    applyEvents(m, [
      { type: 'removed', ids: ['b', 'nope'] },
      { type: 'items', items: [makeItem('d', { status: 'failed', step: 'uploading', error: { code: 'unexpected', message: 'x' }, documentId: null, sessionId: null, sha256: null })] },
      { type: 'items', items: [makeItem('a', { status: 'queued', sha256: 's' })] },
    ]);
    check();
    expect(m.order).toEqual(['a', 'c', 'd']);
    expect(filterCountsOf(m.counts)).toEqual({ all: 3, active: 2, done: 0, attention: 1, cancelled: 0 });
  });

  it('sorts a snapshot by the time items were added', () => {
    const m = emptyModel();
    loadSnapshot(m, { items: [makeItem('late', undefined, { addedAt: 5 }), makeItem('early', undefined, { addedAt: 1 })], summary: emptySummary() });
    expect(m.order).toEqual(['early', 'late']);
  });
});

describe('filters and counts', () => {
  const items = [
    makeItem('q'),
    makeItem('p', { status: 'paused', step: 'uploading' }),
    makeItem('d', { status: 'done', sha256: 's', sessionId: 'x', documentId: 'y', outcome: 'uploaded', documentStatus: 'processed', parsings: [] }),
    makeItem('c', { status: 'cancelled' }),
    makeItem('f', { status: 'failed', step: 'uploading', error: { code: 'file-gone', message: 'gone' }, documentId: null, sessionId: null, sha256: null }),
  ];
  it('puts each status under one filter; cancelled is not done', () => {
    expect(countByFilter(items)).toEqual({ all: 5, active: 2, done: 1, attention: 1, cancelled: 1 });
    expect(items.filter((i) => matchesFilter(i, 'attention')).map((i) => i.id)).toEqual(['f']);
    expect(items.filter((i) => matchesFilter(i, 'all'))).toHaveLength(5);
  });
  it('merges the reports of a chunked drop', () => {
    const a = { batchId: 'b', accepted: 2, duplicates: 1, skipped: 0, refused: [{ path: '/x.exe', code: 'unsupported-format' as const, reason: 'not supported' }] };
    const b = { batchId: 'c', accepted: 3, duplicates: 0, skipped: 2, refused: [{ path: '/y.zip', code: 'unsupported-format' as const, reason: 'archive' }] };
    expect(mergeReports(mergeReports(null, a), b)).toEqual({ batchId: 'b', accepted: 5, duplicates: 1, skipped: 2, refused: [...a.refused, ...b.refused] });
  });
});
