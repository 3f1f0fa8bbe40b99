// Controls and events: pause aborts in-flight PUTs and resumes, cancel/retry/remove, live limits, throttled events,
// one session per file, and the parse track beside a stored item (run, failed parse, reparse).
import { truncateSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../shared/queue';
import { ApiError } from '../../../electron/core/api/api-error';
import { parseTrack } from '../../../renderer/src/composables/item-view';
import { attachCounts, harness, until as untilTrue, within, type Harness } from './harness';

let h: Harness;
const parsingStatuses = (it: QueueItem): string[] => (it.state.status === 'done' ? it.state.parsings.map((p) => p.status) : []);
const parsingHashes = (it: QueueItem): Array<string | null> => (it.state.status === 'done' ? it.state.parsings.map((p) => p.configHash) : []);
afterEach(async () => h?.close());

const until = (h: Harness, pred: () => boolean, ms: number, what: string): Promise<void> =>
  within(
    new Promise<void>((resolve) => {
      if (pred()) return resolve();
      const off = h.engine.on(() => {
        if (pred()) {
          off();
          resolve();
        }
      });
    }),
    ms,
    what,
  );

const statuses = (items: QueueItem[]): string[] => items.map((i) => i.state.status);

describe('controls', () => {
  it('pause aborts in-flight PUTs at once; resume finishes them; events stay throttled', async () => {
    h = await harness({}, { concurrency: 2, bandwidthLimitBps: 512 * 1024, summaryIntervalMs: 250 }, { fakeTime: true });
    const folder = h.makeFiles(4);
    for (const f of readdirSync(folder)) truncateSync(join(folder, f), 512 * 1024);
    await h.engine.add([folder], h.target);
    await until(h, () => h.engine.snapshot().items.some((i) => i.state.status === 'uploading' && i.state.bytesSent > 0), 10_000, 'an upload in flight');

    h.engine.pause();
    const paused = h.engine.snapshot();
    expect(paused.summary.paused).toBe(true);
    expect(statuses(paused.items).filter((s) => s === 'uploading')).toEqual([]);
    const putsAtPause = h.emu.inspect().requests.filter((r) => r.method === 'PUT').length;
    // A minute of the engine's time (fake): no retry, poll or upload starts while paused (an aborted PUT's socket is
    // destroyed, so storage cannot complete it later).
    const callsAtPause = h.calls.length;
    await h.clock!.advance(60_000);
    await untilTrue(() => h.callsInFlight() === 0, 5_000, 'calls to land');
    expect(h.calls.slice(callsAtPause)).toEqual([]);
    // Nothing moves while paused, and nothing failed.
    expect(h.emu.inspect().requests.filter((r) => r.method === 'PUT' && r.status === 200).length).toBeLessThanOrEqual(putsAtPause);
    expect(h.engine.snapshot().summary.counts.failed).toBe(0);

    // Live bandwidth change: lift the limit so the rest goes fast.
    h.engine.setBandwidthLimit(0);
    h.engine.resume();
    await within(h.engine.whenIdle(), 20_000, 'idle after resume');
    expect(statuses(h.engine.snapshot().items)).toEqual(Array(4).fill('done'));
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1, 1, 1, 1]);

    // 2 MiB at 512 KiB/s took seconds: a per-chunk event stream would be hundreds of events.
    const summaries = h.events.filter((e) => e.type === 'summary').length;
    const itemEvents = h.events.filter((e) => e.type === 'items').length;
    expect(summaries).toBeLessThan(60);
    expect(itemEvents).toBeLessThan(60);
  }, 30_000);

  it('per-item pause, cancel, retry and remove', async () => {
    h = await harness({}, { concurrency: 1, bandwidthLimitBps: 256 * 1024 });
    const folder = h.makeFiles(4);
    for (const f of readdirSync(folder)) truncateSync(join(folder, f), 256 * 1024);
    await h.engine.add([folder], h.target);
    const [a, b, c, d] = h.engine.snapshot().items.map((i) => i.id) as [string, string, string, string];
    h.engine.pause([a]);
    h.engine.cancel([b]);
    h.engine.remove([c]);
    const snap = h.engine.snapshot().items;
    expect(snap.find((i) => i.id === a)?.state.status).toBe('paused');
    expect(snap.find((i) => i.id === b)?.state.status).toBe('cancelled');
    expect(snap.find((i) => i.id === c)).toBeUndefined();
    expect(h.events.some((e) => e.type === 'removed' && e.ids.includes(c))).toBe(true);
    h.engine.setConcurrency(3);
    h.engine.setBandwidthLimit(0);
    await within(h.engine.whenIdle(), 20_000, 'd done');
    expect(h.engine.snapshot().items.find((i) => i.id === d)?.state.status).toBe('done');
    expect(h.engine.snapshot().items.find((i) => i.id === a)?.state.status).toBe('paused');
    h.engine.resume([a]);
    h.engine.retry([b]);
    await within(h.engine.whenIdle(), 20_000, 'all done');
    expect(statuses(h.engine.snapshot().items)).toEqual(['done', 'done', 'done']);
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1, 1, 1]);
    h.engine.clearFinished();
    expect(h.engine.snapshot().items).toEqual([]);
  }, 30_000);

  it('one session per file: batch create with auto_extract, each file its own session', async () => {
    h = await harness();
    const folder = h.makeFiles(3);
    await h.engine.add([folder], { kind: 'session-per-file', workspaceId: h.workspaceId, templateId: h.templateId, templateName: 't', autoExtract: true });
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const items = h.engine.snapshot().items;
    expect(statuses(items)).toEqual(['done', 'done', 'done']);
    const sessions = new Set(items.map((i) => (i.state.status === 'done' ? i.state.sessionId : '')));
    expect(sessions.size).toBe(3);
    for (const s of sessions) expect(attachCounts(h.emu, s)).toEqual([1]);
    expect(h.emu.inspect().requests.filter((r) => r.path.endsWith('/sessions/batch'))).toHaveLength(1);
    // Each session is named after its file, not left as "Pending…", and holds that file's content.
    for (const it of items) {
      if (it.state.status !== 'done') continue;
      const session = await h.client.getSession(it.state.sessionId);
      expect(session.name).toBe(it.name);
      expect((await h.client.listSessionDocuments(it.state.sessionId)).map((d) => d.sha256)).toEqual([it.state.sha256]);
    }
  });

  it('one session per file: a batch answer in another order still gives each file the session that holds it', async () => {
    h = await harness();
    const reversed = new Proxy(h.client, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        if (prop !== 'batchCreateSessions') return (v as (...a: unknown[]) => unknown).bind(target);
        return async (...args: unknown[]) => [...((await (v as (...a: unknown[]) => Promise<unknown[]>).apply(target, args)) as unknown[])].reverse();
      },
    });
    const e = h.newEngine({ client: reversed, journalDir: `${h.journalDir}-reversed` });
    await e.add([h.makeFiles(3)], { kind: 'session-per-file', workspaceId: h.workspaceId, templateId: h.templateId, templateName: 't', autoExtract: false });
    await within(e.whenIdle(), 20_000, 'idle');
    const items = e.snapshot().items;
    expect(statuses(items)).toEqual(['done', 'done', 'done']);
    for (const it of items) {
      if (it.state.status !== 'done') continue;
      expect((await h.client.listSessionDocuments(it.state.sessionId)).map((d) => d.sha256)).toEqual([it.state.sha256]);
      expect((await h.client.getSession(it.state.sessionId)).name).toBe(it.name);
    }
  });

  it('a failed parse leaves the item stored; reparse keeps it done and its row follows the new parse to ready', async () => {
    h = await harness();
    const folder = h.makeFiles(1);
    // Key-only uploads get a server-made filename, so fail by rate rather than by name.
    h.emu.setParsing({ stepMs: 50, failRate: 1 });
    await h.engine.add([folder], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const item = () => h.engine.snapshot().items[0]!;
    expect(item().state).toMatchObject({ status: 'done', outcome: 'uploaded' });
    // Parsing starts with a run (storage-only); the app tells the engine so the row follows it, with the run's hash.
    const run = await h.client.runExtraction(h.target.sessionId);
    h.engine.refreshDocuments(h.target.sessionId, run.config_hash);
    await untilTrue(() => parsingStatuses(item()).includes('failed'), 20_000, 'the parse to fail');
    expect(item().state.status).toBe('done');
    h.emu.setParsing({ stepMs: 50, failRate: 0 });
    await h.engine.reparse(item().id);
    // With cfg_ hashes on parsings (a variant), the redone one is shown beside the failed one until the next poll.
    expect(parsingStatuses(item())).toEqual(h.emu.getVariants().includes('cfg-config-hash') ? ['failed', 'queued'] : ['queued']);
    expect(item().state).toMatchObject({ status: 'done', documentStatus: 'processing' });
    await untilTrue(() => parsingStatuses(item()).includes('ready'), 20_000, 'the reparse');
    expect(item().state.status).toBe('done');
    expect(attachCounts(h.emu, h.target.sessionId)).toEqual([1]);
  });

  it('reparse before any parsing exists says that parsing starts with a run', async () => {
    h = await harness({ parsing: { stepMs: 50, autoParse: false } });
    await h.engine.add([h.makeFiles(1)], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const item = h.engine.snapshot().items[0]!;
    expect(item.state).toMatchObject({ status: 'done', parsings: [] });
    await expect(h.engine.reparse(item.id)).rejects.toThrow(/parsing starts when an extraction runs\. Choose Run extraction/);
  });

  it("a document stored after a run is reparsed with the session's config hash, read from its results", async () => {
    h = await harness({ variants: [], parsing: { stepMs: 50, autoParse: false } });
    await h.engine.add([h.makeFiles(1)], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const run = await h.client.runExtraction(h.target.sessionId);
    // Stored after the run: no parsing of its own, so only the session's results name a hash.
    await h.engine.add([h.makeFiles(1, 'later', 'png')], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const later = () => h.engine.snapshot().items.find((i) => i.format === 'png')!;
    expect(later().state).toMatchObject({ status: 'done', parsings: [] });
    await h.engine.reparse(later().id);
    expect(later().state).toMatchObject({ status: 'done', configHash: run.config_hash, parsings: [{ configHash: run.config_hash, status: 'queued' }] });
    await untilTrue(() => parsingStatuses(later()).includes('ready'), 20_000, 'the reparse');
    const reparses = h.emu.inspect().requests.filter((r) => r.method === 'POST' && r.path.endsWith('/reparse'));
    expect(reparses.map((r) => r.status)).toEqual([202]);
  });

  it("cfg_ hashes on parsings and results: a reparse goes by the run's own answer, else says to run an extraction", async () => {
    h = await harness({ variants: ['cfg-config-hash'], parsing: { stepMs: 50, autoParse: false } });
    h.emu.setParsing({ stepMs: 50, failRate: 1 });
    await h.engine.add([h.makeFiles(1)], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const item = () => h.engine.snapshot().items[0]!;
    const run = await h.client.runExtraction(h.target.sessionId);
    expect(run.config_hash).toMatch(/^[0-9a-f]{64}$/);
    h.engine.refreshDocuments(h.target.sessionId);
    await untilTrue(() => parsingStatuses(item()).includes('failed'), 20_000, 'the parse to fail');
    expect(parsingHashes(item())).toEqual([expect.stringMatching(/^cfg_[0-9a-f]{16}$/)]);
    expect((await h.client.listResults(h.target.sessionId))[0]!.config_hash).toMatch(/^cfg_[0-9a-f]{16}$/);
    // Neither the parsing nor the results name a hash the API's reparse takes: nothing is sent, the words say what to do.
    await expect(h.engine.reparse(item().id)).rejects.toThrow(/Choose Run extraction/);
    expect(h.emu.inspect().requests.filter((r) => r.path.endsWith('/reparse'))).toEqual([]);
    // The app hands the engine the run's answer: its 64-hex hash is the session's, and the reparse reaches ready.
    h.emu.setParsing({ stepMs: 50, failRate: 0 });
    h.engine.refreshDocuments(h.target.sessionId, run.config_hash);
    await h.engine.reparse(item().id);
    await untilTrue(() => parsingStatuses(item()).includes('ready'), 20_000, 'the reparse');
    expect(item().state.status).toBe('done');
  });

  it('a document whose status stays uploaded: its ready parsing ends the watch, and the row reads parsed', async () => {
    h = await harness({ variants: ['document-status-stays-uploaded'], parsing: { stepMs: 50, autoParse: false } }, {}, { fakeTime: true });
    await h.engine.add([h.makeFiles(1)], h.target);
    await within(h.engine.whenIdle(), 20_000, 'idle');
    const item = () => h.engine.snapshot().items[0]!;
    const run = await h.client.runExtraction(h.target.sessionId);
    h.engine.refreshDocuments(h.target.sessionId, run.config_hash);
    await untilTrue(() => parsingStatuses(item()).includes('ready'), 20_000, 'the parse');
    const s = item().state;
    expect(s).toMatchObject({ status: 'done', documentStatus: 'uploaded' });
    if (s.status !== 'done') throw new Error('not done');
    expect(parseTrack(s.documentStatus, s.parsings, s.configHash)).toBe('parsed');
    // Nothing is under way any more: the session is not polled again (the poll interval tops out at 400 ms; a minute of
    // the engine's fake time is 150 intervals).
    const polls = () => h.emu.inspect().requests.filter((r) => r.method === 'GET' && r.path === `/extractions/sessions/${h.target.sessionId}/documents`).length;
    await untilTrue(() => h.callsInFlight() === 0, 5_000, 'the last poll to land');
    const settled = polls();
    const calls = h.calls.length;
    await h.clock!.advance(60_000);
    await untilTrue(() => h.callsInFlight() === 0, 5_000, 'calls to land');
    expect(polls()).toBe(settled);
    expect(h.calls.slice(calls)).toEqual([]);
  });

  it('a reparse listed beside the old failed parsing (same config_hash) reads as the newest one, ready', async () => {
    h = await harness();
    const folder = h.makeFiles(1);
    h.emu.setParsing({ stepMs: 50, failRate: 1 });
    type P = { id: string; config_hash: string | null; status: string; updated_at: string | null };
    let oldFailed: P | null = null;
    let reparsed = false;
    let listedBeside = 0;
    // A server that keeps the failed parsing and adds the reparse as a new one (the emulator re-runs it in place).
    const keeping = new Proxy(h.client, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        const fn = v as (...a: unknown[]) => Promise<unknown>;
        if (prop === 'reparseDocument') {
          return async (...args: unknown[]) => {
            const r = await fn.apply(target, args);
            reparsed = true;
            return r;
          };
        }
        if (prop !== 'listSessionDocuments') return fn.bind(target);
        return async (...args: unknown[]) => {
          const docs = (await fn.apply(target, args)) as Array<{ parsings: P[] }>;
          return docs.map((d) => {
            if (!reparsed) {
              oldFailed ??= d.parsings.find((p) => p.status === 'failed') ?? null;
              return d;
            }
            if (!oldFailed) return d;
            listedBeside++;
            return { ...d, parsings: [{ ...oldFailed, id: `old-${oldFailed.id}`, updated_at: '2000-01-01T00:00:00.000Z' }, ...d.parsings] };
          });
        };
      },
    });
    const e = h.newEngine({ client: keeping, journalDir: `${h.journalDir}-keeping` });
    await e.add([folder], h.target);
    await within(e.whenIdle(), 20_000, 'idle');
    const run = await h.client.runExtraction(h.target.sessionId);
    e.refreshDocuments(h.target.sessionId, run.config_hash);
    const item = () => e.snapshot().items[0]!;
    await untilTrue(() => parsingStatuses(item()).includes('failed'), 20_000, 'the parse to fail');
    h.emu.setParsing({ stepMs: 50, failRate: 0 });
    await e.reparse(item().id);
    await untilTrue(() => parsingStatuses(item()).includes('ready'), 20_000, 'the reparse');
    expect(listedBeside).toBeGreaterThan(0);
    expect(item().state.status).toBe('done');
    expect(parsingStatuses(item())).toEqual(['failed', 'ready']);
  });

  it('an unreadable API answer (invalid-response) fails the item at once, naming the file; no retries', async () => {
    h = await harness();
    const folder = h.makeFiles(1);
    let calls = 0;
    const garbled = new Proxy(h.client, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        if (prop !== 'signedStorageUrl') return (v as (...a: unknown[]) => unknown).bind(target);
        return async () => {
          calls++;
          throw new ApiError({ code: 'invalid-response', status: 200, request: { method: 'POST', path: '/vapor/signed-storage-url' }, detail: 'the body is not JSON' });
        };
      },
    });
    const e = h.newEngine({ client: garbled, journalDir: `${h.journalDir}-garbled` });
    await e.add([folder], h.target);
    await within(e.whenIdle(), 20_000, 'idle');
    const item = e.snapshot().items[0]!;
    expect(item.state).toMatchObject({ status: 'failed', step: 'uploading', error: { code: 'invalid-response' } });
    expect(item.state.status === 'failed' && item.state.error.message).toMatch(/^file-0000\.pdf: .*does not understand.*the body is not JSON/);
    expect(calls).toBe(1);
  });

  /** A client whose `method` answers with another sha256 than the server stored, `times` times (then truthfully). */
  const lyingClient = (method: 'uploadSessionDocuments' | 'attachSessionDocuments', times: number) => {
    let lies = 0;
    return new Proxy(h.client, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== method || typeof v !== 'function') return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        return async (...args: unknown[]) => {
          const docs = (await (v as (...a: unknown[]) => Promise<Array<{ sha256: string }>>).apply(target, args)) ?? [];
          return lies++ < times ? docs.map((d) => ({ ...d, sha256: 'f'.repeat(64) })) : docs;
        };
      },
    });
  };

  it('other content attached than was hashed: it is detached, never left behind; a file that keeps disagreeing fails', async () => {
    h = await harness();
    const e = h.newEngine({ client: lyingClient('uploadSessionDocuments', Infinity), journalDir: `${h.journalDir}-lying`, keepFileNames: false });
    await e.add([h.makeFiles(1)], h.target);
    await within(e.whenIdle(), 20_000, 'idle');
    const item = e.snapshot().items[0]!;
    expect(item.state).toMatchObject({ status: 'failed', step: 'attaching', error: { code: 'hash-mismatch' } });
    expect(item.state.status === 'failed' && item.state.error.message).toMatch(/^file-0000\.pdf: .*sha256/);
    // Every wrong attach was undone, and said so.
    expect(await h.client.listSessionDocuments(h.target.sessionId)).toEqual([]);
    expect(h.events.filter((ev) => ev.type === 'notice' && ev.code === 'wrong-content-detached').length).toBeGreaterThan(0);
  });

  it('other content attached once (two-call path): detached first, uploaded again, and the session ends with one right document', async () => {
    h = await harness();
    const e = h.newEngine({ client: lyingClient('attachSessionDocuments', 1), journalDir: `${h.journalDir}-lying-once` });
    await e.add([h.makeFiles(1)], h.target);
    await within(e.whenIdle(), 20_000, 'idle');
    const item = e.snapshot().items[0]!;
    // The first upload's bytes were right (only the answer lied), so the workspace reuses them on the second create.
    expect(item.state).toMatchObject({ status: 'done', outcome: 'reused' });
    const docs = await h.client.listSessionDocuments(h.target.sessionId);
    expect(docs.map((d) => d.sha256)).toEqual([item.state.status === 'done' ? item.state.sha256 : '']);
    expect(h.emu.inspect().requests.filter((r) => r.method === 'DELETE' && r.path.includes('/documents/'))).toHaveLength(1);
  });

  it('a stalled PUT is aborted after the stall timeout and retried, not failed', async () => {
    h = await harness({}, { stallTimeoutMs: 400 });
    const folder = h.makeFiles(2);
    h.emu.setFaults({ stallRate: 1, stallMs: 5000, routes: ['/s3/'] });
    await h.engine.add([folder], h.target);
    await until(h, () => h.engine.snapshot().items.some((i) => i.state.status === 'waiting'), 10_000, 'a stalled upload to back off');
    const waiting = h.engine.snapshot().items.find((i) => i.state.status === 'waiting')!;
    expect(waiting.state).toMatchObject({ status: 'waiting', step: 'uploading', reason: 'retry-backoff', message: expect.stringMatching(/no progress/) });
    h.emu.setFaults({});
    await within(h.engine.whenIdle(), 20_000, 'idle');
    expect(statuses(h.engine.snapshot().items)).toEqual(['done', 'done']);
  });

  it('a refused attach batch is retried key by key, so one bad key fails only its own file', async () => {
    h = await harness({}, { attachWindowMs: 300 });
    const folder = h.makeFiles(3);
    let badKey: string | null = null;
    let largest = 0;
    const picky = new Proxy(h.client, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== 'uploadSessionDocuments' || typeof v !== 'function') return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        return async (sessionId: string, keys: string[]) => {
          badKey ??= keys[0]!;
          largest = Math.max(largest, keys.length);
          if (keys.includes(badKey)) throw new ApiError({ code: 'validation', status: 422, request: { method: 'POST', path: '/x' }, serverMessage: 'The selected key is invalid.' });
          return (v as (s: string, k: string[]) => Promise<unknown>).call(target, sessionId, keys);
        };
      },
    });
    const e = h.newEngine({ client: picky, journalDir: `${h.journalDir}-picky`, keepFileNames: false });
    await e.add([folder], h.target);
    await within(e.whenIdle(), 20_000, 'idle');
    const st = e.snapshot().items.map((i) => i.state.status).sort();
    expect(st).toEqual(['done', 'done', 'failed']);
    expect(largest).toBeGreaterThan(1); // the refusal really hit a shared call
    const failed = e.snapshot().items.find((i) => i.state.status === 'failed')!;
    expect(failed.state.status === 'failed' && failed.state.error).toMatchObject({ code: 'validation', message: expect.stringContaining('The selected key is invalid.') });
  });

  it('hashing runs ahead: while one file uploads, the rest are already hashed and waiting for a slot', async () => {
    h = await harness({}, { concurrency: 1, bandwidthLimitBps: 256 * 1024 });
    const folder = h.makeFiles(4);
    for (const f of readdirSync(folder)) truncateSync(join(folder, f), 512 * 1024);
    await h.engine.add([folder], h.target);
    await until(h, () => h.engine.snapshot().items.filter((i) => i.state.status === 'queued' && i.state.sha256).length === 3, 10_000, 'three hashed while one uploads');
    expect(h.engine.snapshot().items.filter((i) => i.state.status === 'uploading')).toHaveLength(1);
    h.engine.setBandwidthLimit(0);
    await within(h.engine.whenIdle(), 20_000, 'idle');
  });
});
