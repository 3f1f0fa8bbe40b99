// Parsing verdicts as the engine reads them: newest parsing per config_hash, unknown statuses still in progress.
import { describe, expect, it } from 'vitest';
import { judgeParsing, latestParsings } from '../../../renderer/src/composables/parsing-status';

describe('judgeParsing', () => {
  it('a successful reparse beside the old failed parsing reads as parsed', () => {
    expect(
      judgeParsing('processed', [
        { id: 'p1', status: 'failed', configHash: 'h' },
        { id: 'p2', status: 'ready', configHash: 'h' },
      ]),
    ).toBe('parsed');
  });
  it('orders by updated_at when the server gives it', () => {
    const parsings = [
      { id: 'new', status: 'ready', config_hash: 'h', updated_at: '2026-01-02T00:00:00Z' },
      { id: 'old', status: 'failed', config_hash: 'h', updated_at: '2026-01-01T00:00:00Z' },
    ];
    expect(latestParsings(parsings).map((p) => p.id)).toEqual(['new']);
    expect(judgeParsing('processed', parsings)).toBe('parsed');
  });
  it('a failed parsing of another config still fails the document', () => {
    expect(judgeParsing('processed', [{ id: 'a', status: 'ready', configHash: 'h1' }, { id: 'b', status: 'failed', configHash: 'h2' }])).toBe('failed');
  });
  it('reads waiting, unknown and document-level failures', () => {
    expect(judgeParsing('uploaded', [])).toBe('waiting');
    expect(judgeParsing('processing', [{ id: 'a', status: 'queued', configHash: 'h' }])).toBe('waiting');
    expect(judgeParsing('brand-new-status', [])).toBe('parsing');
    expect(judgeParsing('failed', [])).toBe('failed');
    expect(judgeParsing('processed', [])).toBe('parsed');
  });
});
