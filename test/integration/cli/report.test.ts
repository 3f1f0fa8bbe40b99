// The push report and progress text: which bucket each item state lands in, and what the table says.
import { describe, expect, it } from 'vitest';
import { buildPushReport, isSettled, otherWork } from '../../../electron/cli/push-report';
import { formatReport, otherWorkLine } from '../../../electron/cli/push-output';
import { plainProgressLine, progressView, ttyProgressLines } from '../../../electron/cli/progress-lines';
import { printable } from '../../../electron/cli/terminal-text';
import type { ItemState, QueueItem, Target } from '../../../shared/queue';

const target = { kind: 'session', workspaceId: 1, sessionId: 'S1', sessionName: 'Q3' } as const;
const perFile: Target = { kind: 'session-per-file', workspaceId: 1, templateId: 'T1', templateName: 'Invoices', autoExtract: true };
function item(name: string, state: ItemState, size = 1000, on: Target = target): QueueItem {
  return { id: name, path: `/docs/${name}`, name, size, format: 'pdf', target: on, batchId: 'b', addedAt: 0, state };
}
const gone = (name: string): ItemState => ({
  status: 'failed',
  step: 'checking',
  error: { code: 'session-gone', message: `${name}: the session no longer exists, or this token cannot see it (404 on GET /extractions/sessions/S1/documents)` },
  documentId: null,
  sessionId: null,
  sha256: null,
});
const doneUploaded: ItemState = { status: 'done', sha256: 'a', sessionId: 'S1', documentId: 'D1', outcome: 'uploaded', documentStatus: 'processed', parsings: [] };
const doneThere: ItemState = { ...doneUploaded, outcome: 'already-in-session', documentId: 'D2' };
const storedParsing: ItemState = { ...doneUploaded, sha256: 'c', documentId: 'D3', documentStatus: 'uploaded', parsings: [{ id: 'P', status: 'processing', configHash: null }] };
const failed: ItemState = { status: 'failed', step: 'attaching', error: { code: 'validation', message: 'b.pdf: unsupported format' }, documentId: null, sessionId: null, sha256: 'd' };
const uploading: ItemState = { status: 'uploading', sha256: 'e', bytesSent: 500, attempt: 1 };

