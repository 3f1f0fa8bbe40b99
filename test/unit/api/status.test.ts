// Terminal-status rules: known end states stop polling; anything else (including unknown strings) keeps it going.
import { describe, expect, it } from 'vitest';
import { documentParseState, isTerminalDocumentStatus, isTerminalParsingStatus, isTerminalResultStatus } from '../../../shared/api';

const doc = (status: string, ...parsings: string[]) => ({ status, parsings: parsings.map((s) => ({ status: s })) });

describe('terminal statuses', () => {
  it.each(['processed', 'ready', 'completed', 'failed'])('%s is terminal', (s) => {
    expect(isTerminalDocumentStatus(s)).toBe(true);
    expect(isTerminalParsingStatus(s)).toBe(true);
  });
  it.each(['uploaded', 'processing', 'queued', 'pending', 'parsing', 'something_new', ''])('%s is in progress', (s) => {
    expect(isTerminalDocumentStatus(s)).toBe(false);
    expect(isTerminalParsingStatus(s)).toBe(false);
  });
  it('results end only at completed/failed', () => {
    expect(['created', 'parsing_pending', 'processing', 'pending', 'completed', 'failed'].map(isTerminalResultStatus)).toEqual([
      false, false, false, false, true, true,
    ]);
  });
});

describe('documentParseState', () => {
  it('processed with a ready parsing is ready', () => expect(documentParseState(doc('processed', 'ready'))).toBe('ready'));
  it('processed without parsings (list views) is ready', () => expect(documentParseState(doc('processed'))).toBe('ready'));
  it('uploaded/processing is in progress', () => {
    expect(documentParseState(doc('uploaded'))).toBe('in-progress');
    expect(documentParseState(doc('processing', 'queued'))).toBe('in-progress');
  });
  it('an unknown document status is in progress', () => expect(documentParseState(doc('mystery', 'ready'))).toBe('in-progress'));
  it('a parsing still running keeps a processed document in progress', () => {
    expect(documentParseState(doc('processed', 'ready', 'processing'))).toBe('in-progress');
  });
  it('a failed document is failed', () => expect(documentParseState(doc('failed'))).toBe('failed'));
  it('all parsings failed is failed even if the document status lags', () => {
    expect(documentParseState(doc('processing', 'failed'))).toBe('failed');
  });
  it('one ready parsing among failed ones is ready', () => expect(documentParseState(doc('processed', 'failed', 'ready'))).toBe('ready'));
});
