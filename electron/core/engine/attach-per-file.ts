// One session per file: a batch create makes the sessions, then each file finds the one that holds its content.
import type { Target } from '../../../shared/queue';
import type { AttachKeyRefusals } from './attach-key-refusals';
import type { AttachOutcomes, Live } from './attach-outcomes';
import type { DocLike } from './doc-status';
import { save } from './journal-writes';
import type { Runtime } from './runtime';
import type { SessionDocsCache } from './session-docs';
import type { Transitions } from './transitions';
import type { Work } from './work';

export type PerFileTarget = Exclude<Target, { kind: 'session' }>;

/** Makes (or resumes finding) one session for each file of the batch. */
export type CreateSessionsPerFile = (target: PerFileTarget, live: Live) => Promise<void>;

export function createPerFileAttach(
  rt: Runtime,
  fail: Transitions['fail'],
  docs: Pick<SessionDocsCache, 'withSha'>,
  deps: { outcomes: Pick<AttachOutcomes, 'attached'>; refusals: Pick<AttachKeyRefusals, 'sendingKeys'> },
): CreateSessionsPerFile {
  const { attached } = deps.outcomes;
  const { sendingKeys } = deps.refusals;

  const settlePerFile = async (todo: Work[], live: Live): Promise<void> => {
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

  /**
   * The batch answer lists sessions without saying which file each holds (nor promising their order), so every item
   * first remembers all the sessions its call made; each is then settled by finding its sha256 in one of them, and that
   * session is renamed after the file. A crash or error in between resumes at the lookup, never at a second create.
   */
  return async (target, live) => {
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
}
