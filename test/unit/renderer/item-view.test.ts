// What a queue row says for each item state, and which actions it offers.
import { describe, expect, it } from 'vitest';
import { describeItem, formatBadge } from '../../../renderer/src/composables/item-view';
import { makeItem } from './fake-bridge';

describe('describeItem', () => {
  it('shows upload progress and offers pause and cancel', () => {
    const v = describeItem(makeItem('a', { status: 'uploading', sha256: 's', bytesSent: 250, attempt: 1 }));
    expect(v).toMatchObject({ label: 'Uploading', progress: 25, tone: 'active' });
    expect(v.actions).toEqual(['pause', 'cancel', 'reveal']);
  });
  it('shows the error reason and retry when failed before the server had the file', () => {
    const v = describeItem(
      makeItem('a', { status: 'failed', step: 'uploading', error: { code: 'forbidden', message: 'The token lacks sessions-write.' }, documentId: null, sessionId: null, sha256: null }),
    );
    expect(v.label).toBe('Failed');
    expect(v.detail).toBe('The token lacks sessions-write.');
    expect(v.actions).toContain('retry');
  });
  it('does not repeat the file name the row already shows', () => {
    const failed = (message: string) =>
      describeItem(makeItem('a', { status: 'failed', step: 'attaching', error: { code: 'validation', message }, documentId: null, sessionId: null, sha256: 'h' }));
    expect(failed('a.pdf: raydocs refused the key.').detail).toBe('Raydocs refused the key.');
    expect(failed('b.pdf: another file').detail).toBe('b.pdf: another file');
  });
  it('a failed parse is a stored document with its own look and reparse, never a failed upload', () => {
    const v = describeItem(
      makeItem('a', { status: 'done', sha256: 'h', sessionId: 's', documentId: 'd', outcome: 'uploaded', documentStatus: 'failed', parsings: [{ id: 'p', status: 'failed', configHash: 'c'.repeat(64) }] }),
    );
    expect(v).toMatchObject({ label: 'Stored in Invoices', detail: 'Parse failed', tone: 'warning' });
    expect(v.actions[0]).toBe('reparse');
    expect(v.actions).not.toContain('retry');
  });
  it('says why an item waits, with the retry time', () => {
    const v = describeItem(makeItem('a', { status: 'waiting', step: 'uploading', reason: 'rate-limited', retryAt: 11_000, attempt: 2, message: '' }), 1_000);
    expect(v.label).toBe('Slowed down by Raydocs: next try in 10 s');
    const backoff = describeItem(makeItem('a', { status: 'waiting', step: 'uploading', reason: 'retry-backoff', retryAt: 6_000, attempt: 3, attempts: 12, message: '' }), 1_000);
    expect(backoff.label).toBe('Will retry in 5 s (attempt 3 of 12)');
    const offline = describeItem(makeItem('a', { status: 'waiting', step: 'uploading', reason: 'offline', retryAt: null, attempt: 1, message: 'Could not reach Raydocs…' }));
    expect(offline).toMatchObject({ icon: 'cloud-off', detail: 'Resumes when the connection is back.' });
  });
  it('says where a done item is stored, with its parse beside it only once one exists', () => {
    const stored = (parsings: Array<{ id: string; status: string; configHash: string | null }>, documentStatus = 'uploaded') =>
      describeItem(makeItem('a', { status: 'done', sha256: 's', sessionId: 'x', documentId: 'd', outcome: 'uploaded', documentStatus, parsings }));
    expect(stored([])).toMatchObject({ label: 'Stored in Invoices', detail: '', tone: 'success' });
    expect(stored([{ id: 'p', status: 'queued', configHash: null }]).detail).toBe('Waiting to parse');
    expect(stored([{ id: 'p', status: 'processing', configHash: null }], 'processing').detail).toBe('Parsing');
    expect(stored([{ id: 'p', status: 'mystery', configHash: null }]).detail).toBe('Parsing');
    const done = describeItem(
      makeItem('a', { status: 'done', sha256: 's', sessionId: 'x', documentId: 'd', outcome: 'already-in-session', documentStatus: 'processed', parsings: [{ id: 'p', status: 'ready', configHash: null }] }),
    );
    expect(done).toMatchObject({ label: 'Already in Invoices', detail: 'Parsed', tone: 'success' });
    const inWorkspace = (outcome: 'reused' | 'already-in-workspace') =>
      describeItem(makeItem('a', { status: 'done', sha256: 's', sessionId: 'x', documentId: 'd', outcome, documentStatus: 'uploaded', parsings: [] }), 0, 'Acme Finance').label;
    expect(inWorkspace('already-in-workspace')).toBe('Already in Acme Finance: attached without uploading');
    expect(inWorkspace('reused')).toBe('Stored in Invoices (already in Acme Finance)');
  });
  it('a paused row says what Resume finishes, never an engine step', () => {
    const paused = (step: 'queued' | 'hashing' | 'uploading' | 'attaching') => describeItem(makeItem('a', { status: 'paused', step })).detail;
    expect(paused('queued')).toBe('');
    expect(paused('uploading')).toBe('Resume to finish the upload');
    expect(paused('attaching')).toBe('Resume to add it to the session');
    expect(paused('hashing')).not.toMatch(/resumes at|hashing/);
  });
  it('labels formats', () => {
    expect(formatBadge({ format: 'jpeg' })).toBe('JPG');
    expect(formatBadge({ format: 'pdf' })).toBe('PDF');
  });
});
