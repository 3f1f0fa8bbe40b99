// Document verdicts after a reparse: only the newest parsing per config_hash counts, so a successful reparse is done.
import { describe, expect, it } from 'vitest';
import { judgeDocument, latestParsings } from '../../../electron/core/engine/doc-status';

const H = 'a'.repeat(64);
const G = 'b'.repeat(64);

describe('latest parsing per config_hash', () => {
  it('a ready reparse beside the old failed parsing makes the document done', () => {
    const doc = {
      id: 'd',
      status: 'processed',
      parsings: [
        { id: 'old', config_hash: H, status: 'failed', updated_at: '2026-01-01T10:00:00Z' },
        { id: 'new', config_hash: H, status: 'ready', updated_at: '2026-01-01T10:05:00Z' },
      ],
    };
    expect(judgeDocument(doc)).toEqual({ kind: 'done' });
  });

  it('goes by updated_at, not by list order', () => {
    const doc = {
      id: 'd',
      status: 'processed',
      parsings: [
        { id: 'new', config_hash: H, status: 'ready', updated_at: '2026-01-01T10:05:00Z' },
        { id: 'old', config_hash: H, status: 'failed', updated_at: '2026-01-01T10:00:00Z' },
      ],
    };
    expect(judgeDocument(doc)).toEqual({ kind: 'done' });
    // And the other way round: a reparse that failed after an earlier success is a failure.
    const reFailed = { ...doc, parsings: doc.parsings.map((p) => ({ ...p, status: p.id === 'new' ? 'failed' : 'ready' })) };
    expect(judgeDocument(reFailed)).toMatchObject({ kind: 'failed', reason: 'parsing failed' });
  });

  it('without times the later listed parsing wins; a reparse still running keeps the item working', () => {
    const parsings = [
      { id: 'old', config_hash: H, status: 'failed' },
      { id: 'new', config_hash: H, status: 'processing' },
    ];
    expect(latestParsings(parsings).map((p) => p.id)).toEqual(['new']);
    expect(judgeDocument({ id: 'd', status: 'processed', parsings })).toEqual({ kind: 'working' });
  });

  it('another config that failed still fails the document; parsings without a hash each count', () => {
    const failedOther = [
      { id: 'p1', config_hash: H, status: 'ready', updated_at: '2026-01-01T10:05:00Z' },
      { id: 'p2', config_hash: G, status: 'failed', updated_at: '2026-01-01T10:00:00Z' },
    ];
    expect(judgeDocument({ id: 'd', status: 'processed', parsings: failedOther }).kind).toBe('failed');
    const noHash = [
      { id: 'p1', status: 'ready' },
      { id: 'p2', status: 'failed' },
    ];
    expect(latestParsings(noHash).map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(judgeDocument({ id: 'd', status: 'processed', parsings: noHash }).kind).toBe('failed');
  });
});
