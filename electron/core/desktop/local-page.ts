// One page of a list read to its end: the window's pager shows page numbers however the server paginates (§2, §13).
import type { Paginated } from '../../../shared/api';

export function localPage<T>(all: readonly T[], page: number, perPage: number): Paginated<T> {
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const current = Math.min(Math.max(1, page), lastPage);
  return {
    data: all.slice((current - 1) * perPage, current * perPage),
    meta: { current_page: current, last_page: lastPage, per_page: perPage, total: all.length },
    next: null,
  };
}
