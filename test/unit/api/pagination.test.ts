// Page walking: stops at last_page, refuses a server that ignores `page`, caps runaway paging.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/core/api/api-error';
import { collectPages } from '../../../electron/core/api/pagination';
import type { Paginated } from '../../../shared/api';

const request = { method: 'GET', path: '/workspaces/1/extractions/templates' };
const page = (n: number, last: number, items: number[]): Paginated<number> => ({
  data: items,
  meta: { current_page: n, last_page: last, per_page: 2, total: 99 },
});

describe('collectPages', () => {
  it('collects every page in order', async () => {
    const seen: number[] = [];
    const all = await collectPages(async (n) => (seen.push(n), page(n, 3, [n * 10, n * 10 + 1])), { request });
    expect(all).toEqual([10, 11, 20, 21, 30, 31]);
    expect(seen).toEqual([1, 2, 3]);
  });
  it('stops on an empty page even if last_page says more', async () => {
    expect(await collectPages(async (n) => page(n, 9, n === 1 ? [1] : []), { request })).toEqual([1]);
  });
  it('refuses a server that answers page 1 to every request', async () => {
    await expect(collectPages(async () => page(1, 5, [1]), { request })).rejects.toMatchObject({ code: 'invalid_response' });
  });
  it('caps the number of pages', async () => {
    await expect(collectPages(async (n) => page(n, 1e9, [n]), { request, maxPages: 3 })).rejects.toBeInstanceOf(ApiError);
  });
  it('honours the abort signal between pages', async () => {
    const ac = new AbortController();
    const run = collectPages(async (n) => (ac.abort(), page(n, 3, [n])), { request, signal: ac.signal });
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
  });
});
