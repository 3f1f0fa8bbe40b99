// Temporary keys Raydocs refused as gone: look for what they carried (it may be stored already), else upload those files again.
import type { Target } from '../../../shared/queue';
import type { AttachOutcomes, Live } from './attach-outcomes';
import { keyRefusal, type KeyField } from './refusals';
import type { SessionDocsCache } from './session-docs';
import type { Work } from './work';
import type { WorkspaceDocs } from './workspace-docs';

export interface AttachKeyRefusals {
  /**
   * Keys Raydocs refused as unknown, consumed or expired. Their content may already be stored (an earlier try attached
   * it, or created its workspace document before its answer was lost): the session is read fresh and, on the two-call
   * path, the workspace is asked by sha256; what is found is finished or attached by id. The rest is uploaded again.
   */
  keysGone(target: Target, gone: Work[], why: string, lookInWorkspace: boolean, live: Live): Promise<void>;
  /**
   * Sends `sent`'s keys with `call`. When Raydocs refuses some of them as gone, those files are looked for and otherwise
   * uploaded again; if nothing else was refused, the others go again. Returns null then. From then on each of these
   * files goes in a call of its own: a server that spends the good keys of a refused call (no transaction) would
   * otherwise spend every new key along with the next refused one, round after round.
   */
  sendingKeys<T>(target: Target, sent: Work[], field: KeyField, live: Live, call: () => Promise<T>): Promise<T | null>;
}

export function createAttachKeyRefusals(
  docs: SessionDocsCache,
  workspace: Pick<WorkspaceDocs, 'findBySha'>,
  outcomes: Pick<AttachOutcomes, 'attached' | 'attachAgain' | 'uploadAgain'>,
): AttachKeyRefusals {
  const { attached, attachAgain, uploadAgain } = outcomes;

  const keysGone = async (target: Target, gone: Work[], why: string, lookInWorkspace: boolean, live: Live): Promise<void> => {
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

  const sendingKeys = async <T>(target: Target, sent: Work[], field: KeyField, live: Live, call: () => Promise<T>): Promise<T | null> => {
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

  return { keysGone, sendingKeys };
}
