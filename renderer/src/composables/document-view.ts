// What the documents view shows for one session document: its status, its parsings' statuses, and whether reparse applies.
// A run's own words are in run-view.ts.
import type { ExtractionResult, WorkspaceDocument } from '../../../shared/api';
import { judgeParse, latestParsings, sessionConfigHash, type ParseKind } from '../../../shared/parse-state';
import { PARSE_WORDS } from './parsing-status';

/** Fields read defensively: older API generations omit parsings and sizes (docs/raydocs-api.md §9). */
type DocLike = WorkspaceDocument & {
  size?: number | null;
  sha256?: string | null;
  parsings?: Array<{ id: string; status: string; config_hash?: string | null; updated_at?: string | null }>;
};

export type DocTone = 'neutral' | 'active' | 'success' | 'danger';

export interface DocumentRow {
  id: string;
  filename: string;
  size: number | null;
  sha256: string | null;
  statusWords: string;
  tone: DocTone;
  parsings: Array<{ id: string; status: string }>;
  canReparse: boolean;
}

/** A stored document nothing has parsed yet. */
export const NOT_PARSED_WORDS = 'Stored, not parsed yet';

const TONES: Record<ParseKind, DocTone> = { parsed: 'success', failed: 'danger', waiting: 'active', parsing: 'active' };

/** `configHash`: the session's (its newest result's), when known; the row then shows the parse for it. */
export function documentRow(doc: WorkspaceDocument, configHash?: string | null): DocumentRow {
  const d = doc as DocLike;
  const all = d.parsings ?? [];
  const verdict = judgeParse({ status: d.status, parsings: all }, configHash).kind;
  // Upload is storage-only: a stored document with no parsing is not waiting on anything until a run starts one.
  const unparsed = verdict === 'waiting' && all.length === 0;
  return {
    id: d.id,
    filename: d.filename || d.id,
    size: typeof d.size === 'number' ? d.size : null,
    sha256: d.sha256 ?? null,
    statusWords: unparsed ? NOT_PARSED_WORDS : PARSE_WORDS[verdict],
    tone: unparsed ? 'neutral' : TONES[verdict],
    parsings: latestParsings(all).map((p) => ({ id: p.id, status: p.status })),
    canReparse: verdict === 'failed',
  };
}

/** The session's config hash from the results the view knows of (null when none names one). */
export function configHashOf(results: ReadonlyArray<ExtractionResult | null>): string | null {
  return sessionConfigHash(results.filter((r): r is ExtractionResult => r !== null));
}
