// The attaching step: uploaded keys of one target are attached in shared calls (or become one session per file), never twice.
import type { Target } from '../../../shared/queue';
import { parsingsOf, type DocLike } from './doc-status';
import type { EngineEvents } from './events';
import { targetRefusal, type Failures } from './failures';
import { createKeyBatcher } from './key-batcher';
import { classifyError } from './retry-policy';
import { save } from './journal-writes';
import { callApi, type Runtime } from './runtime';
import type { SessionDocsCache } from './session-docs';
import type { Transitions } from './transitions';
import { doneState, pendingState, targetKey, type Work } from './work';
import type { WorkspaceDocs } from './workspace-docs';

/** The API takes at most 50 keys (or files) per call. */
const MAX_ATTACH_KEYS = 50;
/** Uploads of one file in a row that Raydocs stored with other content before the item fails. */
const MAX_WRONG_CONTENT = 3;

type SessionTarget = Extract<Target, { kind: 'session' }>;

export interface AttachStep {
  /** Puts the item's key in its target's next attach call. */
  enqueue(w: Work): void;
  close(): void;
}

export function createAttachStep(
  rt: Runtime,
  t: Transitions,
  docs: SessionDocsCache,
  deps: Pick<Failures, 'handleError'> & { schedulePump(): void; events: Pick<EngineEvents, 'emit'>; workspace: Pick<WorkspaceDocs, 'createNamed'> },
): AttachStep {
  const { events, workspace } = deps;
  const { setState, fail } = t;

  /** Attached and its sha256 verified: the upload is over (storage-only), whatever the document's parse says. */
  const attached = (w: Work, sessionId: string, doc: DocLike): void => {
    w.running = false;
    w.attempt = 0;
    w.key = null;
    w.candidateSessions = null;
    w.verifyBeforeAttach = false;
    w.wrongContent = 0;
    w.sessionId = sessionId;
    w.documentId = doc.id;
    w.documentStatus = doc.status ?? 'uploaded';
    w.parsings = parsingsOf(doc);
    // Attached and verified: its content is this file's even when the answer left sha256 out.
    docs.remember(sessionId, doc.sha256 ? doc : { ...doc, sha256: w.sha256 });
    setState(w, doneState(w, w.reused === 'before-upload' ? 'already-in-workspace' : w.reused === 'on-create' ? 'reused' : 'uploaded'), true);
  };

  /**
   * Raydocs holds other bytes than were hashed (`got`): never keep them. A wrong document already attached is detached
   * first (`detachFrom`), then the file is hashed and uploaded again as it is now; a file that keeps disagreeing fails.
   */
  const wrongContent = async (w: Work, got: string | null, detachFrom: { sessionId: string; documentId: string } | null): Promise<void> => {
    w.running = false;
    const what = `Raydocs stored different content (sha256 ${(got ?? 'none').slice(0, 12)}…) than the local file (sha256 ${(w.sha256 ?? '').slice(0, 12)}…)`;
    if (detachFrom) {
      await callApi(rt, (c) => c.detachSessionDocument(detachFrom.sessionId, detachFrom.documentId)).catch(() => undefined);
      docs.forget(detachFrom.sessionId);
      events.emit({ type: 'notice', code: 'wrong-content-detached', message: `${w.item.name}: ${what}; that document was detached from the session and the file is uploaded again.` });
    }
    rt.store.indexContent(w, false);
    w.key = null;
    w.sha256 = null;
    w.documentId = null;
    w.reused = null;
    w.verifyBeforeAttach = false;
    w.next = 'hashing';
    if (++w.wrongContent > MAX_WRONG_CONTENT) return fail(w, 'attaching', 'hash-mismatch', `${what}; the file may be changing while it uploads`);
    setState(w, pendingState(w), true);
  };

  const attachToSession = async (target: SessionTarget, batch: Work[], live: () => Work[]): Promise<void> => {
    const { sessionId } = target;
    // Items an earlier try may have carried further than the journal says (a crash, a lost answer, an error).
    const retried = new Set(batch.filter((w) => w.verifyBeforeAttach));
    let todo = batch;
    if (batch.some((w) => w.verifyBeforeAttach)) {
      const present = await docs.load(target, true);
      todo = [];
      for (const w of live()) {
        const doc = w.sha256 ? present.bySha.get(w.sha256) : undefined;
        if (doc) attached(w, sessionId, doc);
        else todo.push(w);
      }
    }
    const pending = (): Work[] => todo.filter((w) => w.running && live().includes(w));
    if (pending().length === 0) return;
    for (const w of pending()) {
      w.verifyBeforeAttach = true; // from here on the server may hold it
      save(rt, w);
    }
    await rt.journal?.flush();
    // Keep file names: each key becomes a workspace document named after its file, then one attach by id.
    for (const w of await workspace.createNamed(target.workspaceId, pending().filter((x) => x.key), (x) => retried.has(x))) await wrongContent(w, null, null);
    for (const w of pending()) save(rt, w, true);
    const byId = pending().filter((w) => !w.key && w.documentId);
    if (byId.length > 0) await settle(sessionId, byId, await callApi(rt, (c) => c.attachSessionDocuments(sessionId, byId.map((w) => w.documentId!))), live);
    const byKey = pending().filter((w) => w.key);
    if (byKey.length > 0) await settle(sessionId, byKey, await callApi(rt, (c) => c.uploadSessionDocuments(sessionId, byKey.map((w) => w.key!))), live);
  };

  /** Matches the attach answer to the files by id or sha256; what came back with other content is detached. */
  const settle = async (sessionId: string, sent: Work[], returned: DocLike[], live: () => Work[]): Promise<void> => {
    const stillLive = live();
    const claimed = new Set<DocLike>();
    const mismatched: Work[] = [];
    for (const w of sent) {
      const doc = (w.documentId && returned.find((d) => d.id === w.documentId)) || returned.find((d) => d.sha256 === w.sha256);
      // A document listed without a sha256 is trusted by id: the create already checked its content.
      if (!doc || (doc.sha256 && doc.sha256 !== w.sha256)) {
        mismatched.push(w);
        continue;
      }
      claimed.add(doc);
      if (stillLive.includes(w)) attached(w, sessionId, doc);
    }
    // A returned document no file claims, with content no file of the call has, holds bytes nobody hashed: the wrong
    // upload of a mismatched file, attached now. It goes before anything else.
    const strays = returned.filter((d) => !claimed.has(d) && d.sha256 && !sent.some((w) => w.sha256 === d.sha256));
    for (const [i, w] of mismatched.entries()) {
      const stray = (w.documentId && strays.find((d) => d.id === w.documentId)) || strays[i] || null;
      await wrongContent(w, stray?.sha256 ?? null, stray ? { sessionId, documentId: stray.id } : null);
    }
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
    const workspaceId = todo[0]?.item.target.workspaceId ?? 0;
    for (const sessionId of candidates) {
      const listed = await callApi(rt, (c) => c.listSessionDocuments(sessionId));
      for (const doc of await docs.withSha(workspaceId, listed)) if (doc.sha256) held.set(doc.sha256, { sessionId, doc });
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
      if (w && w.inAttachBatch && w.next === 'attaching' && (w.key || w.candidateSessions || w.documentId)) batch.push(w);
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
      if (target.kind === 'session') await attachToSession(target, batch, live);
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
