// A run's own work: scope holds other targets' journaled items untouched; a target that refuses (403, deleted session)
// fails as one, after at most one upload with oneUploadUntilAttached; content the host knows finishes without an upload.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { compactJournal } from '../../../electron/core/engine/journal-writes';
import { openJournal } from '../../../electron/core/engine/journal';
import type { Runtime } from '../../../electron/core/engine/runtime';
import type { PersistedWork } from '../../../electron/core/engine/work';
import { ALL_ABILITIES } from '../../emulator';
import type { QueueItem, Target } from '../../../shared/queue';
import { harness, until, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

const puts = (): number => h.emu.inspect().requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/s3/')).length;
const failures = (items: QueueItem[]): string[] => items.map((i) => (i.state.status === 'failed' ? i.state.error.code : i.state.status));
const journalLines = (dir: string): string[] => readFileSync(join(dir, 'queue.jsonl'), 'utf8').split('\n').filter(Boolean);

async function deleteSession(sessionId: string): Promise<void> {
  const res = await fetch(`${h.emu.url}/extractions/sessions/${sessionId}`, { method: 'DELETE', headers: { Authorization: `Bearer ${h.emu.token}`, Accept: 'application/json' } });
  expect(res.status).toBe(204);
}

describe('scope', () => {
  it('leaves other targets’ journaled items unloaded, unstarted and unchanged, and lists them as held', async () => {
    h = await harness();
    const other = await h.client.createSession({ extraction_template_id: h.templateId, name: 'other' });
    const otherTarget: Target = { ...h.target, sessionId: other.id, sessionName: other.name };
    const journalDir = `${h.journalDir}-scoped`;
    // An earlier run left three files for `other` and two for ours, unfinished (paused before anything ran).
    const first = h.newEngine({ journalDir });
    first.pause();
    await first.add([h.makeFiles(3, 'other')], otherTarget);
    await first.add([h.makeFiles(2, 'ours')], h.target);
    await first.close();
    const otherLines = journalLines(journalDir).filter((l) => l.includes(other.id));

    const scoped = h.newEngine({ journalDir, scope: (t) => t.kind === 'session' && t.sessionId === h.target.sessionId });
    await scoped.start();
    expect(scoped.snapshot().items.map((i) => i.target.kind === 'session' && i.target.sessionId)).toEqual([h.target.sessionId, h.target.sessionId]);
    expect(scoped.held().map((i) => [i.target.kind === 'session' && i.target.sessionId, i.state.status])).toEqual(Array(3).fill([other.id, 'paused']));
    scoped.resume();
    await within(scoped.whenIdle(), 20_000, 'our two files');
    expect(failures(scoped.snapshot().items)).toEqual(['done', 'done']);
    scoped.remove(scoped.snapshot().items.map((i) => i.id));
    await scoped.close();
    expect(h.emu.inspect().uploads).toBe(2);
    expect(h.emu.inspect().attachments.filter((a) => a.sessionId === other.id)).toEqual([]);
    // Not a byte of theirs changed.
    expect(journalLines(journalDir).filter((l) => l.includes(other.id))).toEqual(otherLines);

    const all = h.newEngine({ journalDir });
    await all.start();
    expect(all.snapshot().items.map((i) => i.state.status)).toEqual(['paused', 'paused', 'paused']);
    expect(all.held()).toEqual([]);
  });

  it('compaction keeps the held records', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scope-compact-'));
    try {
      const journal = openJournal<PersistedWork>(dir);
      const held = new Map([['x', { item: { id: 'x' } } as unknown as PersistedWork]]);
      const rt = { journal, held, store: { works: new Map() } } as unknown as Runtime;
      compactJournal(rt);
      journal.close();
      expect(journalLines(dir)).toEqual([JSON.stringify({ v: 2, t: 'put', id: 'x', data: { item: { id: 'x' } } })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a target that refuses', () => {
  const withoutSessionsWrite = (): RaydocsClient =>
    new RaydocsClient({ baseUrl: h.emu.url, token: h.emu.createToken({ abilities: ALL_ABILITIES.filter((a) => a !== 'sessions-write') }), timeoutMs: 10_000 });

  it('403 on the attach: with oneUploadUntilAttached one PUT, then every file fails at once naming the ability', async () => {
    h = await harness();
    const e = h.newEngine({ client: withoutSessionsWrite(), journalDir: `${h.journalDir}-403`, concurrency: 4, oneUploadUntilAttached: true });
    await e.add([h.makeFiles(8)], h.target);
    await within(e.whenIdle(), 20_000, 'idle');
    const items = e.snapshot().items;
    expect(failures(items)).toEqual(Array(8).fill('forbidden'));
    expect(puts()).toBe(1);
    for (const it of items) if (it.state.status === 'failed') expect(it.state.error.message).toMatch(new RegExp(`^${it.name}: .*"sessions-write"`));
  });

  it('403 on the attach without the gate: the files still fail as one, but small files are all PUT before the answer', async () => {
    h = await harness();
    const e = h.newEngine({ client: withoutSessionsWrite(), journalDir: `${h.journalDir}-403-open`, concurrency: 4 });
    await e.add([h.makeFiles(8)], h.target);
    await within(e.whenIdle(), 20_000, 'idle');
    expect(failures(e.snapshot().items)).toEqual(Array(8).fill('forbidden'));
    // Why the CLI turns the gate on: without it every slot uploads before the first attach is refused.
    expect(puts()).toBeGreaterThan(1);
  });

  it('one session per file without sessions-write: the batch create is refused once, after one PUT', async () => {
    h = await harness();
    const e = h.newEngine({ client: withoutSessionsWrite(), journalDir: `${h.journalDir}-403-pf`, concurrency: 4, oneUploadUntilAttached: true });
    await e.add([h.makeFiles(5)], { kind: 'session-per-file', workspaceId: h.workspaceId, templateId: h.templateId, templateName: 't', autoExtract: false });
    await within(e.whenIdle(), 20_000, 'idle');
    expect(failures(e.snapshot().items)).toEqual(Array(5).fill('forbidden'));
    expect(puts()).toBe(1);
    expect(h.emu.inspect().requests.filter((r) => r.path.endsWith('/sessions/batch'))).toHaveLength(1);
  });

  it('a session deleted mid-run fails its remaining files as one, within one round of calls, not one 404 per file', async () => {
    h = await harness({}, { concurrency: 2, oneUploadUntilAttached: true });
    h.emu.setFaults({ latencyMs: 40 });
    await h.engine.add([h.makeFiles(30)], h.target);
    await until(() => h.emu.inspect().attachments.some((a) => a.sessionId === h.target.sessionId), 20_000, 'a first attach');
    await deleteSession(h.target.sessionId);
    const deletedAt = Date.now();
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const items = h.engine.snapshot().items;
    const failed = items.filter((i) => i.state.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(items.every((i) => i.state.status === 'done' || (i.state.status === 'failed' && i.state.error.code === 'session-gone'))).toBe(true);
    expect(failed[0]!.state.status === 'failed' && failed[0]!.state.error.message).toMatch(/the session no longer exists, or this token cannot see it \(404 on /);
    const notFound = h.emu.inspect().requests.filter((r) => r.status === 404 && r.at >= deletedAt);
    expect(notFound.length).toBeLessThanOrEqual(2);
  });
});

describe('known content', () => {
  it('finishes a file the host knows is stored for the target as already there: no PUT, no session created', async () => {
    h = await harness();
    const folder = h.makeFiles(2);
    const target: Target = { kind: 'session-per-file', workspaceId: h.workspaceId, templateId: h.templateId, templateName: 't', autoExtract: false };
    const first = h.newEngine({ journalDir: `${h.journalDir}-known-1` });
    await first.add([folder], target);
    await within(first.whenIdle(), 20_000, 'first run');
    const stored = new Map(first.snapshot().items.map((i) => (i.state.status === 'done' ? [i.state.sha256, { sessionId: i.state.sessionId, documentId: i.state.documentId }] : ['', null])));
    const before = { puts: puts(), batches: h.emu.inspect().requests.filter((r) => r.path.endsWith('/sessions/batch')).length };

    const again = h.newEngine({ journalDir: `${h.journalDir}-known-2`, knownContent: (t, sha) => (t.kind === 'session-per-file' ? (stored.get(sha) ?? null) : null) });
    await again.add([folder], target);
    await within(again.whenIdle(), 20_000, 'second run');
    const items = again.snapshot().items;
    expect(items.map((i) => (i.state.status === 'done' ? i.state.outcome : i.state.status))).toEqual(['already-in-session', 'already-in-session']);
    for (const i of items) if (i.state.status === 'done') expect(i.state.sessionId).toBe(stored.get(i.state.sha256)?.sessionId);
    expect(puts()).toBe(before.puts);
    expect(h.emu.inspect().requests.filter((r) => r.path.endsWith('/sessions/batch')).length).toBe(before.batches);
  });
});
