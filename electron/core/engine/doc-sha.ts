// Lists that leave out sha256 (G1-style lists, docs/raydocs-api.md §9.1, §12): each such document is read once for its
// sha256, remembered by id (a document's content never changes), so dedup and crash recovery can still find it.
import { ApiError } from '../api/api-error';
import { mapLimit } from '../map-limit';
import type { DocLike } from './doc-status';
import type { Runtime } from './runtime';

/** Documents read at once when a list came without sha256. */
const READ_CONCURRENCY = 4;

export interface DocShas {
  /** `docs` with every sha256 filled in: the list's own, else one read of the document (cached by id); null if unreadable. */
  withSha(workspaceId: number, docs: readonly DocLike[]): Promise<DocLike[]>;
  /** The content of a document we attached and verified: no read needed later. */
  learn(id: string, sha256: string): void;
}

/** 403 (no documents-read) or 404: the sha256 stays unknown, and the document is treated as holding no known content. */
function unreadable(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 403 || err.status === 404);
}

export function createDocShas(rt: Runtime): DocShas {
  const byId = new Map<string, Promise<string | null>>();
  let forbidden = false;

  const read = (workspaceId: number, id: string): Promise<string | null> => {
    const known = byId.get(id);
    if (known) return known;
    if (forbidden) return Promise.resolve(null);
    const p = rt.client.getWorkspaceDocument(workspaceId, id).then(
      (d) => d.sha256 ?? null,
      (err: unknown) => {
        if (!unreadable(err)) {
          byId.delete(id); // a passing failure: ask again next time
          throw err;
        }
        if (err instanceof ApiError && err.status === 403) forbidden = true;
        return null;
      },
    );
    byId.set(id, p);
    return p;
  };

  return {
    async withSha(workspaceId, docs) {
      if (docs.every((d) => d.sha256)) return [...docs];
      return mapLimit(docs, READ_CONCURRENCY, async (d) => (d.sha256 ? d : { ...d, sha256: await read(workspaceId, d.id) }));
    },
    learn(id, sha256) {
      byId.set(id, Promise.resolve(sha256));
    },
  };
}
