// A per-session cache of the documents already there (by sha256): one listSessionDocuments call serves every item.
import { createDocShas, type DocShas } from './doc-sha';
import type { DocLike } from './doc-status';
import type { Runtime } from './runtime';

export interface SessionDocs {
  bySha: Map<string, DocLike>;
}

/** A session and the workspace it belongs to (where its documents can be read one by one). */
export interface SessionRef {
  sessionId: string;
  workspaceId: number;
}

export interface SessionDocsCache extends Pick<DocShas, 'withSha'> {
  /**
   * The cached list (a shared promise), or a fresh one when the answer must reflect the server now. A list that leaves
   * out sha256 has each such document read once (doc-sha.ts), so it is found by content all the same.
   */
  load(session: SessionRef, fresh: boolean): Promise<SessionDocs>;
  /** Our own attaches join the cache, so later checks see them without asking. */
  remember(sessionId: string, doc: DocLike): void;
  /** The session changed in a way the cache cannot follow (a detach): read it again next time. */
  forget(sessionId: string): void;
}

export function createSessionDocsCache(rt: Runtime, shas: DocShas = createDocShas(rt)): SessionDocsCache {
  const cache = new Map<string, Promise<SessionDocs>>();
  return {
    withSha: shas.withSha,
    load({ sessionId, workspaceId }, fresh) {
      const cached = cache.get(sessionId);
      if (cached && !fresh) return cached;
      const p = rt.client.listSessionDocuments(sessionId).then(async (listed) => {
        const docs = await shas.withSha(workspaceId, listed);
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
      if (doc.sha256) shas.learn(doc.id, doc.sha256);
      const p = cache.get(sessionId);
      if (p) void p.then((s) => doc.sha256 && s.bySha.set(doc.sha256, doc)).catch(() => undefined);
    },
  };
}
