// The engine against the attach readings of the docs: batch answers in another order, types the signed URL refuses,
// slow attaches, and a strict server that refuses a repeated attach.
import { mkdirSync, readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import type { EngineClient } from '../../../electron/core/engine';
import type { QueueItem } from '../../../shared/queue';
import { writeFile } from '../../fixtures/make-files';
import { attachCounts, harness, within, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

const statuses = (items: QueueItem[]) => items.map((i) => i.state.status);

/** Wraps one method of the client; every other method goes to the real one. */
function wrap<K extends keyof EngineClient>(real: EngineClient, method: K, fn: (orig: EngineClient[K], ...args: Parameters<EngineClient[K]>) => ReturnType<EngineClient[K]>): EngineClient {
  return new Proxy(real, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      const bound = (v as (...a: unknown[]) => unknown).bind(target);
      if (prop !== method) return bound;
      return (...args: Parameters<EngineClient[K]>) => fn(bound as EngineClient[K], ...args);
    },
  });
}

/** `n` PDFs of `mib` MiB each (zeros after a real PDF head). */
function bigFiles(n: number, mib: number): string {
  const dir = h.makeFiles(n);
  for (const f of readdirSync(dir)) truncateSync(join(dir, f), mib * 1024 * 1024);
  return dir;
}

