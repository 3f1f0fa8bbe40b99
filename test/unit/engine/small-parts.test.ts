// Pure helpers: rate limiter, speed smoothing, throttle, document verdicts, summary, junk names, zip listing.
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseUnderWay, reparseConfigHash, sessionHashForReparse } from '../../../electron/core/engine/doc-status';
import { ApiError } from '../../../electron/core/api/api-error';
import { createRateLimiter } from '../../../electron/core/api/rate-limiter';
import { createSpeedMeter, etaSeconds } from '../../../electron/core/engine/speed';
import { computeSummary } from '../../../electron/core/engine/summary';
import { throttle } from '../../../electron/core/engine/throttle';
import { isJunkName } from '../../../electron/core/intake/junk';
import { sniffFile } from '../../../electron/core/intake/sniff';
import { zipEntryNames } from '../../../electron/core/intake/zip-entries';
import type { QueueItem } from '../../../shared/queue';
import { fileBytes, zipBytes } from '../../fixtures/make-files';
import { createFakeClock } from '../../support/fake-clock';

const dir = mkdtempSync(join(tmpdir(), 'engine-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rate limiter', () => {
  it('lets `count` calls through per window, then waits for the window to slide', async () => {
    vi.useFakeTimers();
    try {
      const lim = createRateLimiter({ count: 3, windowMs: 1000 }, () => Date.now());
      const done: number[] = [];
      for (let i = 0; i < 5; i++) void lim.acquire().then(() => done.push(i));
      await vi.advanceTimersByTimeAsync(10);
      expect(done).toEqual([0, 1, 2]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(done).toEqual([0, 1, 2, 3, 4]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('speed and ETA', () => {
  it('smooths bursts and estimates the time left', () => {
    const m = createSpeedMeter(1000);
    m.sample(0, 0);
    m.sample(1_000_000, 1000); // 1 MB/s
    expect(m.bps).toBeCloseTo(1_000_000, -3);
    m.sample(1_000_000, 2000); // a silent second pulls it down, not to zero
    expect(m.bps).toBeGreaterThan(200_000);
    expect(m.bps).toBeLessThan(1_000_000);
    expect(etaSeconds(3_000_000, 1_000_000)).toBe(3);
    expect(etaSeconds(10, 0)).toBeNull();
  });
});

describe('throttle', () => {
  it('coalesces a burst into leading and trailing calls', async () => {
    const clock = createFakeClock();
    const fn = vi.fn();
    const t = throttle(fn, 250, clock);
    for (let i = 0; i < 100; i++) t.trigger();
    await clock.advance(0);
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 100; i++) t.trigger();
    await clock.advance(249);
    expect(fn).toHaveBeenCalledTimes(1);
    await clock.advance(1);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe('document verdicts', () => {
  it('a parse is followed while queued or running, not when none exists or all ended; config hash needs 64 hex', () => {
    const p = (status: string) => ({ id: 'p', status, configHash: null });
    expect(parseUnderWay('uploaded', [p('queued')])).toBe(true);
    expect(parseUnderWay('uploaded', [])).toBe(false);
    expect(parseUnderWay('mystery', [])).toBe(true);
    expect(parseUnderWay('processed', [p('ready')])).toBe(false);
    expect(parseUnderWay('processed', [p('ready'), { id: 'q', status: 'processing', configHash: 'h' }])).toBe(true);
    expect(parseUnderWay('failed', [p('failed')])).toBe(false);
    const h64 = 'a'.repeat(64);
    expect(reparseConfigHash([{ id: 'p', status: 'failed', configHash: 'cfg_0123456789abcdef' }])).toBeNull();
    expect(reparseConfigHash([{ id: 'p', status: 'ready', configHash: 'b'.repeat(64) }, { id: 'q', status: 'failed', configHash: h64 }])).toBe(h64);
  });

  it("a document whose status stays uploaded is not followed once its parse ended", () => {
    expect(parseUnderWay('uploaded', [{ id: 'p', status: 'ready', configHash: 'cfg_0123456789abcdef' }])).toBe(false);
    expect(parseUnderWay('uploaded', [{ id: 'p', status: 'failed', configHash: null }])).toBe(false);
  });

  it("a reparse sends the session's 64-hex hash first, even for a document with no parsing or only cfg_ ones", () => {
    const h64 = 'a'.repeat(64);
    expect(reparseConfigHash([], h64)).toBe(h64);
    expect(reparseConfigHash([{ id: 'p', status: 'failed', configHash: 'cfg_0123456789abcdef' }], h64)).toBe(h64);
    expect(reparseConfigHash([{ id: 'p', status: 'failed', configHash: 'b'.repeat(64) }], h64)).toBe(h64);
    expect(reparseConfigHash([], 'cfg_0123456789abcdef')).toBeNull();
    expect(reparseConfigHash([], null)).toBeNull();
  });

  it("the session's hash: the known one when the API takes it, else the newest result's; a refused read keeps what is known", async () => {
    const h64 = 'a'.repeat(64);
    const g64 = 'b'.repeat(64);
    let reads = 0;
    const results = async () => {
      reads++;
      return [{ config_hash: g64, created_at: '2026-01-01T00:00:00Z' }];
    };
    expect(await sessionHashForReparse(h64, results)).toBe(h64);
    expect(reads).toBe(0);
    expect(await sessionHashForReparse('cfg_0123456789abcdef', results)).toBe(g64);
    expect(await sessionHashForReparse(null, async () => [])).toBeNull();
    const refused = new ApiError({ code: 'not-found', status: 404, request: { method: 'GET', path: '/x' } });
    expect(await sessionHashForReparse('cfg_0123456789abcdef', () => Promise.reject(refused))).toBe('cfg_0123456789abcdef');
    const down = new ApiError({ code: 'network', status: null, request: { method: 'GET', path: '/x' } });
    await expect(sessionHashForReparse(null, () => Promise.reject(down))).rejects.toBe(down);
  });
});

describe('summary', () => {
  it('counts states, bytes, and gives no ETA while offline', () => {
    const base = { path: '/x', name: 'x', format: 'pdf' as const, target: { kind: 'session' as const, workspaceId: 1, sessionId: 's', sessionName: 'S' }, batchId: 'b', addedAt: 0 };
    const items: QueueItem[] = [
      { ...base, id: '1', size: 100, state: { status: 'uploading', sha256: 'x', bytesSent: 40, attempt: 1 } },
      { ...base, id: '2', size: 100, state: { status: 'done', sha256: 'y', sessionId: 's', documentId: 'd', outcome: 'uploaded', documentStatus: 'processed', parsings: [] } },
      { ...base, id: '3', size: 100, state: { status: 'cancelled' } },
    ];
    const s = computeSummary(items, 30, { state: 'online' }, false);
    expect(s).toMatchObject({ total: 3, bytesDone: 140, bytesTotal: 200, etaSeconds: 2 });
    expect(s.counts).toMatchObject({ uploading: 1, done: 1, cancelled: 1, failed: 0 });
    expect(computeSummary(items, 30, { state: 'offline', since: 0, nextProbeAt: null, message: 'x' }, false).etaSeconds).toBeNull();
  });

  it('a cancelled file is not done; a stored file whose parse failed is stored and its bytes uploaded; upload failures count apart', () => {
    const base = { path: '/x', name: 'x', format: 'pdf' as const, target: { kind: 'session' as const, workspaceId: 1, sessionId: 's', sessionName: 'S' }, batchId: 'b', addedAt: 0 };
    const stored = { status: 'done' as const, sha256: 'y', sessionId: 's', documentId: 'd', outcome: 'uploaded' as const, parsings: [] };
    const error = { code: 'retries-exhausted' as const, message: 'x: lost' };
    const items: QueueItem[] = [
      { ...base, id: '1', size: 100, state: { ...stored, documentStatus: 'processed' } },
      { ...base, id: '2', size: 100, state: { ...stored, documentStatus: 'failed' } },
      { ...base, id: '3', size: 100, state: { status: 'cancelled' } },
      { ...base, id: '4', size: 100, state: { status: 'failed', step: 'uploading', error, documentId: null, sessionId: null, sha256: 'z' } },
      { ...base, id: '5', size: 100, state: { status: 'failed', step: 'attaching', error, documentId: null, sessionId: null, sha256: 'w' } },
      { ...base, id: '6', size: 100, state: { status: 'paused', step: 'queued' } },
    ];
    const s = computeSummary(items, 0, { state: 'online' }, false);
    expect(s.tally).toEqual({ stored: 2, documentProblems: 1, uploadFailed: 2, cancelled: 1, unfinished: 1 });
    // Both stored files and the one that failed after its PUT: 300 of the 500 bytes not cancelled.
    expect(s).toMatchObject({ bytesDone: 300, bytesTotal: 500 });
  });
});

describe('junk names', () => {
  it('skips OS clutter, lock files and hidden files only', () => {
    for (const n of ['.DS_Store', 'Thumbs.db', 'desktop.ini', '~$report.docx', '.hidden.pdf', '._a.pdf']) expect(isJunkName(n), n).toBe(true);
    for (const n of ['report.pdf', 'a~$b.pdf', 'Thumbs.db.pdf']) expect(isJunkName(n), n).toBe(false);
  });
});

describe('zip listing with bounded reads', () => {
  it('finds OOXML parts from the zip directory in a few bounded reads', async () => {
    // The end record and the directory take a handful of positioned reads, whatever the archive's size.
    const zip = zipBytes([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w/>']]);
    const path = join(dir, 'big.docx');
    writeFileSync(path, zip);
    const fh = await open(path, 'r');
    const read = vi.spyOn(fh, 'read');
    try {
      expect(await zipEntryNames(fh, zip.length)).toEqual(['[Content_Types].xml', 'word/document.xml']);
      expect(read.mock.calls.length).toBeLessThan(6);
    } finally {
      await fh.close();
    }
    expect(await sniffFile(path, 'docx')).toEqual({ ok: true, format: 'docx' });
  });

  it('reads only the head of a huge non-zip file', async () => {
    const path = join(dir, 'huge.pdf');
    const fd = openSync(path, 'w');
    writeSync(fd, 'MZ\u0090\u0000');
    ftruncateSync(fd, 2 * 1024 ** 3);
    closeSync(fd);
    const t0 = Date.now();
    expect(await sniffFile(path, 'pdf')).toEqual({ ok: false, code: 'content-mismatch', reason: 'This is a Windows program, not a PDF (it starts with MZ)' });
    expect(Date.now() - t0).toBeLessThan(500);
    expect(await sniffFile(join(dir, 'nope.pdf'), 'pdf')).toEqual({ ok: false, code: 'unreadable', reason: 'This file is no longer there: it was moved or deleted (file not found, ENOENT)' });
    writeFileSync(join(dir, 'x.pptx'), fileBytes('xlsx'));
    expect((await sniffFile(join(dir, 'x.pptx'), 'pptx')).ok).toBe(false);
  });
});
