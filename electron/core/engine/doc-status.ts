// Reads a server document's status and parsings into "still working", "done" or "failed" (unknown = working).
import type { ParsingSummary } from '../../../shared/queue';

const OK_TERMINAL = new Set(['processed', 'ready', 'completed', 'parsed', 'done', 'succeeded', 'success']);
const FAILED = new Set(['failed', 'error', 'errored', 'unsupported']);

export interface DocLike {
  id: string;
  sha256?: string | null;
  status?: string | null;
  parsings?: Array<{ id: string; config_hash?: string | null; status?: string | null }> | null;
}

export type DocVerdict = { kind: 'working' } | { kind: 'done' } | { kind: 'failed'; reason: string };

export function parsingsOf(doc: DocLike): ParsingSummary[] {
  return (doc.parsings ?? []).map((p) => ({ id: p.id, status: p.status ?? 'unknown', configHash: p.config_hash ?? null }));
}

export function judgeDocument(doc: DocLike): DocVerdict {
  const status = (doc.status ?? '').toLowerCase();
  const parsings = doc.parsings ?? [];
  const failedParsing = parsings.find((p) => FAILED.has((p.status ?? '').toLowerCase()));
  if (FAILED.has(status) || failedParsing) {
    return { kind: 'failed', reason: failedParsing ? `parsing ${failedParsing.status ?? 'failed'}` : `document ${status}` };
  }
  if (!OK_TERMINAL.has(status)) return { kind: 'working' };
  return parsings.every((p) => OK_TERMINAL.has((p.status ?? '').toLowerCase())) ? { kind: 'done' } : { kind: 'working' };
}

/** The config hash a reparse needs: the failed (or latest) parsing's, if it has the 64 hex characters the API requires. */
export function reparseConfigHash(parsings: ParsingSummary[]): string | null {
  const ordered = [...parsings.filter((p) => FAILED.has(p.status.toLowerCase())), ...parsings];
  for (const p of ordered) if (p.configHash && /^[0-9a-f]{64}$/i.test(p.configHash)) return p.configHash;
  return null;
}
