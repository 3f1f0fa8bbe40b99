// Reads a server document's status and parsings into "still working", "done" or "failed" (unknown = working).
import type { ParsingSummary } from '../../../shared/queue';

const OK_TERMINAL = new Set(['processed', 'ready', 'completed', 'parsed', 'done', 'succeeded', 'success']);
const FAILED = new Set(['failed', 'error', 'errored', 'unsupported']);

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

/**
 * A reparse adds a parsing beside the one it replaces, so only the newest per config_hash says how the document
 * stands: by `updated_at`, else by position (the server lists them oldest first). Parsings without a hash stand alone.
 */
export function latestParsings<P extends ParsingLike>(parsings: readonly P[]): P[] {
  const latest = new Map<string, { p: P; i: number }>();
  parsings.forEach((p, i) => {
    const key = p.config_hash ? `hash:${p.config_hash}` : `id:${p.id}:${i}`;
    const cur = latest.get(key);
    if (!cur || newer(p, cur.p)) latest.set(key, { p, i });
  });
  return [...latest.values()].sort((a, b) => a.i - b.i).map((x) => x.p);
}

/** `a` is listed after `b`: it is the newer one unless both carry a time and `b`'s is later. */
function newer(a: ParsingLike, b: ParsingLike): boolean {
  const ta = Date.parse(a.updated_at ?? '');
  const tb = Date.parse(b.updated_at ?? '');
  return Number.isNaN(ta) || Number.isNaN(tb) ? true : ta >= tb;
}

export function judgeDocument(doc: DocLike): DocVerdict {
  const status = (doc.status ?? '').toLowerCase();
  const parsings = latestParsings(doc.parsings ?? []);
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
