// The attaching step: uploaded keys of one target are attached in shared calls (or become one session per file), never twice.
// Past 250 lines for one reason: the session path, the per-file path and key refusals share one batcher, one session
// cache and the outcome helpers, and are easier to check together than split across files.
import type { Target } from '../../../shared/queue';
import { parsingsOf, type DocLike } from './doc-status';
import type { EngineEvents } from './events';
import { targetRefusal, type Failures } from './failures';
import { createKeyBatcher } from './key-batcher';
import { classifyError } from './retry-policy';
import { save } from './journal-writes';
import { isValidation, keyRefusal, sessionRefused, type KeyField } from './refusals';
import { beginRun, type Run } from './run';
import type { Runtime } from './runtime';
import type { SessionDocsCache } from './session-docs';
import type { Transitions } from './transitions';
import { doneState, pendingState, targetKey, type Work } from './work';
import type { WorkspaceDocs } from './workspace-docs';

/** The API takes at most 50 keys (or files) per call. */
const MAX_ATTACH_KEYS = 50;
/** Uploads of one file in a row that Raydocs stored with other content before the item fails. */
const MAX_WRONG_CONTENT = 3;
/** Fresh keys of one file in a row that Raydocs refused as gone before the item fails (a misread refusal cannot loop). */
const MAX_REFUSED_KEYS = 3;
/**
 * The server hashes what it attaches (docs/raydocs-api.md §0) before it answers, so an attach of 50 large files can take
 * minutes: the call's timeout grows with its bytes. 0.5 s per MiB is 2.5 times what the emulator's slow-attach reading
 * plays; no timing is documented. A timeout is still no proof of failure: the next try looks first.
 */
const ATTACH_TIMEOUT_BASE_MS = 30_000;
/**
 * Keys waiting for or in attach calls at once: ten full calls, more than the rate limit sends in several seconds. A
 * restart of a large queue would otherwise begin every recovered attach in one tick, each call then waiting in the limiter.
 */
export const ATTACH_KEYS_IN_FLIGHT = 10 * MAX_ATTACH_KEYS;
const ATTACH_TIMEOUT_MS_PER_MIB = 500;

/** The timeout for one attach (or upload-by-key) call covering these files. */
export function attachTimeoutMs(items: Array<Pick<Work, 'hashedSize' | 'item'>>): number {
  const bytes = items.reduce((sum, w) => sum + (w.hashedSize ?? w.item.size), 0);
  return ATTACH_TIMEOUT_BASE_MS + Math.ceil((bytes / (1024 * 1024)) * ATTACH_TIMEOUT_MS_PER_MIB);
}

type SessionTarget = Extract<Target, { kind: 'session' }>;
type PerFileTarget = Exclude<Target, SessionTarget>;

export interface AttachStep {
  /** Puts the item's key in its target's next attach call. */
  enqueue(w: Work): void;
  /** Enough keys are waiting for or in attach calls: the scheduler leaves the rest in line (ATTACH_KEYS_IN_FLIGHT). */
  full(): boolean;
  close(): void;
}

