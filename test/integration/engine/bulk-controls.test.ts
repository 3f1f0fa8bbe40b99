// Bulk controls: Cancel all over 5,000 items writes the journal in a few writes and one fsync, not one per item;
// retry failed leaves cancelled files alone; removing a batch takes only its finished rows, in one event.
import { rmSync, readdirSync } from 'node:fs';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { harness, until, within, type Harness } from './harness';

// Counted, not changed: the journal's write(2) and fsync calls go through these.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return { ...real, writeSync: vi.fn(real.writeSync), fsync: vi.fn(real.fsync), fsyncSync: vi.fn(real.fsyncSync) };
});

let h: Harness;
afterEach(async () => h?.close());

const statusCounts = (h: Harness): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const i of h.engine.snapshot().items) out[i.state.status] = (out[i.state.status] ?? 0) + 1;
  return out;
};

describe('bulk controls', () => {
  it('Cancel all with 5,000 items: every one cancelled, a few journal writes and one fsync, and a restart keeps them cancelled', async () => {
    h = await harness();
    h.engine.pause();
    const report = await h.engine.add([h.makeFiles(5000)], h.target);
    expect(report.accepted).toBe(5000);
    expect(statusCounts(h)).toEqual({ paused: 5000 });
    // Let the add's own journal writes settle before counting.
    await new Promise((r) => setTimeout(r, 50));
    const writes = vi.mocked(fs.writeSync);
    const fsyncs = (): number => vi.mocked(fs.fsync).mock.calls.length + vi.mocked(fs.fsyncSync).mock.calls.length;
    writes.mockClear();
    const fsyncsBefore = fsyncs();

    const started = performance.now();
    expect(h.engine.cancelAll()).toBe(5000);
    // A figure for the record, not a bound (no timed tests): the bound is the count of writes below.
    console.log(`cancelAll over 5,000 items: ${Math.round(performance.now() - started)} ms, ${writes.mock.calls.length} write(s)`);
    // 5,000 records of a few hundred bytes: a write per MiB, not a write per item.
    expect(writes.mock.calls.length).toBeGreaterThan(0);
    expect(writes.mock.calls.length).toBeLessThanOrEqual(5);
    expect(statusCounts(h)).toEqual({ cancelled: 5000 });
    await until(() => fsyncs() > fsyncsBefore, 5_000, 'the group fsync');
    await new Promise((r) => setTimeout(r, 50));
    expect(fsyncs() - fsyncsBefore).toBe(1);
    // A second Cancel all finds nothing left to cancel.
    expect(h.engine.cancelAll()).toBe(0);

    await h.engine.close();
    const again = h.newEngine();
    await again.start();
    const items = again.snapshot().items;
    expect(items).toHaveLength(5000);
    expect(items.every((i) => i.state.status === 'cancelled')).toBe(true);
  }, 120_000);

  it('cancel and retry one batch; retry failed leaves cancelled files cancelled; remove batch takes only finished rows', async () => {
    h = await harness();
    h.engine.pause();
    const first = await h.engine.add([h.makeFiles(3)], h.target);
    const secondFolder = h.makeFiles(2);
    const second = await h.engine.add([secondFolder], h.target);
    expect(h.engine.cancelAll(first.batchId)).toBe(3);
    expect(statusCounts(h)).toEqual({ cancelled: 3, paused: 2 });
    // An unknown batch names nothing.
    expect(h.engine.cancelAll('no-such-batch')).toBe(0);

    // One file of the second batch is gone before it is read: it fails, the other is stored.
    rmSync(join(secondFolder, readdirSync(secondFolder)[0]!));
    h.engine.resume();
    await within(h.engine.whenIdle(), 20_000, 'the second batch to settle');
    expect(statusCounts(h)).toEqual({ cancelled: 3, done: 1, failed: 1 });

    expect(h.engine.retryFailed(first.batchId)).toBe(0);
    expect(h.engine.retryFailed()).toBe(1);
    await within(h.engine.whenIdle(), 20_000, 'the retried file to settle');
    expect(statusCounts(h)).toEqual({ cancelled: 3, done: 1, failed: 1 });

    const eventsBefore = h.events.length;
    expect(h.engine.removeBatch(first.batchId)).toBe(3);
    const removed = h.events.slice(eventsBefore).filter((e) => e.type === 'removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]?.type === 'removed' && removed[0].ids).toHaveLength(3);
    expect(h.engine.snapshot().items.every((i) => i.batchId === second.batchId)).toBe(true);
  }, 60_000);

  it('remove batch leaves a file still on its way in the queue', async () => {
    h = await harness();
    h.engine.pause();
    const batch = await h.engine.add([h.makeFiles(2)], h.target);
    const [a] = h.engine.snapshot().items.map((i) => i.id);
    h.engine.cancel([a!]);
    expect(h.engine.removeBatch(batch.batchId)).toBe(1);
    expect(h.engine.snapshot().items.map((i) => i.state.status)).toEqual(['paused']);
  });
});
