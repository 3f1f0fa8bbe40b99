// Turns an extraction result as the API answers it into the RunView the window and the notifications use.
import type { ExtractionResult } from '../../../shared/api';
import { isRunSettled, runFailureText, runStatusOf } from '../../../shared/result-table';
import type { RunView } from '../../../shared/runs';

export interface RunContext {
  sessionId: string;
  sessionName: string | null;
  workspaceId: number | null;
  /** When this app first saw the run: its start when the server gives no created_at. */
  firstSeenAt: number;
  /** When this app saw it settle, if it already did (kept across polls). */
  settledAt: number | null;
}

function timeOf(text: string | null | undefined): number | null {
  if (!text) return null;
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : null;
}

/** A blank or UUID-like title says nothing a person can read: the view then names the session instead. */
export function readableTitle(title: string | null | undefined): string | null {
  const t = title?.trim() ?? '';
  if (t === '' || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t)) return null;
  return t;
}

export function runViewOf(result: ExtractionResult, ctx: RunContext, now: number): RunView {
  const status = runStatusOf(result.status);
  const settled = isRunSettled(status);
  return {
    resultId: result.id,
    sessionId: result.extraction_session_id ?? ctx.sessionId,
    sessionName: ctx.sessionName,
    workspaceId: ctx.workspaceId,
    status,
    title: readableTitle(result.title),
    documentCount: result.document_refs.length,
    startedAt: timeOf(result.created_at) ?? ctx.firstSeenAt,
    settledAt: settled ? (ctx.settledAt ?? timeOf(result.completed_at) ?? now) : null,
    failure: status === 'failed' ? runFailureText(result) : null,
  };
}

/** Newest first: by start, then by id so the order is stable. */
export function newestFirst(a: RunView, b: RunView): number {
  return b.startedAt - a.startedAt || (a.resultId < b.resultId ? 1 : a.resultId > b.resultId ? -1 : 0);
}
