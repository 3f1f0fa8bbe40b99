// The engine's reading of a server document's parse track, by the shared parse rule.
import { assertNever } from '../../../shared/assert-never';
import { isFailedStatus, isReparseHash, judgedParsing, judgeStored, sessionConfigHash, type ResultInput } from '../../../shared/parse-state';
import type { ParsingSummary } from '../../../shared/queue';
import { classifyError } from './retry-policy';

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
  return (doc.parsings ?? []).map((p) => ({
    id: p.id,
    status: p.status ?? 'unknown',
    configHash: p.config_hash ?? null,
    ...(p.updated_at ? { updatedAt: p.updated_at } : {}),
  }));
}

/**
 * A parse is queued or running: worth following. A stored document with no parsing is not (upload is storage-only:
 * nothing parses it until a run or a reparse), nor one whose parse ended. `configHash`: the session's, when known.
 */
export function parseUnderWay(documentStatus: string, parsings: readonly ParsingSummary[], configHash?: string | null): boolean {
  const v = judgeStored(documentStatus, parsings, configHash);
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

/**
 * The config hash a reparse sends; the API takes only 64 hex characters (§9.4). The session's own (its newest
 * result's) first; else the hash of the parsing the document is judged by, or of any failed (then any) parsing.
 * Null when none has that form: parsing then starts with a run.
 */
export function reparseConfigHash(parsings: readonly ParsingSummary[], sessionHash?: string | null): string | null {
  if (isReparseHash(sessionHash)) return sessionHash;
  const judged = judgedParsing(parsings.map((p) => ({ ...p, config_hash: p.configHash, updated_at: p.updatedAt ?? null })), sessionHash);
  const ordered = [...(judged ? [judged] : []), ...parsings.filter((p) => isFailedStatus(p.status)), ...parsings];
  return ordered.map((p) => p.configHash).find(isReparseHash) ?? null;
}

/**
 * The session's config hash for a reparse: the one already known (a run's answer) when the API takes its form, else
 * the newest result's. A refused read (no such session, no sessions-read) leaves what is known; other errors throw.
 */
export async function sessionHashForReparse(known: string | null, readResults: () => Promise<readonly ResultInput[]>): Promise<string | null> {
  if (isReparseHash(known)) return known;
  try {
    return sessionConfigHash(await readResults()) ?? known;
  } catch (err) {
    if (classifyError(err).kind === 'fail') return known;
    throw err;
  }
}

/** Why a reparse cannot be asked for yet, in words that point at what to do instead. */
export function nothingToReparse(name: string): string {
  return `${name}: there is no parse to redo yet: parsing starts when an extraction runs. Choose Run extraction in the session's documents.`;
}
