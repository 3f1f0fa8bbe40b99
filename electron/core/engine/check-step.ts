// The checking step: content the session already holds finishes the item; content the workspace holds is attached
// without an upload.
import { stat } from 'node:fs/promises';
import type { Dedup } from './dedup';
import { parsingsOf } from './doc-status';
import type { Failures } from './failures';
import type { Run } from './run';
import type { Runtime } from './runtime';
import type { SessionDocsCache } from './session-docs';
import type { Transitions } from './transitions';
import { doneState, pendingState, type Work } from './work';
import type { WorkspaceDocs } from './workspace-docs';

export function createCheckStep(
  rt: Runtime,
  t: Pick<Transitions, 'setState'>,
  docs: Pick<SessionDocsCache, 'load'>,
  deps: Pick<Dedup, 'followLeader'> & Pick<Failures, 'handleError'> & { schedulePump(): void; workspace: Pick<WorkspaceDocs, 'findBySha' | 'worthLookingUp'> },
): (w: Work, run: Run) => Promise<void> {
  const { setState } = t;
  /**
   * A recovered item's file may have changed while the app was not running. Stat'ed only where a stale hash would
   * do harm (following a leader, or finishing as already in the session): the upload step stats it anyway.
   * False when the file changed (the item goes back to hashing) or the run went stale.
   */
  const fileUnchanged = async (w: Work, run: Run): Promise<boolean> => {
    const st = await stat(w.item.path).catch(() => null);
    if (run.stale()) return false;
    w.recheckFile = false;
    if (!st || (st.size === w.hashedSize && st.mtimeMs === w.hashedMtimeMs)) return true;
    run.finish();
    rt.store.indexContent(w, false);
    w.sha256 = null;
    w.next = 'hashing';
    setState(w, pendingState(w), { journal: false });
    deps.schedulePump();
    return false;
  };

  const check = async (w: Work, run: Run): Promise<void> => {
    if (w.recheckFile && (rt.store.sameContent(w)?.size ?? 0) > 1 && !(await fileUnchanged(w, run))) return;
    if (!w.key && deps.followLeader(w)) return;
    const target = w.item.target;
    if (target.kind !== 'session') {
      // A new session per file holds nothing yet: nothing to check.
      run.finish();
      w.next = w.key ? 'attaching' : 'uploading';
      setState(w, pendingState(w), { journal: false });
      deps.schedulePump();
      return;
    }
    setState(w, { status: 'checking', sha256: w.sha256 ?? '' }, { journal: false });
    try {
      const present = await docs.load(target, false);
      if (run.stale()) return;
      w.attempt = 0;
      const doc = w.sha256 ? present.bySha.get(w.sha256) : undefined;
      if (doc && !w.key) {
        if (w.recheckFile && !(await fileUnchanged(w, run))) return;
        run.finish();
        w.sessionId = target.sessionId;
        w.documentId = doc.id;
        w.documentStatus = doc.status ?? 'unknown';
        w.parsings = parsingsOf(doc);
        setState(w, doneState(w, 'already-in-session'), { durable: true });
        return;
      }
      if (!w.key && w.sha256 && deps.workspace.worthLookingUp(w)) {
        // The workspace may hold this content (another session's upload): attach that document, upload nothing.
        const known = await deps.workspace.findBySha(target.workspaceId, w.sha256);
        if (run.stale()) return;
        if (known) {
          // A file changed since its hash goes back to hashing (or the run went stale): nothing more to do here.
          if (w.recheckFile && !(await fileUnchanged(w, run))) return;
          w.documentId = known.id;
          w.reused = 'before-upload';
        }
      }
      run.finish();
      w.next = w.key || w.documentId ? 'attaching' : 'uploading';
      setState(w, pendingState(w));
    } catch (err) {
      deps.handleError(w, 'checking', run, err);
    } finally {
      deps.schedulePump();
    }
  };

  // The run spans the whole step, its awaits included; every way out ends it (a follower waits without one).
  return async (w, run) => {
    rt.checkingNow++;
    try {
      await check(w, run);
    } finally {
      rt.checkingNow--;
      run.finish();
      // After the count drops: a pump queued earlier in this step may have found every check slot taken.
      deps.schedulePump();
    }
  };
}
