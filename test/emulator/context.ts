// Per-request context for API handlers: authentication, abilities, visibility (404 outside reach), validation.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { HttpError, notFound, validationError } from './http-util';
import type { S3Signer } from './signer';
import type { Variant } from './variants';
import { pageMeta } from './present';
import { tokenKey, type DocumentRec, type ResultRec, type SessionRec, type TemplateRec, type TokenRec, type World, type WorkspaceRec } from './state';

export interface Env {
  world: World;
  signer: S3Signer;
  dataDir: string;
  bucket: string;
  origin: URL;
  urlExpirySeconds: number;
  tmpKeyLifetimeSeconds: number;
  /** The readings of the docs being played (variants.ts); handlers branch on `variants.has(name)`. */
  variants: Set<Variant>;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  now: number;
  env: Env;
  token: TokenRec;
  /** Parsed JSON body ({} when empty). */
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** A download instead of JSON: sent as is, with `Content-Disposition: attachment`. */
  file?: { bytes: Buffer; contentType: string; filename: string };
}

export function bearerToken(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1] ?? null;
}

/** 401 for a missing, unknown or revoked token (Sanctum's "Unauthenticated."). */
export function authenticate(world: World, req: IncomingMessage): TokenRec {
  const value = bearerToken(req);
  const token = value ? world.tokens.get(tokenKey(value)) : undefined;
  if (!token || token.revoked) throw new HttpError(401, 'Unauthenticated.');
  return token;
}

export function requireAbility(token: TokenRec, ability: string | null): void {
  if (ability && !token.abilities.has(ability)) throw new HttpError(403, 'Invalid ability provided.');
}

export function canSee(token: TokenRec, w: WorkspaceRec | undefined): w is WorkspaceRec {
  return !!w && w.mine && (token.workspaceIds === null || token.workspaceIds.includes(w.id));
}

export function workspaceFor(ctx: Ctx, raw: string | undefined): WorkspaceRec {
  if (!raw || !/^\d+$/.test(raw)) throw notFound();
  const w = ctx.env.world.workspaces.get(Number(raw));
  if (!canSee(ctx.token, w)) throw notFound();
  return w;
}

export function templateFor(ctx: Ctx, id: string | undefined): TemplateRec {
  const t = id ? ctx.env.world.templates.get(id) : undefined;
  if (!t || !canSee(ctx.token, ctx.env.world.workspaces.get(t.workspaceId))) throw notFound();
  return t;
}

export function sessionFor(ctx: Ctx, id: string | undefined): SessionRec {
  const s = id ? ctx.env.world.sessions.get(id) : undefined;
  if (!s || !canSee(ctx.token, ctx.env.world.workspaces.get(s.workspaceId))) throw notFound();
  return s;
}

export function documentFor(ctx: Ctx, w: WorkspaceRec, id: string | undefined): DocumentRec {
  const d = id ? ctx.env.world.documents.get(id) : undefined;
  if (!d || d.workspaceId !== w.id) throw notFound();
  return d;
}

export function resultFor(ctx: Ctx, id: string | undefined): ResultRec {
  const r = id ? ctx.env.world.results.get(id) : undefined;
  if (!r) throw notFound();
  sessionFor(ctx, r.sessionId);
  return r;
}

/** Validates a body or query with zod and answers Laravel's 422 `{message, errors}` on failure. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return r.data;
  const errors: Record<string, string[]> = {};
  for (const issue of r.error.issues) {
    const field = issue.path.map(String).join('.') || 'body';
    const label = field.replace(/_/g, ' ');
    const missing = issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null);
    const msg = missing ? `The ${label} field is required.` : `The ${label} field is invalid: ${issue.message}`;
    (errors[field] ??= []).push(msg);
  }
  throw validationError(errors);
}

export function pageParams(url: URL, defaultPerPage: number, allowPerPage: boolean): { page: number; perPage: number } {
  const errors: Record<string, string[]> = {};
  const rawPage = url.searchParams.get('page');
  const rawPer = url.searchParams.get('per_page');
  const page = rawPage === null ? 1 : Number(rawPage);
  if (!Number.isInteger(page) || page < 1) errors.page = ['The page field must be an integer greater than 0.'];
  let perPage = defaultPerPage;
  if (allowPerPage && rawPer !== null) {
    perPage = Number(rawPer);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) errors.per_page = ['The per page field must be between 1 and 100.'];
  }
  if (Object.keys(errors).length) throw validationError(errors);
  return { page, perPage };
}

export function paginate<T>(items: T[], page: number, perPage: number): T[] {
  return items.slice((page - 1) * perPage, page * perPage);
}

/** A list answer: the page of items to present, and the envelope to put them in. */
export interface ListPage<T> {
  items: T[];
  envelope(data: unknown[]): Record<string, unknown>;
}

/**
 * One page of `all` as the variant being played pages lists: page numbers with a full meta (default), Laravel's
 * simple paginator (`simple-pagination`: no last_page/total, `links.next`), or cursors (`cursor-pagination`:
 * `?cursor=`, `meta.next_cursor`, no page numbers). Like Laravel, `links` carry only the `page` or `cursor` parameter.
 */
export function listPage<T>(ctx: Ctx, all: T[], defaultPerPage: number, allowPerPage: boolean): ListPage<T> {
  const { page, perPage } = pageParams(ctx.url, defaultPerPage, allowPerPage);
  const path = `${ctx.env.origin.origin}${ctx.url.pathname}`;
  if (ctx.env.variants.has('cursor-pagination')) return cursorPage(all, perPage, ctx.url.searchParams.get('cursor'), path);
  const items = paginate(all, page, perPage);
  if (!ctx.env.variants.has('simple-pagination')) return { items, envelope: (data) => ({ data, meta: pageMeta(all.length, page, perPage) }) };
  const link = (n: number): string => `${path}?page=${n}`;
  const more = page * perPage < all.length;
  const from = items.length ? (page - 1) * perPage + 1 : null;
  return {
    items,
    envelope: (data) => ({
      data,
      links: { first: link(1), last: null, prev: page > 1 ? link(page - 1) : null, next: more ? link(page + 1) : null },
      meta: { current_page: page, from, path, per_page: perPage, to: from === null ? null : from + items.length - 1 },
    }),
  };
}

/** Opaque to clients; an offset inside. An unreadable cursor reads as none (the first page), as Laravel does. */
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset, _pointsToNextItems: true })).toString('base64url');
}

function decodeCursor(raw: string | null): number {
  if (!raw) return 0;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { offset?: unknown };
    return typeof v.offset === 'number' && Number.isInteger(v.offset) && v.offset >= 0 ? v.offset : 0;
  } catch {
    return 0;
  }
}

function cursorPage<T>(all: T[], perPage: number, raw: string | null, path: string): ListPage<T> {
  const offset = decodeCursor(raw);
  const items = all.slice(offset, offset + perPage);
  const next = offset + perPage < all.length ? encodeCursor(offset + perPage) : null;
  const prev = offset > 0 ? encodeCursor(Math.max(0, offset - perPage)) : null;
  const link = (c: string | null): string | null => (c === null ? null : `${path}?cursor=${c}`);
  return {
    items,
    envelope: (data) => ({
      data,
      links: { first: null, last: null, prev: link(prev), next: link(next) },
      meta: { path, per_page: perPage, next_cursor: next, prev_cursor: prev },
    }),
  };
}

/** Lists the default reading leaves unpaginated (workspaces, a session's results) are paged only by the pagination variants. */
export function pagesEverything(ctx: Ctx): boolean {
  return ctx.env.variants.has('simple-pagination') || ctx.env.variants.has('cursor-pagination');
}
