import { describe, expect, it } from 'vitest';
import { createEventBatcher, type TimerApi } from '../../../electron/core/desktop/event-batcher';
import type { EngineEvent, QueueItem } from '../../../shared/queue';
import { doneState, item, summary } from './fixtures';

/** A manual clock: timers fire only when the test advances time. */
function fakeTimers(): TimerApi & { advance(ms: number): void } {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let seq = 0;
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = ++seq;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout(h) {
      timers = timers.filter((t) => t.id !== h);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.fn();
      }
      now = end;
    },
  };
}

describe('event batcher', () => {
  it('sends at most 10 messages a second in a 10,000-item storm, and loses no item state', () => {
    const clock = fakeTimers();
    const sent: Array<{ at: number; events: EngineEvent[] }> = [];
    const b = createEventBatcher((events) => sent.push({ at: clock.now(), events }), { timers: clock });
    // 10,000 items, each going through 3 states, spread over 2 seconds, with a summary after every change.
    for (let tick = 0; tick < 2000; tick++) {
      for (let k = 0; k < 15; k++) {
        const n = tick * 15 + k;
        const id = `i${n % 10_000}`;
        const state = n < 10_000 ? { status: 'queued' as const } : n < 20_000 ? { status: 'hashing' as const, bytesHashed: n } : doneState;
        b.push({ type: 'items', items: [item(id, state)] });
        b.push({ type: 'summary', summary: summary({ queued: n }) });
      }
      clock.advance(1);
    }
    clock.advance(1000);
    const seconds = 3;
    expect(sent.length).toBeLessThanOrEqual(10 * seconds);
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(100);
    // Per one-second window, never more than 10.
    for (let start = 0; start < 3000; start += 50) {
      expect(sent.filter((s) => s.at >= start && s.at < start + 1000).length).toBeLessThanOrEqual(10);
    }
    // The renderer ends up with every item's latest state.
    const latest = new Map<string, QueueItem>();
    for (const s of sent) for (const e of s.events) if (e.type === 'items') for (const it of e.items) latest.set(it.id, it);
    expect(latest.size).toBe(10_000);
    expect([...latest.values()].every((it) => it.state.status === 'done')).toBe(true);
    // The latest summary arrives (the last messages may carry only the items beyond the per-message cap).
    const last = sent.flatMap((s) => s.events).filter((e) => e.type === 'summary').at(-1);
    expect(last).toMatchObject({ type: 'summary', summary: { counts: { queued: 29_999 } } });
  });

  it('sends the first message promptly and coalesces what follows', () => {
    const clock = fakeTimers();
    const sent: EngineEvent[][] = [];
    const b = createEventBatcher((e) => sent.push(e), { timers: clock, intervalMs: 100 });
    b.push({ type: 'items', items: [item('a', { status: 'queued' })] });
    clock.advance(0);
    expect(sent).toHaveLength(1);
    b.push({ type: 'items', items: [item('a', { status: 'hashing', bytesHashed: 1 })] });
    b.push({ type: 'items', items: [item('a', { status: 'hashing', bytesHashed: 2 })] });
    clock.advance(50);
    expect(sent).toHaveLength(1);
    clock.advance(50);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual([{ type: 'items', items: [item('a', { status: 'hashing', bytesHashed: 2 })] }]);
  });

  it('removal drops pending updates; intake and batch reports keep their order', () => {
    const clock = fakeTimers();
    const sent: EngineEvent[][] = [];
    const b = createEventBatcher((e) => sent.push(e), { timers: clock });
    const intake: EngineEvent = { type: 'intake', report: { batchId: 'b', accepted: 1, duplicates: 0, skipped: 0, refused: [] } };
    const finished: EngineEvent = { type: 'batch-finished', batchId: 'b', uploaded: 1, alreadyThere: 0, failed: 0, refused: 0 };
    b.push(intake);
    b.push({ type: 'items', items: [item('a', { status: 'queued' }), item('b', { status: 'queued' })] });
    b.push({ type: 'removed', ids: ['a'] });
    b.push(finished);
    clock.advance(0);
    expect(sent).toEqual([[{ type: 'removed', ids: ['a'] }, { type: 'items', items: [item('b', { status: 'queued' })] }, intake, finished]]);
  });

  it('flushes on close and then stays quiet', () => {
    const clock = fakeTimers();
    const sent: EngineEvent[][] = [];
    const b = createEventBatcher((e) => sent.push(e), { timers: clock });
    b.push({ type: 'removed', ids: ['x'] });
    b.close();
    b.push({ type: 'removed', ids: ['y'] });
    clock.advance(1000);
    expect(sent).toEqual([[{ type: 'removed', ids: ['x'] }]]);
  });

  it('does not resend a queued item whose only change is its hash, but sends every change a row shows', () => {
    const clock = fakeTimers();
    const sent: EngineEvent[][] = [];
    const b = createEventBatcher((e) => sent.push(e), { timers: clock, intervalMs: 100 });
    const ids = (m: EngineEvent[] | undefined) => (m ?? []).flatMap((e) => (e.type === 'items' ? e.items.map((i) => `${i.id}:${i.state.status}`) : []));
    b.push({ type: 'items', items: [item('a', { status: 'queued' }), item('b', { status: 'queued' }), item('c', { status: 'queued' })] });
    clock.advance(0);
    expect(ids(sent[0])).toEqual(['a:queued', 'b:queued', 'c:queued']);
    // Hashing runs ahead: a and b are hashed and wait again within one interval; c is still hashing when it leaves.
    for (const id of ['a', 'b']) {
      b.push({ type: 'items', items: [item(id, { status: 'hashing', bytesHashed: 1 })] });
      b.push({ type: 'items', items: [item(id, { status: 'queued', sha256: `sha-${id}` })] });
    }
    b.push({ type: 'items', items: [item('c', { status: 'hashing', bytesHashed: 1 })] });
    b.push({ type: 'summary', summary: summary({ queued: 2 }) });
    clock.advance(100);
    expect(ids(sent[1])).toEqual(['c:hashing']);
    expect(sent[1]!.at(-1)).toMatchObject({ type: 'summary' });
    // c was shown hashing, so its return to queued is a visible change; a moves on and must be sent.
    b.push({ type: 'items', items: [item('c', { status: 'queued', sha256: 'sha-c' }), item('a', { status: 'checking', sha256: 'sha-a' })] });
    clock.advance(100);
    expect(ids(sent[2])).toEqual(['c:queued', 'a:checking']);
    // Only skipped updates and nothing else: no message at all.
    b.push({ type: 'items', items: [item('b', { status: 'queued', sha256: 'sha-b2' })] });
    clock.advance(1000);
    expect(sent).toHaveLength(3);
    // A removed and re-added id is sent again.
    b.push({ type: 'removed', ids: ['b'] });
    b.push({ type: 'items', items: [item('b', { status: 'queued' })] });
    clock.advance(100);
    expect(ids(sent[3])).toEqual(['b:queued']);
    // A queued item whose row would change (another name) is sent.
    b.push({ type: 'items', items: [{ ...item('b', { status: 'queued' }), name: 'renamed.pdf' }] });
    clock.advance(100);
    expect(ids(sent[4])).toEqual(['b:queued']);
  });

  it('caps the items of one message and sends the rest oldest first on the next ones; close sends everything', () => {
    const clock = fakeTimers();
    const sent: Array<{ at: number; events: EngineEvent[] }> = [];
    const b = createEventBatcher((events) => sent.push({ at: clock.now(), events }), { timers: clock, intervalMs: 100, maxItemsPerMessage: 4 });
    const itemsOf = (events: EngineEvent[]) => events.flatMap((e) => (e.type === 'items' ? e.items.map((i) => `${i.id}:${i.state.status}`) : []));
    b.push({ type: 'items', items: Array.from({ length: 10 }, (_, n) => item(`i${n}`, { status: 'queued' })) });
    b.push({ type: 'summary', summary: summary({ queued: 10 }) });
    clock.advance(0);
    expect(itemsOf(sent[0]!.events)).toEqual(['i0:queued', 'i1:queued', 'i2:queued', 'i3:queued']);
    expect(sent[0]!.events.at(-1)).toMatchObject({ type: 'summary' });
    // An update to a waiting item keeps its place in line.
    b.push({ type: 'items', items: [item('i9', { status: 'hashing', bytesHashed: 1 }), item('i5', { status: 'hashing', bytesHashed: 1 })] });
    clock.advance(100);
    expect(itemsOf(sent[1]!.events)).toEqual(['i4:queued', 'i5:hashing', 'i6:queued', 'i7:queued']);
    expect(sent[1]!.at - sent[0]!.at).toBe(100);
    clock.advance(100);
    expect(itemsOf(sent[2]!.events)).toEqual(['i8:queued', 'i9:hashing']);
    clock.advance(1000);
    expect(sent).toHaveLength(3);

    const closing: EngineEvent[][] = [];
    const c = createEventBatcher((events) => closing.push(events), { timers: fakeTimers(), maxItemsPerMessage: 4 });
    c.push({ type: 'items', items: Array.from({ length: 10 }, (_, n) => item(`i${n}`, { status: 'queued' })) });
    c.close();
    expect(closing.flatMap(itemsOf)).toHaveLength(10);
  });
});
