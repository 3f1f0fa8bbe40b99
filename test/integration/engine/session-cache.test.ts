// What the engine remembers of a session's documents is read again for each batch, and is never one session's for another.
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueItem, Target } from '../../../shared/queue';
import { attachCounts, harness, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

const outcomes = (items: QueueItem[]) => items.map((i) => (i.state.status === 'done' ? i.state.outcome : i.state.status));
const shasIn = async (sessionId: string) => (await h.client.listSessionDocuments(sessionId)).map((d) => d.sha256).sort();

describe('the session-document cache', () => {
  it('a document detached in the dashboard since the last batch is attached again, not called "already in session"', async () => {
    h = await harness();
    const folder = h.makeFiles(1);
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 20_000, 'first batch');
    const first = h.engine.snapshot().items[0]!;
    expect(first.state.status).toBe('done');
    if (first.state.status !== 'done') return;
    await h.client.detachSessionDocument(h.target.sessionId, first.state.documentId);
    expect(await shasIn(h.target.sessionId)).toEqual([]);

    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 20_000, 'second batch');
    const again = h.engine.snapshot().items;
    expect(again).toHaveLength(1);
    expect(outcomes(again)).not.toEqual(['already-in-session']);
    expect(again[0]!.state.status).toBe('done');
    expect(await shasIn(h.target.sessionId)).toEqual([first.state.sha256]);
  });

  it('content someone else attached after the cache was read is found by the next batch: not uploaded, not attached twice', async () => {
    h = await harness();
    await h.engine.add([h.makeFiles(1)], h.target);
    await within(h.engine.whenIdle(), 20_000, 'first batch');
    // Someone else (another machine: another engine, its own cache) attaches a file to the same session.
    const theirs = h.makeFiles(1, 'theirs');
    const other = h.newEngine({ journalDir: `${h.journalDir}-other` });
    await other.add([theirs], h.target);
    await within(other.whenIdle(), 20_000, 'their upload');
    const uploads = h.emu.inspect().uploads;

    await h.engine.add([theirs], h.target);
    await within(h.engine.whenIdle(), 20_000, 'second batch');
    const mine = h.engine.snapshot().items.filter((i) => i.path.startsWith(theirs));
    expect(outcomes(mine)).toEqual(['already-in-session']);
    expect(h.emu.inspect().uploads).toBe(uploads);
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1, 1]);
  });

  it('the same content for two sessions in one engine: each session is checked by its own documents', async () => {
    h = await harness();
    const folder = h.makeFiles(3);
    // Session A already holds the files (an earlier push from elsewhere); session B holds nothing.
    const before = h.newEngine({ journalDir: `${h.journalDir}-before` });
    await before.add([folder], h.target);
    await within(before.whenIdle(), 20_000, 'session A filled');
    const b = await h.client.createSession({ extraction_template_id: h.templateId, name: 'session B' });
    const targetB: Target = { kind: 'session', workspaceId: h.workspaceId, sessionId: b.id, sessionName: b.name };

    // Both batches queued before either is checked, so their checks run side by side.
    h.engine.pause();
    await h.engine.add([folder], h.target);
    await h.engine.add([folder], targetB);
    h.engine.resume();
    await within(h.engine.whenIdle(), 20_000, 'both batches');
    const items = h.engine.snapshot().items;
    const ofA = items.filter((i) => i.target.kind === 'session' && i.target.sessionId === h.target.sessionId);
    const ofB = items.filter((i) => i.target.kind === 'session' && i.target.sessionId === b.id);
    expect(outcomes(ofA)).toEqual(Array(3).fill('already-in-session'));
    expect(ofB.map((i) => i.state.status)).toEqual(Array(3).fill('done'));
    expect(outcomes(ofB).filter((o) => o === 'already-in-session')).toEqual([]);
    expect(await shasIn(b.id)).toEqual(await shasIn(h.target.sessionId));
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1, 1, 1]);
    expect(attachCounts(h.emu, b.id)).toEqual([1, 1, 1]);
  });
});
