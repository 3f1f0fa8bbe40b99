// Page walking: page numbers, links.next, cursors and short pages; refuses a server that ignores `page`, caps runaway paging.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/core/api/api-error';
import { collectPages } from '../../../electron/core/api/pagination';
import { parseResponse, responses, type PageRequest, type Paginated } from '../../../shared/api';

const request = { method: 'GET', path: '/workspaces/1/extractions/templates' };
const page = (n: number, last: number, items: number[]): Paginated<number> => ({
  data: items,
  meta: { current_page: n, last_page: last, per_page: 2, total: 99 },
});
const num = (req: PageRequest): number => (req.kind === 'page' ? req.page : Number.NaN);

/** A list of `total` numbers served 2 a page the way `shape` pages it, parsed by the real schema. */
function server(shape: 'simple' | 'cursor' | 'partial' | 'links-only', total: number) {
  const asked: PageRequest[] = [];
  const fetchPage = async (req: PageRequest) => {
    asked.push(req);
    const offset = req.kind === 'page' ? (req.page - 1) * 2 : Number(req.cursor.slice(1));
    const data = Array.from({ length: Math.max(0, Math.min(2, total - offset)) }, (_, i) => ({ id: String(offset + i) }));
    const more = offset + 2 < total;
    const n = offset / 2 + 1;
    const body =
      shape === 'simple'
        ? { data, links: { next: more ? `https://api.raydocs.com/x?page=${n + 1}` : null }, meta: { current_page: n, per_page: 2 } }
        : shape === 'cursor'
          ? { data, links: { next: null }, meta: { per_page: 2, next_cursor: more ? `c${offset + 2}` : null, prev_cursor: null } }
          : shape === 'partial'
            ? { data, meta: { current_page: n, per_page: 2 } }
            : { data, links: { next: more ? `/x?page=${n + 1}` : null } };
    return parseResponse('TEST', responses.listSessionDocuments, body) as unknown as Paginated<{ id: string }>;
  };
  return { asked, fetchPage };
}

describe('collectPages', () => {
  it('collects every page in order', async () => {
    const seen: number[] = [];
    const all = await collectPages(async (req) => (seen.push(num(req)), page(num(req), 3, [num(req) * 10, num(req) * 10 + 1])), { request });
    expect(all).toEqual([10, 11, 20, 21, 30, 31]);
    expect(seen).toEqual([1, 2, 3]);
  });
  it('stops on an empty page even if last_page says more', async () => {
    expect(await collectPages(async (req) => page(num(req), 9, num(req) === 1 ? [1] : []), { request })).toEqual([1]);
  });
  it('refuses a server that answers page 1 to every request', async () => {
    await expect(collectPages(async () => page(1, 5, [1]), { request })).rejects.toMatchObject({ code: 'invalid-response' });
  });
  it('caps the number of pages', async () => {
    await expect(collectPages(async (req) => page(num(req), 1e9, [num(req)]), { request, maxPages: 3 })).rejects.toBeInstanceOf(ApiError);
  });
  it('honours the abort signal between pages', async () => {
    const ac = new AbortController();
    const run = collectPages(async (req) => (ac.abort(), page(num(req), 3, [num(req)])), { request, signal: ac.signal });
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
  });

  it.each(['simple', 'cursor', 'partial', 'links-only'] as const)('reads every item of a %s paginator (no last_page)', async (shape) => {
    const s = server(shape, 5);
    expect((await collectPages(s.fetchPage, { request })).map((d) => d.id)).toEqual(['0', '1', '2', '3', '4']);
    expect(s.asked).toHaveLength(3);
  });
  it('a full last page of a partial meta costs one more, empty, page', async () => {
    const s = server('partial', 4);
    expect(await collectPages(s.fetchPage, { request })).toHaveLength(4);
    expect(s.asked.map(num)).toEqual([1, 2, 3]);
  });
  it('follows cursors by value: the second request carries the first answer’s cursor', async () => {
    const s = server('cursor', 5);
    await collectPages(s.fetchPage, { request });
    expect(s.asked).toEqual([{ kind: 'page', page: 1 }, { kind: 'cursor', cursor: 'c2' }, { kind: 'cursor', cursor: 'c4' }]);
  });
  it('refuses a server whose next cursor points back to a page already read', async () => {
    const again = async (): Promise<Paginated<number>> => ({ data: [1], meta: { current_page: null, last_page: null, per_page: 1, total: null }, next: { kind: 'cursor', cursor: 'same' } });
    await expect(collectPages(again, { request })).rejects.toMatchObject({ code: 'invalid-response' });
  });
  it('refuses links.next pointing back to page 1', async () => {
    const back = async (): Promise<Paginated<number>> => ({ data: [1], meta: { current_page: null, last_page: null, per_page: null, total: null }, next: { kind: 'page', page: 1 } });
    await expect(collectPages(back, { request })).rejects.toMatchObject({ code: 'invalid-response' });
  });
});
