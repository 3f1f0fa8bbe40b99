// What the documents view shows for one session document: its status, its parsings' statuses, and whether reparse applies.
import type { ExtractionResult, WorkspaceDocument } from '../../../shared/api';

/** Fields read defensively: older API generations omit parsings and sizes (raydocs-api.md §9). */
type DocLike = WorkspaceDocument & {
  size?: number | null;
  sha256?: string | null;
  parsings?: Array<{ id: string; status: string; config_hash?: string | null }>;
};

export type DocTone = 'active' | 'success' | 'danger';

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

const DONE = new Set(['processed', 'parsed', 'ready', 'completed']);

export function documentRow(doc: WorkspaceDocument): DocumentRow {
  const d = doc as DocLike;
  const parsings = (d.parsings ?? []).map((p) => ({ id: p.id, status: p.status }));
  const latest = parsings[parsings.length - 1]?.status.toLowerCase();
  const status = d.status.toLowerCase();
  const failed = status === 'failed' || latest === 'failed';
  const done = !failed && (latest ? DONE.has(latest) : DONE.has(status));
  return {
    id: d.id,
    filename: d.filename || d.id,
    size: typeof d.size === 'number' ? d.size : null,
    sha256: d.sha256 ?? null,
    statusWords: failed ? 'Parse failed' : done ? 'Parsed' : status === 'uploaded' || latest === 'queued' ? 'Waiting to parse' : 'Parsing',
    tone: failed ? 'danger' : done ? 'success' : 'active',
    parsings,
    canReparse: failed,
  };
}

export function isDocumentSettled(doc: WorkspaceDocument): boolean {
  return documentRow(doc).tone !== 'active';
}

type ResultLike = ExtractionResult & { title?: string | null };

export function resultTitle(r: ExtractionResult): string | null {
  return (r as ResultLike).title ?? null;
}

export function isResultSettled(r: ExtractionResult): boolean {
  return r.status === 'completed' || r.status === 'failed';
}

export function resultWords(r: ExtractionResult): string {
  switch (r.status) {
    case 'created':
    case 'pending':
      return 'Extraction queued';
    case 'parsing_pending':
      return 'Waiting for parsing to finish';
    case 'processing':
      return 'Extracting';
    case 'completed':
      return 'Extraction complete';
    case 'failed':
      return 'Extraction failed';
    default:
      return `Extraction ${r.status}`;
  }
}
