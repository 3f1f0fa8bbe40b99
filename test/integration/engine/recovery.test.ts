// Crash recovery (simulated): an engine stopped at the worst moments; a new one on the same journal finishes the job once.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineClient } from '../../../electron/core/engine/client-port';
import { createEngine } from '../../../electron/core/engine/engine';
import { QUARANTINE_FILE } from '../../../electron/core/engine/journal';
import { FAST, attachCounts, harness, until, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

/** Resolves after `n` calls of `method` reached the server; later calls hang forever (the process "died"). */
function crashingClient(real: EngineClient, method: keyof EngineClient, n: number, onCrash: () => void): EngineClient {
  let calls = 0;
  return new Proxy(real, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== method || typeof v !== 'function') return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      return async (...args: unknown[]) => {
        calls++;
        if (calls > n) return new Promise(() => undefined);
        await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        onCrash();
        return new Promise(() => undefined); // the answer never reaches the dead process
      };
    },
  });
}

describe('journal recovery', () => {
  it('a crash right after the server attached: the restart finds the documents and attaches nothing twice', async () => {
    h = await harness();
    const folder = h.makeFiles(6);
    let crashed!: () => void;
    const crash = new Promise<void>((r) => (crashed = r));
    const a = createEngine({ ...FAST, client: crashingClient(h.client, 'uploadSessionDocuments', 1, () => crashed()), journalDir: h.journalDir, attachWindowMs: 500, keepFileNames: false });
    await a.add([folder], h.target);
    await within(crash, 20_000, 'the attach call');
    await a.close(); // the process is gone; its journal says "attaching"
    const journal = readFileSync(join(h.journalDir, 'queue.jsonl'), 'utf8');
    expect(journal).toContain('"next":"attaching"');
    expect(journal).not.toContain(h.emu.token);
    // A torn last line, as a crash mid-write leaves it.
    appendFileSync(join(h.journalDir, 'queue.jsonl'), '{"v":2,"t":"put","id":"torn","data":{"item":');

    const b = h.newEngine({ keepFileNames: false });
    await b.start();
    expect(b.snapshot().items).toHaveLength(6);
    await within(b.whenIdle(), 20_000, 'recovery');
    expect(b.snapshot().items.map((i) => i.state.status)).toEqual(Array(6).fill('done'));
    const counts = attachCounts(h.emu, h.target.sessionId);
    expect(counts).toHaveLength(6);
    expect(counts.every((c) => c === 1)).toBe(true);
    expect(h.emu.inspect().uploads).toBe(6);
    expect(h.emu.inspect().requests.filter((r) => r.path.endsWith('/documents/upload'))).toHaveLength(1);
  });

  it('a crash mid-upload resumes every unfinished item; a file changed since hashing is hashed again', async () => {
    h = await harness();
    const folder = h.makeFiles(8);
    let crashed!: () => void;
    const crash = new Promise<void>((r) => (crashed = r));
    const a = createEngine({ ...FAST, client: crashingClient(h.client, 'signedStorageUrl', 3, () => crashed()), journalDir: h.journalDir, concurrency: 2 });
    await a.add([folder], h.target);
    await within(crash, 20_000, 'uploads under way');
    // Every file hashed before the "crash" (the journal must name the edited file's old hash): waited for, not slept.
    await until(() => a.snapshot().items.every((i) => 'sha256' in i.state && !!i.state.sha256), 20_000, 'every file hashed');
    await a.close();

    // Edit one file after it was hashed: the restart must upload the new bytes.
    const edited = join(folder, 'file-0007.pdf');
    const lines = readFileSync(join(h.journalDir, 'queue.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { v: number; data?: { item: { path: string }; sha256: string | null; key: string | null } });
    expect(lines.every((l) => l.v === 2)).toBe(true);
    const last = lines.filter((l) => l.data?.item.path === edited).pop();
    expect(last?.data?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(last?.data?.key).toBeNull();
    writeFileSync(edited, '%PDF-1.7\n% edited after the crash\n');
    const b = h.newEngine();
    await b.start();
    expect(b.snapshot().items).toHaveLength(8);
    await within(b.whenIdle(), 20_000, 'recovery');
    const items = b.snapshot().items;
    expect(items.map((i) => i.state.status)).toEqual(Array(8).fill('done'));
    const editedItem = items.find((i) => i.path === edited)!;
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(readFileSync(edited)).digest('hex');
    expect(editedItem.state.status === 'done' && editedItem.state.sha256).toBe(sha);
    const counts = attachCounts(h.emu, h.target.sessionId);
    expect(counts).toHaveLength(8);
    expect(counts.every((c) => c === 1)).toBe(true);
  });

  it('a recovered hashed item whose old content is already in the session, but whose file changed, is hashed and uploaded again', async () => {
    h = await harness();
    const folder = h.makeFiles(1);
    const a = h.newEngine();
    await a.add([folder], h.target);
    await within(a.whenIdle(), 20_000, 'the first upload');
    const done = a.snapshot().items[0]!;
    expect(done.state.status).toBe('done');
    const oldSha = done.state.status === 'done' ? done.state.sha256 : '';
    a.clearFinished(); // only the session remembers that content now
    await a.close();

    // A second item hashed to the same (now stale) content before the crash, then edited on disk while the app was down.
    const edited = join(h.dir, 'edited.pdf');
    writeFileSync(edited, '%PDF-1.7\n% edited while the app was not running\n');
    const item = { ...done, id: 'stale', path: edited, name: 'edited.pdf', state: { status: 'queued', sha256: oldSha } };
    const v = { item, realPath: edited, next: 'checking', sha256: oldSha, hashedSize: done.size, hashedMtimeMs: 1, key: null, sessionId: null, documentId: null, documentStatus: '', parsings: [], verifyBeforeAttach: false };
    appendFileSync(join(h.journalDir, 'queue.jsonl'), `${JSON.stringify({ v: 2, t: 'put', id: 'stale', data: v })}\n`);

    const b = h.newEngine();
    await b.start();
    await within(b.whenIdle(), 20_000, 'recovery');
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(readFileSync(edited)).digest('hex');
    const stale = b.snapshot().items.find((i) => i.id === 'stale')!;
    expect(stale.state).toMatchObject({ status: 'done', sha256: sha, outcome: 'uploaded' });
    expect(h.emu.inspect().uploads).toBe(2);
  });

  it('a journal of the previous version with a corrupted record: the record is quarantined, the rest resumes and finishes', async () => {
    h = await harness();
    const a = h.newEngine();
    a.pause();
    await a.add([h.makeFiles(4)], h.target);
    const ids = a.snapshot().items.map((i) => i.id);
    await a.close();
    // Rewrite the journal as the previous version wrote it (no version field, the value under `v`)...
    const file = join(h.journalDir, 'queue.jsonl');
    const v1 = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const r = JSON.parse(l) as { t: string; id: string; data?: unknown };
        return JSON.stringify(r.t === 'put' ? { t: 'put', id: r.id, v: r.data } : { t: 'del', id: r.id });
      });
    // ...then damage it: a newer record of the first item in a shape no version wrote, and a line of garbage.
    const wrongShape = JSON.stringify({ t: 'put', id: ids[0], v: { item: { id: ids[0], state: { status: 'uploading' } } } });
    writeFileSync(file, `${[...v1, wrongShape, 'x\u0000garbage'].join('\n')}\n`);

    const warned: unknown[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((m: unknown) => void warned.push(m));
    const b = h.newEngine();
    try {
      await b.start();
    } finally {
      warn.mockRestore();
    }
    expect(warned).toHaveLength(1);
    expect(String(warned[0])).toMatch(/2 record\(s\) could not be read and were set aside/);
    // Every item is back, the first from its last valid record.
    expect(b.snapshot().items.map((i) => [i.id, i.state.status])).toEqual(ids.map((id) => [id, 'paused']));
    const q = readFileSync(join(h.journalDir, QUARANTINE_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { reason: string; raw: string });
    expect(q.map((r) => r.raw)).toEqual([wrongShape, 'x\u0000garbage']);
    expect(q[0]!.reason).toMatch(new RegExp(`^${ids[0]}: not a queue item \\(`));
    expect(q[1]!.reason).toBe('not JSON');
    // The journal was rewritten without them, in today's version.
    expect(readFileSync(file, 'utf8').trim().split('\n').every((l) => l.startsWith('{"v":2,"t":"put",'))).toBe(true);
    b.resume();
    await within(b.whenIdle(), 20_000, 'the resumed queue');
    expect(b.snapshot().items.map((i) => i.state.status)).toEqual(Array(4).fill('done'));
    const counts = attachCounts(h.emu, h.target.sessionId);
    expect(counts).toHaveLength(4);
    expect(counts.every((c) => c === 1)).toBe(true);
  });
});