describe('attach readings', () => {
  it('batch-order-reversed: one session per file still gives each file the session that holds it, named after it', async () => {
    h = await harness({ variants: ['batch-order-reversed'] });
    await h.engine.add([h.makeFiles(4)], { kind: 'session-per-file', workspaceId: h.workspaceId, templateId: h.templateId, templateName: 't', autoExtract: false });
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const items = h.engine.snapshot().items;
    expect(statuses(items)).toEqual(['done', 'done', 'done', 'done']);
    for (const it of items) {
      if (it.state.status !== 'done') continue;
      expect((await h.client.listSessionDocuments(it.state.sessionId)).map((d) => d.sha256)).toEqual([it.state.sha256]);
      expect((await h.client.getSession(it.state.sessionId)).name).toBe(it.name);
    }
    expect(new Set(items.map((i) => (i.state.status === 'done' ? i.state.sessionId : ''))).size).toBe(4);
  });

  it('strict-content-types: a .docx is stored; the refused type is asked once, then as application/octet-stream', async () => {
    h = await harness({ variants: ['strict-content-types'] });
    const dir = join(h.dir, 'files', 'word');
    mkdirSync(dir, { recursive: true });
    for (const n of ['a', 'b', 'c']) writeFile(join(dir, `${n}.docx`), 'docx');
    await h.engine.add([dir], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const items = h.engine.snapshot().items;
    expect(items.map((i) => i.format)).toEqual(['docx', 'docx', 'docx']);
    expect(items.map((i) => (i.state.status === 'done' ? i.state.outcome : i.state.status))).toEqual(['uploaded', 'uploaded', 'uploaded']);
    const signed = h.emu.inspect().requests.filter((r) => r.path === '/vapor/signed-storage-url');
    // One refusal for the run (the first file, or the few that asked at the same moment), never one per file for long.
    expect(signed.filter((r) => r.status === 422).length).toBeGreaterThanOrEqual(1);
    expect(signed.filter((r) => r.status === 200)).toHaveLength(3);
    const more = join(h.dir, 'files', 'word-2');
    mkdirSync(more, { recursive: true });
    writeFile(join(more, 'd.docx'), 'docx');
    const refusedBefore = signed.filter((r) => r.status === 422).length;
    await h.engine.add([more], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    expect(h.emu.inspect().requests.filter((r) => r.path === '/vapor/signed-storage-url' && r.status === 422)).toHaveLength(refusedBefore);
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1, 1, 1, 1]);
    expect(h.emu.inspect().documents.every((d) => d.mime === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(true);
  });

  it.each([
    ['named documents (attach by id)', true, '/documents/attach'],
    ['key-only documents/upload', false, '/documents/upload'],
  ] as const)('slow-attach: an attach of 15 MiB waits for its answer past the client’s 2 s timeout (%s)', async (_name, keepFileNames, path) => {
    h = await harness({ variants: ['slow-attach'] });
    const client = new RaydocsClient({ baseUrl: h.emu.url, token: h.emu.token, timeoutMs: 2000 });
    const e = h.newEngine({ client, journalDir: `${h.journalDir}-slow`, keepFileNames, attachWindowMs: 500 });
    await e.add([bigFiles(3, 5)], h.target);
    await within(e.whenIdle(), 30_000, 'idle');
    expect(statuses(e.snapshot().items)).toEqual(['done', 'done', 'done']);
    const calls = h.emu.inspect().requests.filter((r) => r.method === 'POST' && r.path.endsWith(path));
    // Answered (200), not given up on (0): the timeout was sized by the bytes.
    expect(calls.map((r) => r.status)).toEqual([200]);
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1, 1, 1]);
  }, 40_000);

  it('slow-attach: an attach that outlives even its timeout may have happened: looked for, found, never sent again', async () => {
    h = await harness({ variants: ['slow-attach'] });
    const client = new RaydocsClient({ baseUrl: h.emu.url, token: h.emu.token, timeoutMs: 2000 });
    // A server slower than the engine allows for: the call keeps the client's own 2 s.
    const impatient = wrap(client, 'attachSessionDocuments', (orig, sessionId, ids, signal) => orig(sessionId, ids, signal));
    const e = h.newEngine({ client: impatient, journalDir: `${h.journalDir}-impatient`, attachWindowMs: 500 });
    await e.add([bigFiles(3, 5)], h.target);
    await within(e.whenIdle(), 30_000, 'idle');
    expect(statuses(e.snapshot().items)).toEqual(['done', 'done', 'done']);
    const calls = h.emu.inspect().requests.filter((r) => r.method === 'POST' && r.path.endsWith('/documents/attach'));
    expect(calls.map((r) => r.status)).toEqual([0]);
    expect(h.events.some((ev) => ev.type === 'items' && ev.items.some((i) => i.state.status === 'waiting' && /no answer/.test(i.state.message ?? '')))).toBe(true);
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1, 1, 1]);
  }, 40_000);

  it.each([
    ['named documents', true],
    ['key-only documents/upload', false],
  ] as const)('strict-attach: lost answers and resets on every call, yet no attach is ever repeated (%s)', async (_name, keepFileNames) => {
    h = await harness({ variants: ['strict-attach'] }, { keepFileNames });
    h.emu.setFaults({ dropResponseRate: 0.3, routes: ['/extractions/sessions/', '/workspaces/'] });
    await h.engine.add([h.makeFiles(12)], h.target);
    await within(h.engine.whenIdle(), 60_000, 'idle');
    h.emu.setFaults({});
    expect(statuses(h.engine.snapshot().items)).toEqual(Array(12).fill('done'));
    // The scenario happened: answers of attach (or create) calls were lost after the work was done.
    const lost = h.emu.inspect().requests.filter((r) => r.status === 0 && r.method === 'POST');
    expect(lost.length).toBeGreaterThan(0);
    expect(h.emu.inspect().requests.filter((r) => r.status === 422)).toEqual([]);
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual(Array(12).fill(1));
  }, 70_000);

  it('strict-attach: content someone else attached between the check and the attach: the 422 is looked into, the file is there', async () => {
    h = await harness({ variants: ['strict-attach'] });
    let raced = false;
    const racing = wrap(h.client, 'attachSessionDocuments', async (orig, sessionId, ids, signal, opts) => {
      if (!raced) {
        raced = true;
        await orig(sessionId, ids, signal); // someone else, a moment earlier
      }
      return orig(sessionId, ids, signal, opts);
    });
    const e = h.newEngine({ client: racing, journalDir: `${h.journalDir}-race` });
    await e.add([h.makeFiles(1)], h.target);
    await within(e.whenIdle(), 20_000, 'idle');
    const [item] = e.snapshot().items;
    expect(item!.state.status).toBe('done');
    expect(h.emu.inspect().attachments.filter((a) => a.sessionId === h.target.sessionId)).toEqual([expect.objectContaining({ count: 1 })]);
  });
});
