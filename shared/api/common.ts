// Tolerant building blocks for the response schemas: the docs disagree on envelopes and id types (raydocs-api.md §12).
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
export const optionalRecord = looseRecord.nullish().transform((v) => v ?? null);

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

export interface PageMeta {
  current_page: number;
  last_page: number;
  per_page: number;
  total: number;
}

/** Laravel page-number pagination (§2). `data` holds this page; `meta.last_page` says when to stop. */
export interface Paginated<T> {
  data: T[];
  meta: PageMeta;
}

const metaSchema = z.object({
  current_page: countSchema,
  last_page: countSchema,
  per_page: countSchema.optional(),
  total: countSchema.optional(),
});

/**
 * Accepts `{data, meta}` (API resources), Laravel's plain paginator (page fields beside `data`), `{data}` without
 * meta, and a bare array; the last two are read as a single complete page.
 */
function toPageShape(v: unknown): unknown {
  if (Array.isArray(v)) return { data: v, meta: { current_page: 1, last_page: 1 } };
  if (!isPlainObject(v)) return v;
  if (v['meta'] === undefined && v['current_page'] !== undefined) return { data: v['data'], meta: v };
  if (v['meta'] === undefined) return { ...v, meta: { current_page: 1, last_page: 1 } };
  return v;
}

export function paginatedOf<T extends z.ZodType>(item: T) {
  return z
    .preprocess(toPageShape, z.object({ data: z.array(item), meta: metaSchema }))
    .transform(
      (v): Paginated<z.output<T>> => ({
        data: v.data,
        meta: {
          current_page: v.meta.current_page,
          last_page: Math.max(v.meta.last_page, v.meta.current_page),
          per_page: v.meta.per_page ?? v.data.length,
          total: v.meta.total ?? v.data.length,
        },
      }),
    );
}
