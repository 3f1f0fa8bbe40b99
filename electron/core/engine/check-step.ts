// The checking step: content the session already holds finishes the item; content the workspace holds is attached
// without an upload.
import { stat } from 'node:fs/promises';
import type { Dedup } from './dedup';
import { parsingsOf } from './doc-status';
import type { Failures } from './failures';
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
): (w: Work) => Promise<void> {
  const { setState } = t;
  /**
   * A recovered item's file may have changed while the app was not running. Stat'ed only where a stale hash would
   * do harm (following a leader, or finishing as already in the session): the upload step stats it anyway.
   * False when the file changed (the item goes back to hashing) or the run went stale.
   */
  const fileUnchanged = async (w: Work): Promise<boolean> => {
    const gen = w.gen;
    const wasRunning = w.running;
    w.running = true;
    const st = await stat(w.item.path).catch(() => null);
    if (w.gen !== gen || rt.closed) return false;
    w.recheckFile = false;
    if (!st || (st.size === w.hashedSize && st.mtimeMs === w.hashedMtimeMs)) {
      w.running = wasRunning;
      return true;
    }
    w.running = false;
    rt.store.indexContent(w, false);
    w.sha256 = null;
    w.next = 'hashing';
    setState(w, pendingState(w), false, false);
    deps.schedulePump();
    return false;
  };

  return async (w) => {
    if (w.recheckFile && (rt.store.sameContent(w)?.size ?? 0) > 1 && !(await fileUnchanged(w))) return;
    if (!w.key && deps.followLeader(w)) return;
    const target = w.item.target;
    if (target.kind !== 'session') {
      // A new session per file holds nothing yet: nothing to check.
      w.next = w.key ? 'attaching' : 'uploading';
      setState(w, pendingState(w), false, false);
      deps.schedulePump();
      return;
    }
    w.running = true;
    const gen = w.gen;
    setState(w, { status: 'checking', sha256: w.sha256 ?? '' }, false, false);
    try {
      const present = await docs.load(target, false);
      if (w.gen !== gen || rt.closed) return;
      w.running = false;
      w.attempt = 0;
      const doc = w.sha256 ? present.bySha.get(w.sha256) : undefined;
      if (doc && !w.key) {
        if (w.recheckFile && !(await fileUnchanged(w))) return;
        w.sessionId = target.sessionId;
        w.documentId = doc.id;
        w.documentStatus = doc.status ?? 'unknown';
        w.parsings = parsingsOf(doc);
        setState(w, doneState(w, 'already-in-session'), true);
        return;
      }
      if (!w.key && w.sha256 && deps.workspace.worthLookingUp(w)) {
        // The workspace may hold this content (another session's upload): attach that document, upload nothing.
        w.running = true;
        const known = await deps.workspace.findBySha(target.workspaceId, w.sha256);
        if (w.gen !== gen || rt.closed) return;
        w.running = false;
        if (known && !(w.recheckFile && !(await fileUnchanged(w)))) {
          w.documentId = known.id;
          w.reused = 'before-upload';
        }
      }
      w.next = w.key || w.documentId ? 'attaching' : 'uploading';
      setState(w, pendingState(w));
    } catch (err) {
      deps.handleError(w, 'checking', gen, err);
    } finally {
      deps.schedulePump();
    }
  };
}
