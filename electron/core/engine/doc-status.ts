// The engine's reading of a server document: done, failed or still working, by the shared parse rule.
import { assertNever } from '../../../shared/assert-never';
import { isFailedStatus, judgeParse } from '../../../shared/parse-state';
import type { ParsingSummary } from '../../../shared/queue';

export interface DocLike {
  id: string;
  sha256?: string | null;
  status?: string | null;
  parsings?: ParsingLike[] | null;
}

export interface ParsingLike {
  id: string;
  config_hash?: string | null;
  status?: string | null;
  updated_at?: string | null;
}

export type DocVerdict = { kind: 'working' } | { kind: 'done' } | { kind: 'failed'; reason: string };

export function parsingsOf(doc: DocLike): ParsingSummary[] {
  return (doc.parsings ?? []).map((p) => ({ id: p.id, status: p.status ?? 'unknown', configHash: p.config_hash ?? null }));
}

/** The engine only needs to know whether to keep polling: waiting and parsing are both "working". */
export function judgeDocument(doc: DocLike): DocVerdict {
  const v = judgeParse(doc);
  switch (v.kind) {
    case 'parsed':
      return { kind: 'done' };
    case 'failed':
      return { kind: 'failed', reason: v.reason };
    case 'waiting':
    case 'parsing':
      return { kind: 'working' };
    default:
      return assertNever(v, 'parse verdict');
  }
}

/** The config hash a reparse needs: the failed (or latest) parsing's, if it has the 64 hex characters the API requires. */
export function reparseConfigHash(parsings: ParsingSummary[]): string | null {
  const ordered = [...parsings.filter((p) => isFailedStatus(p.status)), ...parsings];
  for (const p of ordered) if (p.configHash && /^[0-9a-f]{64}$/i.test(p.configHash)) return p.configHash;
  return null;
}
