// Walks a paginated list to the end whatever the server's paginator says (page numbers, `links.next`, cursors, or
// nothing but a short page), with guards against a server that would make it loop.
import type { PageRequest, Paginated } from '../../../shared/api';
import { ApiError, type ApiRequestInfo } from './api-error';

export interface PageWalkOptions {
  /** Labels the error if the server's paging misbehaves. */
  request: ApiRequestInfo;
  signal?: AbortSignal | undefined;
  /** A ceiling so a wrong `last_page` or an endless `links.next` cannot loop forever (default 1000 pages). */
  maxPages?: number;
}

export const FIRST_PAGE: PageRequest = { kind: 'page', page: 1 };

/**
 * The request for the page after `result`, or null when it was the last. In order: what the server named
 * (`meta.next_cursor`, `links.next`), `meta.last_page`, then the size of the page (one shorter than `per_page` is the
 * last; with no `per_page` either, the walk goes on until an empty page).
 */
export function nextPage<T>(asked: PageRequest, result: Paginated<T>): PageRequest | null {
  if (result.data.length === 0) return null;
  if (result.next !== undefined) return result.next;
  const { current_page, last_page, per_page } = result.meta;
  // A cursor page that names no next cursor cannot be followed by number.
  if (asked.kind === 'cursor') return null;
  const here = current_page ?? asked.page;
  if (last_page !== null) return here < last_page ? { kind: 'page', page: here + 1 } : null;
  if (per_page !== null && result.data.length < per_page) return null;
  return { kind: 'page', page: here + 1 };
}

function refuse(opts: PageWalkOptions, detail: string): ApiError {
  return new ApiError({ code: 'invalid-response', request: opts.request, detail });
}

/** Fails a page answer that would make the walk repeat itself. */
function checkPage<T>(asked: PageRequest, result: Paginated<T>, seen: Set<string>, opts: PageWalkOptions): void {
  // A server that ignores `page` would hand back page 1 forever: stop rather than loop or duplicate.
  if (asked.kind === 'page' && result.meta.current_page !== null && result.meta.current_page !== asked.page) {
    throw refuse(opts, `asked for page ${asked.page}, got page ${result.meta.current_page}`);
  }
  const next = nextPage(asked, result);
  if (next === null) return;
  const key = next.kind === 'page' ? `page:${next.page}` : `cursor:${next.cursor}`;
  if (seen.has(key)) throw refuse(opts, `the server pointed back to a page already read (${next.kind})`);
  seen.add(key);
}

export async function* iteratePages<T>(
  fetchPage: (req: PageRequest) => Promise<Paginated<T>>,
  opts: PageWalkOptions,
): AsyncGenerator<T[], void, undefined> {
  const maxPages = opts.maxPages ?? 1000;
  const seen = new Set<string>(['page:1']);
  let req: PageRequest | null = FIRST_PAGE;
  for (let n = 1; req !== null; n++) {
    if (opts.signal?.aborted) throw new ApiError({ code: 'aborted', request: opts.request });
    if (n > maxPages) throw refuse(opts, `more than ${maxPages} pages`);
    const result = await fetchPage(req);
    checkPage(req, result, seen, opts);
    yield result.data;
    req = nextPage(req, result);
  }
}

export async function collectPages<T>(fetchPage: (req: PageRequest) => Promise<Paginated<T>>, opts: PageWalkOptions): Promise<T[]> {
  const all: T[] = [];
  for await (const items of iteratePages(fetchPage, opts)) all.push(...items);
  return all;
}

/** The query a page request adds to a list call; page 1 adds nothing, so the first call is the plain list. */
export function pageQuery(req: PageRequest): Record<string, string | number> {
  if (req.kind === 'cursor') return { cursor: req.cursor };
  return req.page === 1 ? {} : { page: req.page };
}
