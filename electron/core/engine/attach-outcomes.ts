// What becomes of a file after an attach call answered: attached, sent back to attach or upload, or its wrong content dropped.
import { parsingsOf, type DocLike } from './doc-status';
import type { EngineEvents } from './events';
import type { Runtime } from './runtime';
import type { SessionDocsCache } from './session-docs';
import type { Transitions } from './transitions';
import { doneState, pendingState, type Work } from './work';

/** Uploads of one file in a row that Raydocs stored with other content before the item fails. */
const MAX_WRONG_CONTENT = 3;
/** Fresh keys of one file in a row that Raydocs refused as gone before the item fails (a misread refusal cannot loop). */
const MAX_REFUSED_KEYS = 3;

/** The items of one attach batch still in this attempt: not interrupted, not yet settled. */
export type Live = () => Work[];

export interface AttachOutcomes {
  /** Attached and its sha256 verified: the upload is over (storage-only), whatever the document's parse says. */
  attached(w: Work, sessionId: string, doc: DocLike): void;
  /**
   * Raydocs holds other bytes than were hashed (`got`): never keep them. A wrong document already attached is detached
   * first (`detachFrom`), then the file is hashed and uploaded again as it is now; a file that keeps disagreeing fails.
   */
  wrongContent(w: Work, got: string | null, detachFrom: { sessionId: string; documentId: string } | null): Promise<void>;
  /** Back in line for the next attach call, looking in the session first. */
  attachAgain(w: Work): void;
  /** The key is gone but the file is here: a new URL and a new PUT, then an attach of the new key. */
  uploadAgain(w: Work, why: string): void;
  /** Matches the attach answer to the files by id or sha256; what came back with other content is detached. */
  settle(sessionId: string, sent: Work[], returned: DocLike[], live: Live): Promise<void>;
}

export function createAttachOutcomes(rt: Runtime, t: Transitions, docs: SessionDocsCache, events: Pick<EngineEvents, 'emit'>): AttachOutcomes {
  const { setState, fail } = t;

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

  const attachAgain = (w: Work): void => {
    w.run?.finish();
    w.verifyBeforeAttach = true;
    setState(w, pendingState(w), { durable: true });
  };

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

  const settle = async (sessionId: string, sent: Work[], returned: DocLike[], live: Live): Promise<void> => {
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

  return { attached, wrongContent, attachAgain, uploadAgain, settle };
}
