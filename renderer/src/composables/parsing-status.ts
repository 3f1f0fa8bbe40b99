// Reads a document's status and parsings as parsed / failed / waiting / parsing, the way the engine judges them.
// A reparse adds a parsing beside the failed one, so only the newest parsing per config_hash counts.

export type ParseVerdict = 'parsed' | 'failed' | 'waiting' | 'parsing';

export interface ParsingLike {
  id: string;
  status: string;
  configHash?: string | null;
  config_hash?: string | null;
  updated_at?: string | null;
}

const OK = new Set(['processed', 'ready', 'completed', 'parsed', 'done', 'succeeded', 'success']);
const FAILED = new Set(['failed', 'error', 'errored', 'unsupported']);
const WAITING = new Set(['queued', 'uploaded', 'pending']);

function hashOf(p: ParsingLike): string | null {
  return p.configHash ?? p.config_hash ?? null;
}

/** The newest parsing per config_hash (by updated_at, else by position: the server lists oldest first). */
export function latestParsings<P extends ParsingLike>(parsings: readonly P[]): P[] {
  const latest = new Map<string, { p: P; i: number }>();
  parsings.forEach((p, i) => {
    const hash = hashOf(p);
    const key = hash ? `hash:${hash}` : `id:${p.id}:${i}`;
    const cur = latest.get(key);
    const ta = Date.parse(p.updated_at ?? '');
    const tb = Date.parse(cur?.p.updated_at ?? '');
    if (!cur || Number.isNaN(ta) || Number.isNaN(tb) || ta >= tb) latest.set(key, { p, i });
  });
  return [...latest.values()].sort((a, b) => a.i - b.i).map((x) => x.p);
}

/** Unknown status strings read as "still parsing" (raydocs-api.md §9.2). */
export function judgeParsing(documentStatus: string, parsings: readonly ParsingLike[]): ParseVerdict {
  const status = documentStatus.toLowerCase();
  const latest = latestParsings(parsings).map((p) => p.status.toLowerCase());
  if (FAILED.has(status) || latest.some((s) => FAILED.has(s))) return 'failed';
  const allOk = latest.every((s) => OK.has(s));
  if (OK.has(status) && allOk) return 'parsed';
  if (latest.length > 0 && allOk && !WAITING.has(status)) return 'parsed';
  if (WAITING.has(status) && (latest.length === 0 || latest.every((s) => WAITING.has(s)))) return 'waiting';
  if (latest.length > 0 && latest.every((s) => WAITING.has(s))) return 'waiting';
  return 'parsing';
}

export const PARSE_WORDS: Record<ParseVerdict, string> = {
  parsed: 'Parsed',
  failed: 'Parse failed',
  waiting: 'Waiting to parse',
  parsing: 'Parsing',
};
