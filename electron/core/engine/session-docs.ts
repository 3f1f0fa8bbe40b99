// A per-session cache of the documents already there (by sha256): one listSessionDocuments call serves every item.
import type { DocLike } from './doc-status';
import { callApi, type Runtime } from './runtime';

export interface SessionDocs {
  bySha: Map<string, DocLike>;
}

export interface SessionDocsCache {
  /** The cached list (a shared promise), or a fresh one when the answer must reflect the server now. */
  load(sessionId: string, fresh: boolean): Promise<SessionDocs>;
  /** Our own attaches join the cache, so later checks see them without asking. */
  remember(sessionId: string, doc: DocLike): void;
  /** The session changed in a way the cache cannot follow (a detach): read it again next time. */
  forget(sessionId: string): void;
}

export function createSessionDocsCache(rt: Runtime): SessionDocsCache {
  const cache = new Map<string, Promise<SessionDocs>>();
  return {
    load(sessionId, fresh) {
      const cached = cache.get(sessionId);
      if (cached && !fresh) return cached;
      const p = callApi(rt, (c) => c.listSessionDocuments(sessionId)).then((docs) => {
        const bySha = new Map<string, DocLike>();
        for (const d of docs) if (d.sha256) bySha.set(d.sha256, d);
        return { bySha };
      });
      cache.set(sessionId, p);
      // A failed read is not cached: the next item asks again.
      p.catch(() => {
        if (cache.get(sessionId) === p) cache.delete(sessionId);
      });
      return p;
    },
    forget(sessionId) {
      cache.delete(sessionId);
    },
    remember(sessionId, doc) {
      const p = cache.get(sessionId);
      if (p) void p.then((s) => doc.sha256 && s.bySha.set(doc.sha256, doc)).catch(() => undefined);
    },
  };
}
