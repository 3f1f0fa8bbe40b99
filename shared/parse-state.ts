// The one rule for "how far has Raydocs got parsing this document", shared by the engine, the CLI and the window.

/** Successful end states seen across API generations (`parsed` is G1's data-model value). */
const OK_TERMINAL = new Set(['processed', 'ready', 'completed', 'parsed', 'done', 'succeeded', 'success']);
const FAILED = new Set(['failed', 'error', 'errored', 'unsupported']);
/** Nothing has started yet: only used to tell "waiting" from "parsing" for display. */
const NOT_STARTED = new Set(['queued', 'uploaded', 'pending']);

export interface ParsingInput {
  id?: string | null;
  status?: string | null;
  config_hash?: string | null;
  updated_at?: string | null;
}

export interface DocumentInput<P extends ParsingInput = ParsingInput> {
  status?: string | null;
  /** List views may omit parsings. */
  parsings?: readonly P[] | null;
}

/** waiting and parsing are both "still working"; they differ only in what a person is shown. */
export type ParseVerdict = { kind: 'waiting' } | { kind: 'parsing' } | { kind: 'parsed' } | { kind: 'failed'; reason: string };
export type ParseKind = ParseVerdict['kind'];

const norm = (s: string | null | undefined): string => (s ?? '').toLowerCase();

/** Unknown strings are neither: the complete enums are not published (docs/raydocs-api.md §9.2), so they mean "still working". */
export function isOkStatus(status: string | null | undefined): boolean {
  return OK_TERMINAL.has(norm(status));
}

export function isFailedStatus(status: string | null | undefined): boolean {
  return FAILED.has(norm(status));
}

/**
 * A reparse adds a parsing beside the one it replaces, so only the newest per config_hash says how the document
 * stands: by `updated_at`, else by position (the server lists them oldest first). Parsings without a hash stand alone.
 */
export function latestParsings<P extends ParsingInput>(parsings: readonly P[]): P[] {
  const latest = new Map<string, { p: P; i: number }>();
  parsings.forEach((p, i) => {
    const key = p.config_hash ? `hash:${p.config_hash}` : `index:${i}`;
    const cur = latest.get(key);
    if (!cur || newer(p, cur.p)) latest.set(key, { p, i });
  });
  return [...latest.values()].sort((a, b) => a.i - b.i).map((x) => x.p);
}

/** `a` is listed after `b`: it is the newer one unless both carry a time and `b`'s is later. */
function newer(a: ParsingInput, b: ParsingInput): boolean {
  return listedLaterWins(a.updated_at, b.updated_at);
}

function listedLaterWins(a: string | null | undefined, b: string | null | undefined): boolean {
  const ta = Date.parse(a ?? '');
  const tb = Date.parse(b ?? '');
  return Number.isNaN(ta) || Number.isNaN(tb) ? true : ta >= tb;
}

/** The API's reparse takes exactly 64 characters (docs/raydocs-api.md §9.4); the `cfg_…` form seen in examples is refused. */
export function isReparseHash(hash: string | null | undefined): hash is string {
  return typeof hash === 'string' && /^[0-9a-f]{64}$/i.test(hash);
}

export interface ResultInput {
  config_hash?: string | null;
  created_at?: string | null;
}

/** A session's config hash: its newest result's (by `created_at`, else the last listed), in whatever form it came. */
export function sessionConfigHash(results: readonly ResultInput[]): string | null {
  let best: ResultInput | null = null;
  for (const r of results) if (r.config_hash && (!best || listedLaterWins(r.created_at, best.created_at))) best = r;
  return best?.config_hash ?? null;
}

/**
 * The parsing a verdict is about: the newest one for the session's config hash when the document has one, else the
 * newest of all (by `updated_at`, else the last listed). Null when the document has no parsing.
 */
export function judgedParsing<P extends ParsingInput>(parsings: readonly P[], configHash?: string | null): P | null {
  const latest = latestParsings(parsings);
  const forSession = configHash ? latest.filter((p) => p.config_hash === configHash) : [];
  const pool = forSession.length > 0 ? forSession : latest;
  let best: P | null = null;
  for (const p of pool) if (!best || newer(p, best)) best = p;
  return best;
}

/**
 * How far the document got for this session: judged by one parsing (judgedParsing). The document's own status is only
 * a hint, read when there is no parsing: it is not promised to move with its parsings (§9.2, §9.6).
 */
export function judgeParse(doc: DocumentInput, configHash?: string | null): ParseVerdict {
  const parsing = judgedParsing(doc.parsings ?? [], configHash);
  if (parsing) return verdictOf(parsing.status, 'parsing');
  return verdictOf(doc.status, 'document');
}

/** A stored queue item's parse (shared/queue.ts keeps parsings as `{id, status, configHash, updatedAt}`), by the same rule. */
export function judgeStored(
  documentStatus: string,
  parsings: ReadonlyArray<{ id: string; status: string; configHash: string | null; updatedAt?: string | null }>,
  configHash?: string | null,
): ParseVerdict {
  const inputs = parsings.map((p) => ({ id: p.id, status: p.status, config_hash: p.configHash, updated_at: p.updatedAt ?? null }));
  return judgeParse({ status: documentStatus, parsings: inputs }, configHash);
}

function verdictOf(raw: string | null | undefined, what: 'parsing' | 'document'): ParseVerdict {
  const status = norm(raw);
  if (FAILED.has(status)) return { kind: 'failed', reason: `${what} ${raw ?? 'failed'}` };
  if (OK_TERMINAL.has(status)) return { kind: 'parsed' };
  return NOT_STARTED.has(status) ? { kind: 'waiting' } : { kind: 'parsing' };
}
