// Walks Laravel page-number pagination to the end, with guards against a server that never says "last page".
import type { Paginated } from '../../../shared/api';
import { ApiError, type ApiRequestInfo } from './api-error';

export interface PageWalkOptions {
  /** Labels the error if the server's paging misbehaves. */
  request: ApiRequestInfo;
  signal?: AbortSignal | undefined;
  /** A ceiling so a wrong `last_page` cannot loop forever (default 1000 pages). */
  maxPages?: number;
}

export async function* iteratePages<T>(
  fetchPage: (page: number) => Promise<Paginated<T>>,
  opts: PageWalkOptions,
): AsyncGenerator<T[], void, undefined> {
  const maxPages = opts.maxPages ?? 1000;
  for (let page = 1; ; page++) {
    if (opts.signal?.aborted) throw new ApiError({ code: 'aborted', request: opts.request });
    if (page > maxPages) {
      throw new ApiError({ code: 'invalid_response', request: opts.request, detail: `more than ${maxPages} pages` });
    }
    const result = await fetchPage(page);
    // A server that ignores `page` would hand back page 1 forever: stop rather than loop or duplicate.
    if (result.meta.current_page !== page) {
      throw new ApiError({
        code: 'invalid_response',
        request: opts.request,
        detail: `asked for page ${page}, got page ${result.meta.current_page}`,
      });
    }
    yield result.data;
    if (result.data.length === 0 || page >= result.meta.last_page) return;
  }
}

export async function collectPages<T>(fetchPage: (page: number) => Promise<Paginated<T>>, opts: PageWalkOptions): Promise<T[]> {
  const all: T[] = [];
  for await (const items of iteratePages(fetchPage, opts)) all.push(...items);
  return all;
}