describe('push report', () => {
  it('sorts items into uploaded / already there / failed / pending', () => {
    const r = buildPushReport(
      [item('a.pdf', doneUploaded), item('x.pdf', doneThere), item('p.pdf', storedParsing), item('b.pdf', failed), item('u.pdf', uploading)],
      { refused: [{ path: '/docs/evil.pdf', code: 'content-mismatch', reason: 'This is a Windows program, not a PDF (it starts with MZ)' }], skipped: 2, duplicates: 1 },
    );
    expect(r.uploaded.map((f) => f.path)).toEqual(['/docs/a.pdf', '/docs/p.pdf']);
    expect(r.uploaded[0]).toEqual({ path: '/docs/a.pdf', sessionId: 'S1', documentId: 'D1', sha256: 'a' });
    expect(r.alreadyThere.map((f) => f.documentId)).toEqual(['D2']);
    expect(r.failed).toEqual([{ path: '/docs/b.pdf', step: 'attaching', code: 'validation', message: 'b.pdf: unsupported format' }]);
    expect(r.pending).toEqual([{ path: '/docs/u.pdf', status: 'uploading', message: null }]);

    const text = formatReport(r, 'Session S1 "Q3"');
    expect(text).toMatch(/uploaded\s+2/);
    expect(text).toMatch(/already there\s+1/);
    expect(text).toMatch(/refused\s+1/);
    expect(text).toMatch(/failed\s+1/);
    expect(text).toMatch(/not finished\s+1/);
    expect(text).toContain('/docs/evil.pdf  This is a Windows program, not a PDF (it starts with MZ)');
    expect(text).toContain('2 junk/hidden files skipped');
  });

  it('settles once stored (a parse under way holds nothing), failed or cancelled; never while work is left', () => {
    expect(isSettled(storedParsing)).toBe(true);
    expect(isSettled({ status: 'cancelled' })).toBe(true);
    expect(isSettled({ status: 'waiting', step: 'attaching', reason: 'retry-backoff', retryAt: null, attempt: 1, message: '' })).toBe(false);
    expect(isSettled({ status: 'waiting', step: 'uploading', reason: 'offline', retryAt: null, attempt: 1, message: '' })).toBe(false);
    expect(isSettled({ status: 'attaching', sha256: 'e', key: 'tmp/k' })).toBe(false);
    expect(isSettled(uploading)).toBe(false);
    expect(isSettled(failed)).toBe(true);
  });

  it('renders progress without escape codes for pipes, and bars for a TTY', () => {
    const v = progressView([item('a.pdf', doneUploaded), item('u.pdf', uploading)], null);
    expect(v).toMatchObject({ settled: 1, total: 2, bytesDone: 1500, bytesTotal: 2000 });
    const line = plainProgressLine(v);
    expect(line).toMatch(/^progress: 1\/2 files, 1\.5 KiB\/2\.0 KiB \(75%\)/);
    expect(line).not.toMatch(/\x1b/);
    const lines = ttyProgressLines(v, 100, 4);
    // Files and bytes together on the first line; the states on the second.
    expect(lines[0]).toMatch(/\[#+\.+\]\s+75%\s+1\/2 files · 1\.5 KiB\/2\.0 KiB/);
    expect(lines[1]).toMatch(/^\s+1 uploading · 1 done$/);
    expect(lines[2]).toMatch(/u\.pdf.*\[#+\.+\]/);
    expect(line).toContain('[1 uploading · 1 done]');
  });

  it('a refused session is one line, not one per file; per-file sessions are listed, made now or already there', () => {
    const r = buildPushReport(
      [
        item('a.pdf', gone('a.pdf')),
        item('b.pdf', gone('b.pdf')),
        item('c.pdf', failed),
        item('n.pdf', { ...doneUploaded, sessionId: 'P1' }, 1000, perFile),
        item('o.pdf', { ...doneThere, sessionId: 'P0' }, 1000, perFile),
      ],
      { refused: [], skipped: 0, duplicates: 0 },
    );
    expect(r.failed).toHaveLength(3);
    expect(r.targetFailures).toEqual([{ target, code: 'session-gone', message: 'the session no longer exists, or this token cannot see it (404 on GET /extractions/sessions/S1/documents)', files: 2 }]);
    expect(r.perFileSessions).toEqual([
      { path: '/docs/n.pdf', name: 'n.pdf', sessionId: 'P1', created: true },
      { path: '/docs/o.pdf', name: 'o.pdf', sessionId: 'P0', created: false },
    ]);
    const text = formatReport(r, 'Unfinished uploads');
    expect(text.split('\n').filter((l) => l.includes('no longer exists'))).toEqual([
      'Session S1 "Q3": the session no longer exists, or this token cannot see it (404 on GET /extractions/sessions/S1/documents); 2 files not uploaded',
    ]);
    expect(text).toMatch(/^Failed:\nFILE\s+STEP\s+REASON\n[- ]+\n\/docs\/c\.pdf\s+attaching\s+b\.pdf: unsupported format\n$/m);
    expect(text).toMatch(/Sessions created \(one per file, each named after its file\):\nNAME\s+SESSION\n[- ]+\nn\.pdf\s+P1\n/);
    expect(text).toMatch(/Already in a session \(not uploaded again\):\n.*\n.*\n\/docs\/o\.pdf\s+already in session P0\n/);
  });

  it('other targets’ unfinished work is one line; settled items are not counted', () => {
    const other: Target = { ...target, sessionId: 'S2' };
    const held = [item('a.pdf', uploading, 1, other), item('b.pdf', { status: 'queued' }, 1, target), item('c.pdf', doneUploaded, 1, other), item('d.pdf', { status: 'queued' }, 1, perFile)];
    expect(otherWork(held)).toEqual({ items: 3, sessions: 2, templates: 1 });
    expect(otherWorkLine(otherWork(held))).toBe('3 unfinished uploads for 2 other sessions and 1 other one-session-per-file template: run `raydocs-upload resume`');
    expect(otherWorkLine(otherWork([item('a.pdf', uploading, 1, other)]))).toBe('1 unfinished upload for 1 other session: run `raydocs-upload resume`');
    expect(otherWorkLine(otherWork([]))).toBeNull();
  });

  it('prints file names and server text without their control characters', () => {
    expect(printable('a\x1b[2Jb\r\n\u009b31m\u202ecod.pdf')).toBe('a?[2Jb???31m?cod.pdf');
    const evil = item('x\x1b]0;pwned\x07.pdf', failed);
    const text = formatReport(buildPushReport([evil], { refused: [{ path: '/docs/\x1b[31mred.pdf', code: 'empty', reason: 'This file is empty' }], skipped: 0, duplicates: 0 }), 'Session S1 "\x1b[5mQ3"');
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(text).toContain('/docs/?[31mred.pdf');
    const lines = ttyProgressLines(progressView([item('y\x1b[2K.pdf', uploading)], null), 100, 4);
    expect(lines.join('\n')).not.toMatch(/\x1b/);
  });
});
