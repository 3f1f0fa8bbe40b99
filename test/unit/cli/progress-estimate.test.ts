// The progress estimate on its own: files and bytes as one measure, never backwards without a real loss, no ETA
// before it means something or above 24 h, and the rate-limit wait in words.
import { describe, expect, it } from 'vitest';
import type { ItemState, QueueItem } from '../../../shared/queue';
import { createEstimator, ETA_MAX_SECONDS } from '../../../electron/cli/progress-estimate';
import { plainProgressLine, ttyProgressLines } from '../../../electron/cli/progress-lines';

const target: QueueItem['target'] = { kind: 'session', workspaceId: 1, sessionId: 'S', sessionName: 'S' };
function item(id: string, size: number, state: ItemState): QueueItem {
  return { id, path: `/d/${id}.pdf`, name: `${id}.pdf`, size, format: 'pdf', target, batchId: 'b', addedAt: 0, state };
}
const done: ItemState = { status: 'done', sessionId: 'S', documentId: 'D', sha256: 'h', outcome: 'uploaded', documentStatus: 'uploaded', parsings: [] } as unknown as ItemState;
const failed: ItemState = { status: 'failed', step: 'attaching', error: { code: 'server', message: 'x' }, documentId: null, sessionId: null } as unknown as ItemState;
const uploading = (bytesSent: number): ItemState => ({ status: 'uploading', sha256: 'h', bytesSent, attempt: 1 });
const waiting: ItemState = { status: 'waiting', step: 'uploading', reason: 'server', retryAt: null, attempt: 2, message: 'the server answered 503; retrying in 4 s' } as unknown as ItemState;

describe('progress estimate', () => {
  it('300 small files finishing move the bar while one large file is still at 0', () => {
    let t = 0;
    const est = createEstimator(() => t);
    const small = Array.from({ length: 300 }, (_, i) => item(`s${i}`, 10_000, { status: 'queued' }));
    const large = item('big', 300 * 1024 * 1024, { status: 'queued' });
    est.view([...small, large], null, null);
    t = 60_000;
    const v = est.view([...small.slice(0, 252).map((s) => ({ ...s, state: done })), ...small.slice(252), large], null, null);
    expect(v.settled).toBe(252);
    expect(v.ratio!).toBeGreaterThan(0.2);
    expect(v.etaSeconds).not.toBeNull();
    expect(v.etaSeconds!).toBeLessThan(ETA_MAX_SECONDS);
    expect(ttyProgressLines(v, 100, 4)[0]).toMatch(/252\/301 files · /);
  });

  it('never goes backwards when a file fails or an upload starts over, and shows no ETA early or above 24 h', () => {
    let t = 0;
    const est = createEstimator(() => t);
    const a = item('a', 1000, uploading(0));
    const b = item('b', 1000, uploading(0));
    expect(est.view([a, b], null, null).etaSeconds).toBeNull();
    t = 1000;
    const v1 = est.view([{ ...a, state: uploading(900) }, { ...b, state: uploading(500) }], null, null);
    expect(v1.etaSeconds).toBeNull(); // too early
    t = 2000;
    const v2 = est.view([{ ...a, state: failed }, { ...b, state: waiting }], null, null);
    expect(v2.ratio!).toBeGreaterThanOrEqual(v1.ratio!);
    expect(v2.bytesDone).toBeGreaterThanOrEqual(v1.bytesDone);
    t = 3000;
    const v3 = est.view([{ ...a, state: failed }, { ...b, state: uploading(100) }], null, null);
    expect(v3.ratio!).toBeGreaterThanOrEqual(v2.ratio!);

    // A crawl: 1% of a huge push in a day would be an ETA of months; none is shown.
    let u = 0;
    const slow = createEstimator(() => u);
    const huge = item('h', 10 * 1024 ** 3, uploading(0));
    slow.view([huge], null, null);
    u = 3600_000;
    expect(slow.view([{ ...huge, state: uploading(200 * 1024 ** 2) }], null, null).etaSeconds).toBeNull();
  });

  it('says when it waits for the rate limit, and why a row waits', () => {
    const est = createEstimator(() => 0);
    const v = est.view([item('a', 10, waiting)], null, 12_000);
    expect(plainProgressLine(v)).toContain('waiting for the API rate limit (12 s)');
    const lines = ttyProgressLines(v, 120, 4);
    expect(lines).toContain('  waiting for the API rate limit (12 s)');
    expect(lines.some((l) => /a\.pdf\s+waiting: the server answered 503/.test(l))).toBe(true);
  });

  it('the offline line uses the CLI\'s words and is wrapped, never cut off', () => {
    const est = createEstimator(() => 0);
    const message = 'Could not reach Raydocs. Check the internet connection, VPN or proxy settings; the app retries when the connection is back.';
    const v = { ...est.view([item('a', 10, { status: 'queued' })], null, null), connectivity: { state: 'offline' as const, since: 0, nextProbeAt: null, message } };
    const lines = ttyProgressLines(v, 60, 4);
    const text = lines.slice(2).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('offline: Could not reach Raydocs. Check the internet connection, VPN or proxy settings; raydocs-upload retries when the connection is back.');
    expect(text).not.toContain('the app');
    expect(lines.every((l) => [...l].length <= 59)).toBe(true);
    expect(text).not.toContain('…');
  });

  it('at 80 columns the figures and the ETA are whole, and a waiting row says all of why', () => {
    const v = {
      settled: 252,
      total: 309,
      failed: 0,
      bytesDone: 41.2 * 1024 ** 2,
      bytesTotal: 338 * 1024 ** 2,
      speedBps: 6.1 * 1024 ** 2,
      etaSeconds: 51,
      ratio: 0.34,
      connectivity: { state: 'online' as const },
      active: [item('scan-0042-a-rather-long-file-name', 10, waiting)],
      byStatus: [['waiting', 1]] as Array<[string, number]>,
    };
    const lines = ttyProgressLines(v, 80, 4);
    expect(lines[0]).toMatch(/^\[#+\.+\]\s+34%\s+252\/309 files · 41 MiB\/338 MiB {2}6\.1 MiB\/s {2}ETA 51s$/);
    expect(lines.every((l) => [...l].length <= 79)).toBe(true);
    const rows = lines.slice(2).join(' ').replace(/\s+/g, ' ');
    expect(rows).toContain('waiting: the server answered 503; retrying in 4 s');
    expect(rows).not.toContain('…waiting');
  });
});
