// Tolerant building blocks for the response schemas: the docs disagree on envelopes and id types (docs/raydocs-api.md §12).
import { z } from 'zod';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Object ids are UUIDs in the docs; only "non-empty string" is enforced so a format change cannot block uploads. */
export const idSchema = z.string().min(1);

/** Workspace ids go into paths as integers, so a workspace's own id must be one (a numeric string is accepted). */
export const workspaceIdSchema = z
  .union([z.number().int().positive(), z.string().regex(/^\d+$/, 'expected an integer workspace id')])
  .transform((v) => Number(v));

/** `workspace_id` inside documents/results: integer, "12", or a UUID-looking string in some examples. Numeric → number. */
export const workspaceRefSchema = z
  .union([z.number().int(), z.string().min(1)])
  .transform((v): number | string => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v));

/** Optional text: missing and null both become null, so callers test one thing. */
export const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** Display text that the app can live without (a name, a filename): missing becomes ''. */
export const displayText = z
  .string()
  .nullish()
  .transform((v) => v ?? '');

/** Status strings are kept as-is (unknown values mean "in progress"); a missing status is 'unknown'. */
export const statusText = z
  .string()
  .nullish()
  .transform((v) => v ?? 'unknown');

/** A count: Laravel sometimes serialises numbers as strings. */
export const countSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a non-negative integer')])
  .transform((v) => Number(v));

export const optionalCount = countSchema.nullish().transform((v) => v ?? null);

export const looseRecord = z.record(z.string(), z.unknown());

/** PHP's json_encode writes an empty associative array as `[]` (Laravel, §2): read it as the empty object it stands for. */
export function phpEmptyObject(v: unknown): unknown {
  return Array.isArray(v) && v.length === 0 ? {} : v;
}

/** An object that may be missing, null, or `[]` when empty (PHP); an empty one stays `{}`. */
export function objectOrPhpEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess(phpEmptyObject, schema);
}

export const optionalRecord = objectOrPhpEmpty(looseRecord.nullish()).transform((v) => v ?? null);

/** A list answered as a bare array (prose) or as `{data: [...]}` (OpenAPI, official clients). */
export function listOf<T extends z.ZodType>(item: T) {
  return z
    .preprocess((v) => (Array.isArray(v) ? { data: v } : v), z.object({ data: z.array(item) }))
    .transform((v) => v.data);
}

/**
 * A single object, bare or wrapped in Laravel's resource envelope `{data: {...}}`.
 * The envelope is recognised only when the outer object has no `id` (a result has its own `data` field).
 */
export function oneOf<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (isPlainObject(v) && !('id' in v) && isPlainObject(v['data']) ? v['data'] : v), schema);
}

/** A page to ask for: by number (page-number paginators) or by the server's opaque cursor (cursor paginators). */
export type PageRequest = { kind: 'page'; page: number } | { kind: 'cursor'; cursor: string };

/** What the server said of its pages; a field it left out is null (Laravel's simple and cursor paginators omit some). */
export interface PageMeta {
  /** Null when the server does not number its pages (cursor pagination). */
  current_page: number | null;
  /** Null when the server does not say (simple and cursor paginators). */
  last_page: number | null;
  per_page: number | null;
  total: number | null;
}

/** One page of a list (§2: Laravel-style page numbers; §13: cursors). `data` holds this page. */
export interface Paginated<T> {
  data: T[];
  meta: PageMeta;
  /**
   * The next page as the server named it (`meta.next_cursor`, `links.next`), or null when it said there is none.
   * Absent when it said nothing: `meta.last_page` or a short page then decides (electron/core/api/pagination.ts).
   */
  next?: PageRequest | null;
}

const nullableCount = countSchema.nullish().transform((v) => v ?? null);

const metaSchema = z.object({
  current_page: nullableCount,
  last_page: nullableCount,
  per_page: nullableCount,
  total: nullableCount,
  /** Cursor paginators: null on the last page. */
  next_cursor: z.string().nullish(),
});

const linksSchema = z.object({ next: z.string().nullish() });

/**
 * Accepts `{data, meta, links}` (API resources), Laravel's plain paginators (page fields and `next_page_url` beside
 * `data`), `{data}` without meta, and a bare array; the last two are read as a single complete page.
 */
function toPageShape(v: unknown): unknown {
  if (Array.isArray(v)) return { data: v, meta: onePage(v.length) };
  if (!isPlainObject(v)) return v;
  if (v['meta'] === undefined && (v['current_page'] !== undefined || v['next_cursor'] !== undefined || v['next_page_url'] !== undefined)) {
    return { data: v['data'], meta: v, links: { next: v['next_page_url'] } };
  }
  if (v['meta'] === undefined && v['links'] === undefined) return { ...v, meta: onePage(Array.isArray(v['data']) ? v['data'].length : 0) };
  return { ...v, meta: phpEmptyObject(v['meta'] ?? {}), links: phpEmptyObject(v['links'] ?? {}) };
}

function onePage(n: number) {
  return { current_page: 1, last_page: 1, per_page: n, total: n };
}

/** `links.next` is read for its `page` or `cursor`, never followed as a URL: the token stays on our own paths. */
function nextFromLink(link: string | null | undefined): PageRequest | null | undefined {
  if (link === undefined || link === null) return link;
  let url: URL;
  try {
    url = new URL(link, 'http://localhost');
  } catch {
    return undefined;
  }
  const cursor = url.searchParams.get('cursor');
  if (cursor) return { kind: 'cursor', cursor };
  const page = Number(url.searchParams.get('page'));
  return Number.isInteger(page) && page > 0 ? { kind: 'page', page } : undefined;
}

function nextOf(cursor: string | null | undefined, link: string | null | undefined): PageRequest | null | undefined {
  if (cursor !== undefined) return cursor === null || cursor === '' ? null : { kind: 'cursor', cursor };
  return nextFromLink(link);
}

export function paginatedOf<T extends z.ZodType>(item: T) {
  return z
    .preprocess(toPageShape, z.object({ data: z.array(item), meta: metaSchema, links: linksSchema.nullish() }))
    .transform((v): Paginated<z.output<T>> => {
      const { current_page, last_page, per_page, total } = v.meta;
      const meta = { current_page, last_page: last_page === null ? null : Math.max(last_page, current_page ?? 1), per_page, total };
      const next = nextOf(v.meta.next_cursor, v.links?.next);
      return next === undefined ? { data: v.data, meta } : { data: v.data, meta, next };
    });
}
