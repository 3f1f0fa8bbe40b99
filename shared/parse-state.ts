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

/** Unknown strings are neither: the complete enums are not published (raydocs-api.md §9.2), so they mean "still working". */
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
  const ta = Date.parse(a.updated_at ?? '');
  const tb = Date.parse(b.updated_at ?? '');
  return Number.isNaN(ta) || Number.isNaN(tb) ? true : ta >= tb;
}

/**
 * Failed if the document or any latest parsing failed; parsed only when the document and every latest parsing
 * reached a successful end (a processed document without parsings is parsed); anything else is still working.
 */
export function judgeParse(doc: DocumentInput): ParseVerdict {
  const status = norm(doc.status);
  const parsings = latestParsings(doc.parsings ?? []);
  const failedParsing = parsings.find((p) => isFailedStatus(p.status));
  if (failedParsing) return { kind: 'failed', reason: `parsing ${failedParsing.status ?? 'failed'}` };
  if (FAILED.has(status)) return { kind: 'failed', reason: `document ${status}` };
  if (OK_TERMINAL.has(status) && parsings.every((p) => isOkStatus(p.status))) return { kind: 'parsed' };
  const notStarted = parsings.length > 0 ? parsings.every((p) => NOT_STARTED.has(norm(p.status))) : NOT_STARTED.has(status);
  return notStarted ? { kind: 'waiting' } : { kind: 'parsing' };
}

