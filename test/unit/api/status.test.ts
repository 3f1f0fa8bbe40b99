// Terminal-status rules: known end states stop polling; anything else (including unknown strings) keeps it going.
// documentParseState is covered with the shared parse rule in test/unit/shared/parse-state.test.ts.
import { describe, expect, it } from 'vitest';
import { isTerminalDocumentStatus, isTerminalParsingStatus, isTerminalResultStatus } from '../../../shared/api';

describe('terminal statuses', () => {
  it.each(['processed', 'ready', 'completed', 'parsed', 'failed', 'error', 'unsupported', 'Processed'])('%s is terminal', (s) => {
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
