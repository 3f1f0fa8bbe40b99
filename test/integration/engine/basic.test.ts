// Happy path and dedup against the emulator: upload, attach, parse; the same folder twice uploads nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { attachCounts, harness, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

describe('engine against the emulator', () => {
  it('uploads a folder, attaches each file once, follows parsing to done', async () => {
    h = await harness();
    await h.engine.start();
    const folder = h.makeFiles(12);
    const report = await h.engine.add([folder], h.target);
    expect(report).toMatchObject({ accepted: 12, duplicates: 0, skipped: 0, refused: [] });
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const { items, summary } = h.engine.snapshot();
    expect(items.map((i) => i.state.status)).toEqual(Array(12).fill('done'));
    expect(items.every((i) => i.state.status === 'done' && i.state.outcome === 'uploaded' && i.state.documentId)).toBe(true);
    expect(summary.counts.done).toBe(12);
    expect(summary.bytesDone).toBe(summary.bytesTotal);
    const counts = attachCounts(h.emu, h.target.sessionId);
    expect(counts).toHaveLength(12);
    expect(counts.every((c) => c === 1)).toBe(true);
    expect(h.emu.inspect().uploads).toBe(12);
    // Attach calls were batched: far fewer than one per file.
    const attachCalls = h.emu.inspect().requests.filter((r) => r.method === 'POST' && r.path.endsWith('/documents/upload'));
    expect(attachCalls.length).toBeLessThan(12);
    expect(h.events.some((e) => e.type === 'batch-finished' && e.uploaded === 12)).toBe(true);
  });

  it('dedup: the same folder twice uploads nothing the second time, even from a fresh engine', async () => {
    h = await harness();
    const folder = h.makeFiles(5);
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 20_000, 'first push');
    expect(h.emu.inspect().uploads).toBe(5);

    const again = await h.engine.add([folder], h.target);
    expect(again.accepted).toBe(5);
    await within(h.engine.whenIdle(), 20_000, 'second push');
    expect(h.emu.inspect().uploads).toBe(5);
    await h.engine.close();

    const fresh = h.newEngine({ journalDir: `${h.journalDir}-other` });
    await fresh.add([folder], h.target);
    await within(fresh.whenIdle(), 20_000, 'third push');
    const outcomes = fresh.snapshot().items.map((i) => (i.state.status === 'done' ? i.state.outcome : i.state.status));
    expect(outcomes).toEqual(Array(5).fill('already-in-session'));
    expect(h.emu.inspect().uploads).toBe(5);
    expect(attachCounts(h.emu, h.target.sessionId).every((c) => c === 1)).toBe(true);
  });

  it('same content under two names for one session is one upload', async () => {
    h = await harness();
    const folder = h.makeFiles(1, 'twins');
    const { copyFileSync } = await import('node:fs');
    copyFileSync(`${folder}/file-0000.pdf`, `${folder}/copy.pdf`);
    const r = await h.engine.add([folder], h.target);
    expect(r.accepted).toBe(2);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    expect(h.emu.inspect().uploads).toBe(1);
    const states = h.engine.snapshot().items.map((i) => (i.state.status === 'done' ? i.state.outcome : i.state.status)).sort();
    expect(states).toEqual(['already-in-session', 'uploaded']);
  });
});