export function createAttachStep(
  rt: Runtime,
  t: Transitions,
  docs: SessionDocsCache,
  deps: Pick<Failures, 'handleError'> & { schedulePump(): void; events: Pick<EngineEvents, 'emit'>; workspace: Pick<WorkspaceDocs, 'createNamed' | 'findBySha'> },
): AttachStep {
  const { events, workspace } = deps;
  const { setState, fail } = t;

  /** Attached and its sha256 verified: the upload is over (storage-only), whatever the document's parse says. */
  const attached = (w: Work, sessionId: string, doc: DocLike): void => {
    w.run?.finish();
    w.attempt = 0;
    w.key = null;
    w.candidateSessions = null;
    w.verifyBeforeAttach = false;
    w.wrongContent = 0;
    w.refusedKeys = 0;
    w.sessionId = sessionId;
    w.documentId = doc.id;
    w.documentStatus = doc.status ?? 'uploaded';
    w.parsings = parsingsOf(doc);
    // Attached and verified: its content is this file's even when the answer left sha256 out.
    docs.remember(sessionId, doc.sha256 ? doc : { ...doc, sha256: w.sha256 });
    setState(w, doneState(w, w.reused === 'before-upload' ? 'already-in-workspace' : w.reused === 'on-create' ? 'reused' : 'uploaded'), { durable: true });
  };

  /**
   * Raydocs holds other bytes than were hashed (`got`): never keep them. A wrong document already attached is detached
   * first (`detachFrom`), then the file is hashed and uploaded again as it is now; a file that keeps disagreeing fails.
   */
  const wrongContent = async (w: Work, got: string | null, detachFrom: { sessionId: string; documentId: string } | null): Promise<void> => {
    w.run?.finish();
    const what = `Raydocs stored different content (sha256 ${(got ?? 'none').slice(0, 12)}…) than the local file (sha256 ${(w.sha256 ?? '').slice(0, 12)}…)`;
    if (detachFrom) {
      await rt.client.detachSessionDocument(detachFrom.sessionId, detachFrom.documentId).catch(() => undefined);
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
    setState(w, pendingState(w), { durable: true });
  };

  /** Back in line for the next attach call, looking in the session first. */
  const attachAgain = (w: Work): void => {
    w.run?.finish();
    w.verifyBeforeAttach = true;
    setState(w, pendingState(w), { durable: true });
  };

  /** The key is gone but the file is here: a new URL and a new PUT, then an attach of the new key. */
  const uploadAgain = (w: Work, why: string): void => {
    w.run?.finish();
    w.key = null;
    w.documentId = null;
    w.reused = null;
    w.verifyBeforeAttach = false;
    w.next = 'uploading';
    if (++w.refusedKeys > MAX_REFUSED_KEYS) return fail(w, 'attaching', 'key-refused', `Raydocs refused ${MAX_REFUSED_KEYS + 1} uploads of this file in a row as gone: ${why}`);
    setState(w, pendingState(w), { durable: true });
  };

  /**
   * Keys Raydocs refused as unknown, consumed or expired. Their content may already be stored (an earlier try attached
   * it, or created its workspace document before its answer was lost): the session is read fresh and, on the two-call
   * path, the workspace is asked by sha256; what is found is finished or attached by id. The rest is uploaded again.
   */
  const keysGone = async (target: Target, gone: Work[], why: string, lookInWorkspace: boolean, live: () => Work[]): Promise<void> => {
    const open = (): Work[] => gone.filter((w) => live().includes(w));
    if (target.kind === 'session' && open().length > 0) {
      const present = await docs.load(target, true);
      for (const w of open()) {
        const doc = w.sha256 ? present.bySha.get(w.sha256) : undefined;
        if (doc) attached(w, target.sessionId, doc);
      }
      for (const w of lookInWorkspace ? open() : []) {
        const known = w.sha256 ? await workspace.findBySha(target.workspaceId, w.sha256) : null;
        if (!known || !open().includes(w)) continue;
        w.key = null;
        w.documentId = known.id;
        attachAgain(w);
      }
    }
    for (const w of open()) uploadAgain(w, why);
  };

  /**
   * Sends `sent`'s keys with `call`. When Raydocs refuses some of them as gone, those files are looked for and otherwise
   * uploaded again; if nothing else was refused, the others go again. Returns null then. From then on each of these
   * files goes in a call of its own: a server that spends the good keys of a refused call (no transaction) would
   * otherwise spend every new key along with the next refused one, round after round.
   */
  const sendingKeys = async <T>(target: Target, sent: Work[], field: KeyField, live: () => Work[], call: () => Promise<T>): Promise<T | null> => {
    try {
      return await call();
    } catch (err) {
      const refusal = keyRefusal(err, field);
      if (!refusal) throw err;
      const gone = refusal.gone.map((i) => sent[i]).filter((w): w is Work => w !== undefined);
      for (const w of sent) w.soloAttach = true;
      await keysGone(target, gone, err instanceof Error ? err.message : String(err), false, live);
      if (refusal.other) throw err;
      for (const w of sent) if (!gone.includes(w) && live().includes(w)) attachAgain(w);
      return null;
    }
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
    const pending = (): Work[] => todo.filter((w) => live().includes(w));
    if (pending().length === 0) return;
    for (const w of pending()) {
      w.verifyBeforeAttach = true; // from here on the server may hold it
      save(rt, w);
    }
    await rt.journal?.flush();
    // Keep file names: each key becomes a workspace document named after its file, then one attach by id.
    const made = await workspace.createNamed(target.workspaceId, pending().filter((x) => x.key), (x) => retried.has(x));
    for (const w of made.wrong) await wrongContent(w, null, null);
    for (const { work, err } of made.failed) {
      if (!live().includes(work)) continue;
      save(rt, work); // verifyBeforeAttach is set: the create may have happened before the error reached us
      deps.handleError(work, 'attaching', work.run!, err);
    }
    for (const { work, why } of made.gone) await keysGone(target, [work], why, true, live);
    for (const w of pending()) save(rt, w, true);
    const byId = pending().filter((w) => !w.key && w.documentId);
    const timeoutMs = attachTimeoutMs(byId);
    if (byId.length > 0) await settle(sessionId, byId, await rt.client.attachSessionDocuments(sessionId, byId.map((w) => w.documentId!), undefined, { timeoutMs }), live);
    const byKey = pending().filter((w) => w.key);
    if (byKey.length === 0) return;
    const upload = (): Promise<DocLike[]> => rt.client.uploadSessionDocuments(sessionId, byKey.map((w) => w.key!), undefined, { timeoutMs: attachTimeoutMs(byKey) });
    const returned = await sendingKeys(target, byKey, 'keys', live, upload);
    if (returned) await settle(sessionId, byKey, returned, live);
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
  const createSessionsPerFile = async (target: PerFileTarget, live: () => Work[]): Promise<void> => {
    const { templateId, autoExtract } = target;
    const fresh = live().filter((w) => w.key && !w.candidateSessions);
    if (fresh.length > 0) {
      for (const w of fresh) {
        w.verifyBeforeAttach = true;
        save(rt, w);
      }
      await rt.journal?.flush();
      const create = () => rt.client.batchCreateSessions(templateId, { files: fresh.map((w) => w.key!), settings: { auto_extract: autoExtract } });
      const sessions = await sendingKeys(target, fresh, 'files', live, create);
      const ids = (sessions ?? []).map((s) => s.id);
      for (const w of sessions ? fresh : []) {
        w.key = null;
        w.candidateSessions = ids;
        save(rt, w, true);
      }
    }
    await settlePerFile(live().filter((w) => w.candidateSessions), live);
  };

  const settlePerFile = async (todo: Work[], live: () => Work[]): Promise<void> => {
    const candidates = [...new Set(todo.flatMap((w) => w.candidateSessions ?? []))];
    const held = new Map<string, { sessionId: string; doc: DocLike }>();
    const workspaceId = todo[0]?.item.target.workspaceId ?? 0;
    for (const sessionId of candidates) {
      const listed = await rt.client.listSessionDocuments(sessionId);
      for (const doc of await docs.withSha(workspaceId, listed)) if (doc.sha256) held.set(doc.sha256, { sessionId, doc });
    }
    for (const w of todo) {
      if (!live().includes(w)) continue;
      const found = w.sha256 ? held.get(w.sha256) : undefined;
      if (!found || !w.candidateSessions?.includes(found.sessionId)) {
        fail(w, 'attaching', 'invalid-response', 'Raydocs created the sessions, but none of them holds this file');
        continue;
      }
      // Batch-created sessions are all named "Pending…": name this one after its file so people can find it.
      await rt.client.renameSession(found.sessionId, w.item.name).catch(() => undefined);
      attached(w, found.sessionId, found.doc);
    }
  };

  /** Keys in the batcher, and keys of the calls under way (ATTACH_KEYS_IN_FLIGHT). */
  let waiting = 0;
  let sending = 0;

  const flush = async (ids: string[]): Promise<void> => {
    if (rt.closed) return;
    const batch: Work[] = [];
    for (const id of ids) {
      const w = rt.store.works.get(id);
      if (w && w.inAttachBatch && w.next === 'attaching' && (w.key || w.candidateSessions || w.documentId)) batch.push(w);
    }
    if (batch.length === 0) return;
    const runs = new Map<Work, Run>();
    for (const w of batch) {
      w.inAttachBatch = false;
      runs.set(w, beginRun(w));
    }
    /** The batch's items still in this attempt: not interrupted, not yet settled. */
    const live = (): Work[] => batch.filter((w) => !runs.get(w)!.stale());
    const target = batch[0]!.item.target;
    sending += batch.length;
    try {
      if (target.kind === 'session') await attachToSession(target, batch, live);
      else await createSessionsPerFile(target, live);
    } catch (err) {
      // A 404 or 422 on the session says it is not what the cache remembers (a detach, someone else's attach).
      const refusedSession = sessionRefused(err);
      if (refusedSession) docs.forget(refusedSession);
      const pending = live();
      // A refusal of the whole call (422) may be about one key, or about content already there (an attach of what the
      // session holds): try each alone, after a fresh look, before failing anyone. A refusal of the target itself
      // (403, session or template gone) is about every key: handleError fails them all at once.
      const oneMoreAlone = pending.length > 1 || (pending.length === 1 && isValidation(err) && !pending[0]!.soloAttach);
      if (oneMoreAlone && classifyError(err).kind === 'fail' && !targetRefusal(err, target)) {
        for (const w of pending) {
          runs.get(w)!.finish();
          w.soloAttach = true;
          w.verifyBeforeAttach = true;
          setState(w, pendingState(w), { durable: true });
        }
        return;
      }
      // Items already settled (by the pre-attach check) are no longer live.
      for (const w of live()) {
        // The server may have done it before the error reached us: look first next time.
        w.verifyBeforeAttach = true;
        save(rt, w);
        deps.handleError(w, 'attaching', runs.get(w)!, err);
      }
    } finally {
      sending -= batch.length;
      deps.schedulePump();
    }
  };

  const batcher = createKeyBatcher({
    windowMs: rt.cfg.attachWindowMs,
    max: MAX_ATTACH_KEYS,
    onBatch: (_key, ids) => {
      waiting -= ids.length;
      void flush(ids);
    },
    clock: rt.clock,
  });

  return {
    enqueue(w) {
      w.inAttachBatch = true;
      waiting++;
      // After a refused batch each key goes alone, so one bad file cannot fail the others.
      batcher.add(targetKey(w.item.target), w.item.id, w.soloAttach);
    },
    full: () => waiting + sending >= ATTACH_KEYS_IN_FLIGHT,
    close: () => batcher.close(),
  };
}
