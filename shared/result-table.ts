// A result's extracted fields as rows (group → field → value, with the source page from audit_data), and a run's state.
import { isPlainObject } from './api/common';
import type { ExtractionResult } from './api/models';

export interface ResultCell {
  /** '' when the data holds a flat value at the top level instead of a group. */
  group: string;
  field: string;
  /** Rendered as text: numbers, booleans, lists and objects are written out. */
  value: string;
  /** The first source's page in `audit_data`, when there is one. */
  page: number | null;
  reasoning: string | null;
}

export type RunStatus = 'created' | 'parsing_pending' | 'processing' | 'completed' | 'failed' | 'unknown';

const KNOWN: ReadonlySet<string> = new Set(['created', 'parsing_pending', 'processing', 'completed', 'failed']);

/**
 * The documented run states (docs/raydocs-api.md §10.1); anything else, or nothing, is `unknown`. The older pages'
 * `pending` is their name for `created` (the run has not started), so it stays in motion instead of reading as settled.
 */
export function runStatusOf(status: string | null): RunStatus {
  const s = status?.trim().toLowerCase() ?? '';
  if (s === 'pending') return 'created';
  return KNOWN.has(s) ? (s as RunStatus) : 'unknown';
}

/**
 * Only the three in-motion states keep a run polled. `unknown` counts as settled: a status we cannot read would
 * otherwise be polled forever, and a reload of the result shows what it is.
 */
export function isRunSettled(s: RunStatus): boolean {
  return s !== 'created' && s !== 'parsing_pending' && s !== 'processing';
}

function renderValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v) && v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x))) {
    return v.map((x) => (x === null ? '' : String(x))).join(', ');
  }
  return JSON.stringify(v);
}

function looksLikeAudit(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && ('sources' in v || 'reasoning' in v);
}

function findAudit(audit: Record<string, unknown> | null, group: string, field: string): Record<string, unknown> | null {
  if (!audit) return null;
  if (group !== '') {
    const g = audit[group];
    if (isPlainObject(g) && !looksLikeAudit(g) && looksLikeAudit(g[field])) return g[field];
    const dotted = audit[`${group}.${field}`];
    if (looksLikeAudit(dotted)) return dotted;
  }
  const flat = audit[field];
  return looksLikeAudit(flat) ? flat : null;
}

function pageOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

function firstPage(a: Record<string, unknown> | null): number | null {
  const sources = a?.['sources'];
  if (!Array.isArray(sources)) return null;
  const first: unknown = sources[0];
  return isPlainObject(first) ? pageOf(first['page']) : null;
}

function reasoningOf(a: Record<string, unknown> | null): string | null {
  const r = a?.['reasoning'];
  return typeof r === 'string' && r.trim() !== '' ? r : null;
}

/** Flattens `data` in its own order; each cell carries its audit's first source page and reasoning when found. */
export function resultCells(r: ExtractionResult): ResultCell[] {
  const cells: ResultCell[] = [];
  const audit = r.audit_data;
  const push = (group: string, field: string, value: unknown) => {
    const a = findAudit(audit, group, field);
    cells.push({ group, field, value: renderValue(value), page: firstPage(a), reasoning: reasoningOf(a) });
  };
  for (const [group, fields] of Object.entries(r.data ?? {})) {
    if (isPlainObject(fields)) {
      for (const [field, value] of Object.entries(fields)) push(group, field, value);
    } else {
      push('', group, fields);
    }
  }
  return cells;
}

/** The server's words about a run, if the result carries any; no failure field is documented (§10.2). */
export function runFailureText(r: ExtractionResult): string | null {
  for (const t of [r.failure_reason, r.error_message, r.error, r.message]) {
    if (typeof t === 'string' && t.trim() !== '') return t.trim();
  }
  return null;
}
