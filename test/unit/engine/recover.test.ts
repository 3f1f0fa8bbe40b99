// Crash recovery decisions (unit level): a journal cut at any point resumes each item at the right step.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../../electron/core/engine/journal';
import { recover, type PersistedWork } from '../../../electron/core/engine/work';
import type { ItemState, ItemStep } from '../../../shared/queue';

const root = mkdtempSync(join(tmpdir(), 'recover-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SHA = 'a'.repeat(64);
function rec(state: ItemState, next: ItemStep, extra: Partial<PersistedWork> = {}): PersistedWork {
  return {
    item: { id: 'i', path: '/f.pdf', name: 'f.pdf', size: 10, format: 'pdf', target: { kind: 'session', workspaceId: 1, sessionId: 's', sessionName: 'S' }, batchId: 'b', addedAt: 0, state },
    realPath: '/f.pdf',
    next,
    sha256: null,
    hashedSize: null,
    hashedMtimeMs: null,
    key: null,
    sessionId: 's',
    documentId: null,
    documentStatus: '',
    parsings: [],
    verifyBeforeAttach: false,
    ...extra,
  };
}

describe('recover', () => {
  it('mid-hash: hash again from the start', () => {
    const w = recover(rec({ status: 'hashing', bytesHashed: 5 }, 'hashing'));
    expect(w.next).toBe('hashing');
    expect(w.item.state).toEqual({ status: 'queued' });
  });

  it('mid-upload (no key yet): check the session again, then upload', () => {
    const w = recover(rec({ status: 'uploading', sha256: SHA, bytesSent: 3, attempt: 1 }, 'uploading', { sha256: SHA, hashedSize: 10, hashedMtimeMs: 1 }));
    expect(w.next).toBe('checking');
    expect(w.item.state).toEqual({ status: 'queued', sha256: SHA });
  });

  it('uploaded or mid-attach: attach, but only after looking whether the session already holds it', () => {
    for (const state of [{ status: 'attaching', sha256: SHA, key: 'tmp/k' } as const, { status: 'waiting', step: 'attaching', reason: 'retry-backoff', retryAt: 1, attempt: 2, message: 'x' } as const]) {
      const w = recover(rec(state, 'attaching', { sha256: SHA, key: 'tmp/k' }));
      expect(w.next).toBe('attaching');
      expect(w.verifyBeforeAttach).toBe(true);
      expect(w.item.state).toEqual({ status: 'attaching', sha256: SHA, key: 'tmp/k' });
    }
  });

  it('a journal of the version that kept items in parsing opens: those items, and failed parses, are stored (done)', () => {
    const legacy = (state: unknown, next: string, extra: Partial<PersistedWork>): PersistedWork => rec(state as ItemState, next as ItemStep, extra);
    const parsing = recover(legacy({ status: 'parsing', sha256: SHA, sessionId: 's', documentId: 'd', documentStatus: 'processing', parsings: [] }, 'parsing', { sha256: SHA, documentId: 'd', sessionId: 's' }));
    expect(parsing.item.state).toEqual({ status: 'done', sha256: SHA, sessionId: 's', documentId: 'd', outcome: 'uploaded', documentStatus: '', parsings: [] });
    expect(parsing.next).toBe('attaching');
    const waitingPoll = recover(legacy({ status: 'waiting', step: 'parsing', reason: 'offline', retryAt: null, attempt: 1, message: '' }, 'parsing', { sha256: SHA, documentId: 'd', sessionId: 's' }));
    expect(waitingPoll.item.state).toMatchObject({ status: 'done', documentId: 'd', sessionId: 's' });
    const parseFailed = { status: 'failed', step: 'parsing', error: { code: 'parse-failed', message: 'x' }, documentId: 'd', sessionId: 's', sha256: SHA };
    expect(recover(legacy(parseFailed, 'parsing', { sha256: SHA, documentId: 'd', sessionId: 's' })).item.state).toMatchObject({ status: 'done', outcome: 'uploaded' });
  });

  it('paused stays paused; finished stays finished', () => {
    expect(recover(rec({ status: 'paused', step: 'uploading' }, 'uploading', { sha256: SHA })).item.state).toEqual({ status: 'paused', step: 'checking' });
    const done: ItemState = { status: 'done', sha256: SHA, sessionId: 's', documentId: 'd', outcome: 'uploaded', documentStatus: 'processed', parsings: [] };
    expect(recover(rec(done, 'attaching')).item.state).toEqual(done);
  });

  it('a journal cut mid-line after any number of records replays to the last complete state', () => {
    const dir = join(root, 'cut');
    const j = openJournal<PersistedWork>(dir);
    j.put('i', rec({ status: 'queued' }, 'hashing'));
    j.put('i', rec({ status: 'queued', sha256: SHA }, 'checking', { sha256: SHA }));
    j.put('i', rec({ status: 'attaching', sha256: SHA, key: 'tmp/k' }, 'attaching', { sha256: SHA, key: 'tmp/k' }), true);
    j.close();
    appendFileSync(join(dir, 'queue.jsonl'), JSON.stringify({ t: 'put', id: 'i', v: rec({ status: 'done', sha256: SHA, sessionId: 's', documentId: 'd', outcome: 'uploaded', documentStatus: '', parsings: [] }, 'attaching') }).slice(0, 40));
    const j2 = openJournal<PersistedWork>(dir);
    const w = recover(j2.loaded.get('i')!);
    j2.close();
    expect(w.next).toBe('attaching');
    expect(w.key).toBe('tmp/k');
    expect(w.verifyBeforeAttach).toBe(true);
  });
});
