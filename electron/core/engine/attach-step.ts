// The attaching step: uploaded keys of one target are attached in shared calls (or become one session per file), never twice.
import { parsingsOf, type DocLike } from './doc-status';
import { targetRefusal, type Failures } from './failures';
import { createKeyBatcher } from './key-batcher';
import { classifyError } from './retry-policy';
import { save } from './journal-writes';
import { callApi, type Runtime } from './runtime';
import type { SessionDocsCache } from './session-docs';
import type { Transitions } from './transitions';
import { doneState, pendingState, targetKey, type Work } from './work';

/** The API takes at most 50 keys (or files) per call. */
const MAX_ATTACH_KEYS = 50;

export interface AttachStep {
  /** Puts the item's key in its target's next attach call. */
  enqueue(w: Work): void;
  close(): void;
}

export function createAttachStep(
  rt: Runtime,
  t: Transitions,
  docs: SessionDocsCache,
  deps: Pick<Failures, 'handleError'> & { schedulePump(): void },
): AttachStep {
  const { setState, fail } = t;

  /** Attached and its sha256 verified: the upload is over (storage-only), whatever the document's parse says. */
  const attached = (w: Work, sessionId: string, doc: DocLike): void => {
    w.running = false;
    w.attempt = 0;
    w.key = null;
    w.candidateSessions = null;
    w.verifyBeforeAttach = false;
    w.sessionId = sessionId;
    w.documentId = doc.id;
    w.documentStatus = doc.status ?? 'uploaded';
    w.parsings = parsingsOf(doc);
    docs.remember(sessionId, doc);
    setState(w, doneState(w, 'uploaded'), true);
  };

  const attachToSession = async (sessionId: string, batch: Work[], live: () => Work[]): Promise<void> => {
    let todo = batch;
    if (batch.some((w) => w.verifyBeforeAttach)) {
      const present = await docs.load(sessionId, true);
      todo = [];
      for (const w of live()) {
        const doc = w.sha256 ? present.bySha.get(w.sha256) : undefined;
        if (doc) attached(w, sessionId, doc);
        else todo.push(w);
      }
    }
    todo = todo.filter((w) => live().includes(w));
    if (todo.length === 0) return;
    for (const w of todo) {
      w.verifyBeforeAttach = true; // from here on the server may hold it
      save(rt, w);
    }
    await rt.journal?.flush();
    const returned = await callApi(rt, (c) => c.uploadSessionDocuments(sessionId, todo.map((w) => w.key!)));
    const stillLive = live();
    todo.forEach((w, i) => {
      if (!stillLive.includes(w)) return;
      const byIndex = returned.length === todo.length ? returned[i] : undefined;
      const doc = byIndex?.sha256 === w.sha256 ? byIndex : returned.find((d) => d.sha256 === w.sha256);
      if (doc) return attached(w, sessionId, doc);
      const got = byIndex?.sha256 ?? 'none';
      w.running = false;
      fail(w, 'attaching', 'hash-mismatch', `Raydocs stored different content (sha256 ${got.slice(0, 12)}…) than the local file (sha256 ${(w.sha256 ?? '').slice(0, 12)}…); the file may have changed during upload`);
      // A retry starts over from the bytes on disk.
      rt.store.indexContent(w, false);
      w.key = null;
      w.sha256 = null;
      w.verifyBeforeAttach = false;
      w.next = 'hashing';
      save(rt, w, true);
    });
  };

  /**
   * One session per file. The batch answer lists sessions without saying which file each holds (nor promising their
   * order), so every item first remembers all the sessions its call made; each is then settled by finding its sha256
   * in one of them, and that session is renamed after the file. A crash or error in between resumes at the lookup,
   * never at a second create.
   */
  const createSessionsPerFile = async (templateId: string, autoExtract: boolean, live: () => Work[]): Promise<void> => {
    const fresh = live().filter((w) => w.key && !w.candidateSessions);
    if (fresh.length > 0) {
      for (const w of fresh) {
        w.verifyBeforeAttach = true;
        save(rt, w);
      }
      await rt.journal?.flush();
      const sessions = await callApi(rt, (c) => c.batchCreateSessions(templateId, { files: fresh.map((w) => w.key!), settings: { auto_extract: autoExtract } }));
      const ids = sessions.map((s) => s.id);
      for (const w of fresh) {
        w.key = null;
        w.candidateSessions = ids;
        save(rt, w, true);
      }
    }
    await settlePerFile(live().filter((w) => w.candidateSessions));
  };

  const settlePerFile = async (todo: Work[]): Promise<void> => {
    const candidates = [...new Set(todo.flatMap((w) => w.candidateSessions ?? []))];
    const held = new Map<string, { sessionId: string; doc: DocLike }>();
    for (const sessionId of candidates) {
      for (const doc of await callApi(rt, (c) => c.listSessionDocuments(sessionId))) if (doc.sha256) held.set(doc.sha256, { sessionId, doc });
    }
    for (const w of todo) {
      if (!w.running) continue;
      const found = w.sha256 ? held.get(w.sha256) : undefined;
      if (!found || !w.candidateSessions?.includes(found.sessionId)) {
        fail(w, 'attaching', 'invalid-response', 'Raydocs created the sessions, but none of them holds this file');
        continue;
      }
      // Batch-created sessions are all named "Pending…": name this one after its file so people can find it.
      await callApi(rt, (c) => c.renameSession(found.sessionId, w.item.name)).catch(() => undefined);
      attached(w, found.sessionId, found.doc);
    }
  };

  const flush = async (ids: string[]): Promise<void> => {
    if (rt.closed) return;
    const batch: Work[] = [];
    for (const id of ids) {
      const w = rt.store.works.get(id);
      if (w && w.inAttachBatch && w.next === 'attaching' && (w.key || w.candidateSessions)) batch.push(w);
    }
    if (batch.length === 0) return;
    const gens = new Map(batch.map((w) => [w, w.gen]));
    for (const w of batch) {
      w.inAttachBatch = false;
      w.running = true;
    }
    const live = (): Work[] => batch.filter((w) => w.gen === gens.get(w) && !rt.closed);
    const target = batch[0]!.item.target;
    try {
      if (target.kind === 'session') await attachToSession(target.sessionId, batch, live);
      else await createSessionsPerFile(target.templateId, target.autoExtract, live);
    } catch (err) {
      const pending = live().filter((w) => w.running);
      // A refusal of the whole call (422) may be about one key: try each alone before failing anyone. A refusal of the
      // target itself (403, session or template gone) is about every key: handleError fails them all at once.
      if (pending.length > 1 && classifyError(err).kind === 'fail' && !targetRefusal(err, target)) {
        for (const w of pending) {
          w.running = false;
          w.soloAttach = true;
          w.verifyBeforeAttach = true;
          setState(w, pendingState(w), true);
        }
        return;
      }
      for (const w of live()) {
        if (!w.running) continue; // already settled by the pre-attach check
        // The server may have done it before the error reached us: look first next time.
        w.verifyBeforeAttach = true;
        save(rt, w);
        deps.handleError(w, 'attaching', gens.get(w)!, err);
      }
    } finally {
      deps.schedulePump();
    }
  };

  const batcher = createKeyBatcher({ windowMs: rt.cfg.attachWindowMs, max: MAX_ATTACH_KEYS, onBatch: (_key, ids) => void flush(ids) });

  return {
    enqueue(w) {
      w.inAttachBatch = true;
      // After a refused batch each key goes alone, so one bad file cannot fail the others.
      batcher.add(targetKey(w.item.target), w.item.id, w.soloAttach);
    },
    close: () => batcher.close(),
  };
}
