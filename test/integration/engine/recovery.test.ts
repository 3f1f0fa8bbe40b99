// Crash recovery (simulated): an engine stopped at the worst moments; a new one on the same journal finishes the job once.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../electron/core/engine/client-port';
import { createEngine } from '../../../electron/core/engine/engine';
import { FAST, attachCounts, harness, within, type Harness } from './harness';

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
    appendFileSync(join(h.journalDir, 'queue.jsonl'), '{"t":"put","id":"torn","v":{"item":');

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
    await new Promise((r) => setTimeout(r, 100));
    await a.close();

    // Edit one file after it was hashed: the restart must upload the new bytes.
    const edited = join(folder, 'file-0007.pdf');
    const lines = readFileSync(join(h.journalDir, 'queue.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { v?: { item: { path: string }; sha256: string | null; key: string | null } });
    const last = lines.filter((l) => l.v?.item.path === edited).pop();
    expect(last?.v?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(last?.v?.key).toBeNull();
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
    appendFileSync(join(h.journalDir, 'queue.jsonl'), `${JSON.stringify({ t: 'put', id: 'stale', v })}\n`);

    const b = h.newEngine();
    await b.start();
    await within(b.whenIdle(), 20_000, 'recovery');
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(readFileSync(edited)).digest('hex');
    const stale = b.snapshot().items.find((i) => i.id === 'stale')!;
    expect(stale.state).toMatchObject({ status: 'done', sha256: sha, outcome: 'uploaded' });
    expect(h.emu.inspect().uploads).toBe(2);
  });
});
