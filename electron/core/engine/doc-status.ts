// The engine's reading of a server document's parse track, by the shared parse rule.
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

export function parsingsOf(doc: DocLike): ParsingSummary[] {
  return (doc.parsings ?? []).map((p) => ({ id: p.id, status: p.status ?? 'unknown', configHash: p.config_hash ?? null }));
}

/**
 * A parse is queued or running: worth following. A stored document with no parsing is not (upload is storage-only:
 * nothing parses it until a run or a reparse), nor one whose parsings all ended.
 */
export function parseUnderWay(documentStatus: string, parsings: readonly ParsingSummary[]): boolean {
  const v = judgeParse({ status: documentStatus, parsings: parsings.map((p) => ({ id: p.id, status: p.status, config_hash: p.configHash })) });
  switch (v.kind) {
    case 'parsed':
    case 'failed':
      return false;
    case 'waiting':
      return parsings.length > 0;
    case 'parsing':
      return true;
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
