// Terminal statuses for API polling, and the CLI's three-word reading of a document, both by the shared parse rule.
import { assertNever } from '../assert-never';
import { isFailedStatus, isOkStatus, judgeParse, type DocumentInput } from '../parse-state';

/** Unknown strings are "in progress" (docs/raydocs-api.md §9.2): the complete enums are not published. */
export function isTerminalDocumentStatus(status: string): boolean {
  return isOkStatus(status) || isFailedStatus(status);
}

export function isTerminalParsingStatus(status: string): boolean {
  return isOkStatus(status) || isFailedStatus(status);
}

/** Results end in `completed` or `failed` (§10.2); `created`, `parsing_pending`, `processing` and unknowns are running. */
export function isTerminalResultStatus(status: string): boolean {
  return status === 'completed' || status === 'failed';
}

export type ParseState = 'in-progress' | 'ready' | 'failed';

/**
 * The shared verdict (shared/parse-state.ts) in the CLI's words: waiting and parsing are both in progress.
 * `configHash`: the session's (its newest result's), when known.
 */
export function documentParseState(doc: DocumentInput, configHash?: string | null): ParseState {
  const v = judgeParse(doc, configHash);
  switch (v.kind) {
    case 'parsed':
      return 'ready';
    case 'failed':
      return 'failed';
    case 'waiting':
    case 'parsing':
      return 'in-progress';
    default:
      return assertNever(v, 'parse verdict');
  }
}
