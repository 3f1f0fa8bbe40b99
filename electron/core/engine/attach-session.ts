// Attaching a batch to an existing session: look first when an earlier try may have attached, then attach by id or by key.
import type { Target } from '../../../shared/queue';
import type { AttachKeyRefusals } from './attach-key-refusals';
import type { AttachOutcomes, Live } from './attach-outcomes';
import type { DocLike } from './doc-status';
import type { Failures } from './failures';
import { save } from './journal-writes';
import type { Runtime } from './runtime';
import type { SessionDocsCache } from './session-docs';
import type { Work } from './work';
import type { WorkspaceDocs } from './workspace-docs';

/**
 * The server hashes what it attaches (docs/raydocs-api.md §0) before it answers, so an attach of 50 large files can take
 * minutes: the call's timeout grows with its bytes. 0.5 s per MiB is 2.5 times what the emulator's slow-attach reading
 * plays; no timing is documented. A timeout is still no proof of failure: the next try looks first.
 */
const ATTACH_TIMEOUT_BASE_MS = 30_000;
const ATTACH_TIMEOUT_MS_PER_MIB = 500;

/** The timeout for one attach (or upload-by-key) call covering these files. */
export function attachTimeoutMs(items: Array<Pick<Work, 'hashedSize' | 'item'>>): number {
  const bytes = items.reduce((sum, w) => sum + (w.hashedSize ?? w.item.size), 0);
  return ATTACH_TIMEOUT_BASE_MS + Math.ceil((bytes / (1024 * 1024)) * ATTACH_TIMEOUT_MS_PER_MIB);
}

export type SessionTarget = Extract<Target, { kind: 'session' }>;

export interface SessionAttachDeps {
  docs: SessionDocsCache;
  workspace: Pick<WorkspaceDocs, 'createNamed'>;
  outcomes: Pick<AttachOutcomes, 'attached' | 'wrongContent' | 'settle'>;
  refusals: AttachKeyRefusals;
  handleError: Failures['handleError'];
}

/** Attaches one batch's keys (or documents created from them) to the target session. */
export type AttachToSession = (target: SessionTarget, batch: Work[], live: Live) => Promise<void>;

export function createSessionAttach(rt: Runtime, deps: SessionAttachDeps): AttachToSession {
  const { docs, workspace, handleError } = deps;
  const { attached, wrongContent, settle } = deps.outcomes;
  const { keysGone, sendingKeys } = deps.refusals;

  /** Items an earlier try may have carried further than the journal says (a crash, a lost answer, an error) are looked for. */
  const notYetThere = async (target: SessionTarget, batch: Work[], live: Live): Promise<Work[]> => {
    if (!batch.some((w) => w.verifyBeforeAttach)) return batch;
    const present = await docs.load(target, true);
    const todo: Work[] = [];
    for (const w of live()) {
      const doc = w.sha256 ? present.bySha.get(w.sha256) : undefined;
      if (doc) attached(w, target.sessionId, doc);
      else todo.push(w);
    }
    return todo;
  };

  /** Keep file names: each key becomes a workspace document named after its file, then one attach by id. */
  const createDocuments = async (target: SessionTarget, pending: Live, retried: Set<Work>, live: Live): Promise<void> => {
    const made = await workspace.createNamed(target.workspaceId, pending().filter((x) => x.key), (x) => retried.has(x));
    for (const w of made.wrong) await wrongContent(w, null, null);
    for (const { work, err } of made.failed) {
      if (!live().includes(work)) continue;
      save(rt, work); // verifyBeforeAttach is set: the create may have happened before the error reached us
      handleError(work, 'attaching', work.run!, err);
    }
    for (const { work, why } of made.gone) await keysGone(target, [work], why, true, live);
    for (const w of pending()) save(rt, w, true);
  };

  return async (target, batch, live) => {
    const { sessionId } = target;
    const retried = new Set(batch.filter((w) => w.verifyBeforeAttach));
    const todo = await notYetThere(target, batch, live);
    const pending = (): Work[] => todo.filter((w) => live().includes(w));
    if (pending().length === 0) return;
    for (const w of pending()) {
      w.verifyBeforeAttach = true; // from here on the server may hold it
      save(rt, w);
    }
    await rt.journal?.flush();
    await createDocuments(target, pending, retried, live);
    const byId = pending().filter((w) => !w.key && w.documentId);
    const timeoutMs = attachTimeoutMs(byId);
    if (byId.length > 0) await settle(sessionId, byId, await rt.client.attachSessionDocuments(sessionId, byId.map((w) => w.documentId!), undefined, { timeoutMs }), live);
    const byKey = pending().filter((w) => w.key);
    if (byKey.length === 0) return;
    const upload = (): Promise<DocLike[]> => rt.client.uploadSessionDocuments(sessionId, byKey.map((w) => w.key!), undefined, { timeoutMs: attachTimeoutMs(byKey) });
    const returned = await sendingKeys(target, byKey, 'keys', live, upload);
    if (returned) await settle(sessionId, byKey, returned, live);
  };
}
