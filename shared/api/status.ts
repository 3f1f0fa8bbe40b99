// How far the server got with a document: the one place that decides "done parsing" from open-ended status strings.
import type { Parsing, WorkspaceDocument } from './documents';

/** Successful end states seen across generations (`parsed` is G1's data-model value, kept so G1 servers do not poll forever). */
const TERMINAL_OK = new Set(['processed', 'ready', 'completed', 'parsed']);
const TERMINAL_FAILED = new Set(['failed']);

function terminal(status: string): boolean {
  return TERMINAL_OK.has(status) || TERMINAL_FAILED.has(status);
}

/** Unknown strings are "in progress" (raydocs-api.md §9.2): the complete enums are not published. */
export function isTerminalDocumentStatus(status: string): boolean {
  return terminal(status);
}

export function isTerminalParsingStatus(status: string): boolean {
  return terminal(status);
}

/** Results end in `completed` or `failed` (§10.2); `created`, `parsing_pending`, `processing` and unknowns are running. */
export function isTerminalResultStatus(status: string): boolean {
  return status === 'completed' || status === 'failed';
}

export type ParseState = 'in-progress' | 'ready' | 'failed';

/**
 * One verdict for a document and its parsings. A failed document is failed; any parsing still moving keeps it in
 * progress; parsings that all failed mean failed even if the document status lags; otherwise the document status decides.
 * List views may omit `parsings`, so a processed document without parsings is ready.
 */
export function documentParseState(doc: Pick<WorkspaceDocument, 'status'> & { parsings: Pick<Parsing, 'status'>[] }): ParseState {
  if (TERMINAL_FAILED.has(doc.status)) return 'failed';
  if (doc.parsings.some((p) => !isTerminalParsingStatus(p.status))) return 'in-progress';
  if (doc.parsings.length > 0 && doc.parsings.every((p) => TERMINAL_FAILED.has(p.status))) return 'failed';
  if (!isTerminalDocumentStatus(doc.status)) return 'in-progress';
  return 'ready';
}
