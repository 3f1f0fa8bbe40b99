// What a queue row says for each item state, and which actions it offers.
import { describe, expect, it } from 'vitest';
import { describeItem, formatBadge, parsingWords } from '../../../renderer/src/composables/item-view';
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
      describeItem(makeItem('a', { status: 'failed', step: 'parsing', error: { code: 'parse-failed', message }, documentId: 'd', sessionId: 's', sha256: 'h' }));
    expect(failed('a.pdf: raydocs could not parse it.').detail).toBe('Raydocs could not parse it.');
    expect(failed('b.pdf: another file').detail).toBe('b.pdf: another file');
  });
  it('offers reparse for a failed parse', () => {
    const v = describeItem(
      makeItem('a', { status: 'failed', step: 'parsing', error: { code: 'parse-failed', message: 'x' }, documentId: 'd', sessionId: 's', sha256: 'h' }),
    );
    expect(v.label).toBe('Parse failed');
    expect(v.actions[0]).toBe('reparse');
  });
  it('says why an item waits, with the retry time', () => {
    const v = describeItem(makeItem('a', { status: 'waiting', step: 'uploading', reason: 'rate-limited', retryAt: 11_000, attempt: 2, message: '' }), 1_000);
    expect(v.label).toBe('Slowed down by Raydocs — retrying in 10 s');
    const offline = describeItem(makeItem('a', { status: 'waiting', step: 'uploading', reason: 'offline', retryAt: null, attempt: 1, message: 'Could not reach Raydocs…' }));
    expect(offline).toMatchObject({ icon: 'cloud-off', detail: 'Resumes when the connection is back.' });
  });
  it('shows the parsing status after attach and when done', () => {
    expect(describeItem(makeItem('a', { status: 'parsing', sha256: 's', sessionId: 'x', documentId: 'd', documentStatus: 'processing', parsings: [] })).detail).toBe('Parsing');
    const done = describeItem(
      makeItem('a', { status: 'done', sha256: 's', sessionId: 'x', documentId: 'd', outcome: 'already-in-session', documentStatus: 'processed', parsings: [{ id: 'p', status: 'ready', configHash: null }] }),
    );
    expect(done).toMatchObject({ label: 'Already in the session', detail: 'Parsed', tone: 'success' });
  });
  it('reads unknown parsing statuses as in progress', () => {
    expect(parsingWords('mystery', [])).toBe('Parsing');
    expect(parsingWords('processed', [{ id: 'p', status: 'failed', configHash: null }])).toBe('Parse failed');
  });
  it('labels formats', () => {
    expect(formatBadge({ format: 'jpeg' })).toBe('JPG');
    expect(formatBadge({ format: 'pdf' })).toBe('PDF');
  });
});
